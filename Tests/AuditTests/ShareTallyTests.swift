@testable import Audit
import EventLog
import Foundation
import Testing

/// A `share` window keeps a tally per group (`ShareTally`), so that new awards are judged
/// against it instead of reading the whole group back; what it finds must be what judging
/// every award finds. Case: 政府采购法 art. 5 — one supplier taking most of a unit's awards.
@Suite("ShareTally: a share rule judged from its tally over several incremental audits")
struct ShareTallyTests {
    private static let pack = #"""
        {"pack": "test", "name": {"zh": "测试", "en": "Test"}, "rules": [{"id": "test.supplier_share",
          "name": {"zh": "单一供应商过半", "en": "One supplier takes most"}, "kind": "window", "severity": "medium", "level": "yellow",
          "basis": {"zh": "《政府采购法》第五条", "en": "Government Procurement Law art. 5"},
          "params": {"when": {"type": "procurement.awarded"}, "group": ["dept"], "sum": "data.amount",
            "share": {"by": "data.supplier", "above": 0.5}, "min_events": 3}}]}
        """#

    private static func award(_ number: Int, _ supplier: String, _ amount: Int) -> (line: String, recorded: Instant?) {
        (#"{"id":"P-\#(number)","type":"procurement.awarded","at":"2026-09-0\#(number)T09:00:00+08:00","dept":"gy.jtj","actor":"officer:1","subject":"proc:\#(number)","data":{"supplier":"\#(supplier)","amount":\#(amount)}}"#, nil)
    }

    private static let asOf = instant("2026-10-01T00:00:00+08:00")

    private static func describe(_ result: AuditResult) -> [String] {
        result.findings.map { item in
            let finding = item.finding
            return "\(finding.details["member"] ?? "?") began \(finding.began.string(offsetSeconds: 8 * 3600)) \(finding.evidence) share \(finding.details["share"] ?? "?")"
        }
    }

    @Test("awards added audit by audit find what one audit of them all finds, and the tally holds every award")
    func incrementalAudits() throws {
        let rules = try ShippedRules.withPack(Self.pack)
        let log = try ScratchLog()
        let engine = try log.engine(rules)
        /// The findings after the awards, and how many keys were judged from their tallies.
        func audit(_ awards: [(line: String, recorded: Instant?)]) throws -> [String] {
            try log.append(awards)
            let result = try engine.audit(asOf: Self.asOf)
            return Self.describe(result) + ["tallied \(engine.talliedKeys)"]
        }
        // Two awards: too few to judge (min_events 3); the group is new, judged from the batch.
        #expect(try audit([Self.award(1, "org:A", 100), Self.award(2, "org:B", 200)]) == ["tallied 0"])
        // A has 400 of 600 since award 3: judged from every award (no tally yet), which keeps one.
        #expect(try audit([Self.award(3, "org:A", 300)]) == ["org:A began 2026-09-03T09:00:00+08:00 [1, 3] share 0.667", "tallied 0"])
        // 400 of 700 is above the line: only every award tells when A's share began.
        #expect(try audit([Self.award(4, "org:C", 100)]) == ["org:A began 2026-09-03T09:00:00+08:00 [1, 3] share 0.571", "tallied 0"])
        // 400 of 1,000: nobody is near the line, and the tally alone says so.
        #expect(try audit([Self.award(5, "org:D", 300)]) == ["tallied 1"])
        #expect(try audit([Self.award(6, "org:D", 50)]) == ["tallied 1"])
        // D reaches 850 of 1,550 (0.548): back to every award, which finds D's share began with award 7.
        #expect(try audit([Self.award(7, "org:D", 500)]) == ["org:D began 2026-09-07T09:00:00+08:00 [5, 6, 7] share 0.548", "tallied 0"])
        let tally = try engine.projection.withTally(rule: 0, key: "gy.jtj") { ShareTally(encoded: $0) }
        var expected = ShareTally()
        expected.count = 7
        expected.total = 1550
        expected.parts = ["org:A": 400, "org:B": 200, "org:C": 100, "org:D": 850]
        expected.lastSeq = 7
        #expect(tally == expected)
        let incremental = Self.describe(try engine.audit(asOf: Self.asOf))
        _ = try engine.rebuild()
        #expect(Self.describe(try engine.audit(asOf: Self.asOf)) == incremental)
    }

    @Test("a tally round-trips through its encoding, and a damaged one is refused")
    func coding() throws {
        var tally = ShareTally()
        tally.count = 3
        tally.total = 0.1 + 0.2
        tally.parts = ["org:甲": 0.1, "": 0.2]
        tally.lastSeq = 42
        let bytes = tally.encoded()
        #expect(bytes.withUnsafeBytes { ShareTally(encoded: $0) } == tally)
        #expect(Array(bytes.dropLast()).withUnsafeBytes { ShareTally(encoded: $0) } == nil)
    }
}
