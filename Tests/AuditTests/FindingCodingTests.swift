@testable import Audit
import EventLog
import Testing

@Suite("Finding+Coding")
struct FindingCodingTests {
    static let findings = [
        Finding(
            id: "F-0123456789abcdef", rule: "licensing.decision_20wd", code: "overdue", severity: .high, subject: "app:2026-0042",
            dept: "gy.zwfw", actor: "officer:0451", began: instant("2026-10-26T09:00:00+08:00"),
            redFrom: instant("2026-10-30T00:00:00.001+08:00"), level: .red, due: instant("2026-10-30T00:00:00+08:00"),
            evidence: [2688, 17, 3019], details: ["limit": "20 workdays", "说明": "补正后重新计算"]),
        Finding(
            id: "F-fedcba9876543210", rule: "money.split_purchase", code: "threshold_passed", severity: .medium, subject: "proc:7",
            dept: "gy.czj", actor: nil, began: instant("2003-01-01T00:00:00+08:00"), level: .yellow, evidence: [], details: [:]),
    ]

    @Test("a finding reads back as written, with or without its red and due instants, actor and details")
    func roundTrip() {
        for finding in Self.findings {
            #expect(finding.encoded().withUnsafeBytes { Finding(encoded: $0) } == finding)
            #expect(finding.encoded().withUnsafeBytes { Finding(encoded: $0, likelyRule: finding.rule) } == finding)
        }
    }

    @Test("a body cut short or with bytes past its end reads as damaged")
    func damaged() {
        let bytes = Self.findings[0].encoded()
        for cut in 0 ..< bytes.count {
            #expect(Array(bytes.prefix(cut)).withUnsafeBytes { Finding(encoded: $0) } == nil)
        }
        #expect((bytes + [0]).withUnsafeBytes { Finding(encoded: $0) } == nil)
    }
}
