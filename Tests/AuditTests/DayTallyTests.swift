@testable import Audit
import EventLog
import Foundation
import Testing

/// An `outlier` rule in `history` mode keeps each actor's day counts (`DayTally`): new
/// look-ups that change neither the outlying days nor the median leave the stored findings
/// as they are, without reading the actor's look-ups back. Case: 个人信息保护法 art. 34 — a
/// day with at least 5 look-ups and more than 3× the person's median day.
@Suite("DayTally: a history outlier rule judged from its day counts over several incremental audits")
struct DayTallyTests {
    private static let pack = #"""
        {"pack": "test", "name": {"zh": "测试", "en": "Test"}, "rules": [{"id": "test.lookup_volume",
          "name": {"zh": "单日查询量远超本人日常水平", "en": "Look-ups far above the usual volume"}, "kind": "outlier", "severity": "medium",
          "basis": {"zh": "《个人信息保护法》第三十四条", "en": "Personal Information Protection Law art. 34"},
          "params": {"mode": "history", "when": {"type": "record.accessed"}, "factor": 3, "min_count": 5}}]}
        """#

    /// `count` look-ups by officer:1 on a September day, a minute apart from 09:00 (or at `time`).
    private static func lookups(_ day: Int, _ count: Int, time: String? = nil) -> [(line: String, recorded: Instant?)] {
        (0 ..< count).map { index in
            let at = "2026-09-0\(day)T\(time ?? "09:0\(index)"):00+08:00"
            let id = "L-\(day)-\(time ?? "m")-\(index)"
            return (#"{"id":"\#(id)","type":"record.accessed","at":"\#(at)","dept":"gy.gaj","actor":"officer:1","subject":"person:\#(index)","data":{"purpose":"case","case":"case:1"}}"#, nil)
        }
    }

    private static let asOf = instant("2026-10-01T00:00:00+08:00")

    @Test("look-ups added audit by audit find what one audit of them all finds, and the tally counts every day")
    func incrementalAudits() throws {
        let rules = try ShippedRules.withPack(Self.pack)
        let log = try ScratchLog()
        let engine = try log.engine(rules)
        func describe(_ result: AuditResult) -> [String] {
            result.findings.map { item in
                let finding = item.finding
                return "\(finding.details["date"] ?? "?") count \(finding.details["count"] ?? "?") median \(finding.details["median"] ?? "?") began \(finding.began.string(offsetSeconds: 8 * 3600)) \(finding.evidence)"
            }
        }
        /// The findings after the look-ups, and how many keys were judged from their tallies.
        func audit(_ lookups: [(line: String, recorded: Instant?)]) throws -> [String] {
            try log.append(lookups)
            return describe(try engine.audit(asOf: Self.asOf)) + ["tallied \(engine.talliedKeys)"]
        }
        let outlier = "2026-09-04 count 6 median 1 began 2026-09-04T09:05:00+08:00 [4, 5, 6, 7, 8, 9]"
        // Days of 1, 1, 1 and 6: the sixth day is an outlier. The actor is new: judged from the batch,
        // which keeps its tally (the final batch of a catch-up).
        #expect(try audit(Self.lookups(1, 1) + Self.lookups(2, 1) + Self.lookups(3, 1) + Self.lookups(4, 6)) == [outlier, "tallied 0"])
        // From the tally the batch kept: the median stays 1, the findings stand.
        #expect(try audit(Self.lookups(5, 1)) == [outlier, "tallied 1"])
        // Two look-ups on a new day: the median stays 1, the outlier the same; the findings stand.
        #expect(try audit(Self.lookups(6, 2)) == [outlier, "tallied 1"])
        // A seventh look-up on the outlying day, entered late: its evidence grows, from every look-up.
        #expect(try audit(Self.lookups(4, 1, time: "18:00")) == [
            "2026-09-04 count 7 median 1 began 2026-09-04T18:00:00+08:00 [4, 5, 6, 7, 8, 9, 13]", "tallied 0",
        ])
        // Days of 3 and 3: the median of 1, 1, 1, 1, 2, 3, 3, 7 is still 1 (whole events).
        #expect(try audit(Self.lookups(7, 3) + Self.lookups(8, 3)) == [
            "2026-09-04 count 7 median 1 began 2026-09-04T18:00:00+08:00 [4, 5, 6, 7, 8, 9, 13]", "tallied 1",
        ])
        // A day of 2 moves the median to 2: the findings say so, judged from every look-up.
        #expect(try audit(Self.lookups(9, 2)) == [
            "2026-09-04 count 7 median 2 began 2026-09-04T18:00:00+08:00 [4, 5, 6, 7, 8, 9, 13]", "tallied 0",
        ])
        let tally = try engine.projection.withTally(rule: 0, key: "officer:1") { DayTally(encoded: $0) }
        var expected = DayTally()
        expected.counts = [
            "2026-09-01": 1, "2026-09-02": 1, "2026-09-03": 1, "2026-09-04": 7, "2026-09-05": 1, "2026-09-06": 2, "2026-09-07": 3,
            "2026-09-08": 3, "2026-09-09": 2,
        ]
        expected.lastSeq = 21
        #expect(tally == expected)
        let incremental = describe(try engine.audit(asOf: Self.asOf))
        _ = try engine.rebuild()
        #expect(describe(try engine.audit(asOf: Self.asOf)) == incremental)
    }

    @Test("a tally round-trips through its encoding, and a damaged one is refused")
    func coding() throws {
        var tally = DayTally()
        tally.counts = ["2026-09-01": 3, "2026-09-02": 12]
        tally.lastSeq = 99
        let bytes = tally.encoded()
        #expect(bytes.withUnsafeBytes { DayTally(encoded: $0) } == tally)
        #expect(Array(bytes.dropLast()).withUnsafeBytes { DayTally(encoded: $0) } == nil)
    }
}
