@testable import Audit
import EventLog
import Foundation
import Testing

/// An `outlier` rule in `peers` mode keeps each unit's tally (`PeerTally`: penalties decided
/// and revocations per officer), so that new penalties and revocations — late entries
/// included — are judged from it without reading the unit's facts back; what it finds must
/// be what judging every fact finds. Case: 行政处罚法 art. 75(1) (supervision of penalties) —
/// an officer revoking tickets at more than 3× the unit's median rate, with at least 10
/// penalties decided and 3 revoked (the police pack's `police.revocation_rate`).
@Suite("PeerTally: a revocation-rate rule judged from its tally over several incremental audits")
struct PeerTallyTests {
    private static let pack = #"""
        {"pack": "test", "name": {"zh": "测试", "en": "Test"}, "rules": [{"id": "test.revocation_rate",
          "name": {"zh": "执法人员撤销处罚比例异常偏高", "en": "Officer revokes penalties far above the unit's rate"}, "kind": "outlier",
          "severity": "medium", "basis": {"zh": "《行政处罚法》第七十五条第一款", "en": "Administrative Penalty Law art. 75(1)"},
          "params": {"mode": "peers", "when": {"type": "penalty.revoked"}, "base": {"type": "penalty.decided"}, "group": "dept",
            "factor": 3, "min_base": 10, "min_count": 3}}]}
        """#

    /// `count` penalties decided by `officer` of `dept` on a September day from 09:00, a minute apart.
    private static func decided(_ officer: Int, _ count: Int, day: Int, dept: String = "gy.jgj") -> [String] {
        (0 ..< count).map { index in
            let minute = String(format: "%02d", index)
            return #"{"id":"D-\#(officer)-\#(day)-\#(index)","type":"penalty.decided","at":"2026-09-\#(String(format: "%02d", day))T09:\#(minute):00+08:00","dept":"\#(dept)","actor":"officer:\#(officer)","subject":"penalty:\#(officer)-\#(day)-\#(index)","data":{"party":"p","act":"a","code":"c","amount":200}}"#
        }
    }

    /// A revocation by `officer` of `dept` on a September day (at `time`, default 15:00).
    private static func revoked(_ officer: Int, _ number: Int, day: Int, time: String = "15:00", dept: String = "gy.jgj") -> String {
        #"{"id":"R-\#(officer)-\#(number)","type":"penalty.revoked","at":"2026-09-\#(String(format: "%02d", day))T\#(time):00+08:00","dept":"\#(dept)","actor":"officer:\#(officer)","subject":"penalty:r\#(officer)-\#(number)","data":{"reason":"r"}}"#
    }

    private static let asOf = instant("2026-12-31T00:00:00+08:00")

    private static func describe(_ result: AuditResult) -> [String] {
        result.findings.map { item in
            let finding = item.finding
            return "\(finding.details["actor"] ?? "?") \(finding.subject) began \(finding.began.string(offsetSeconds: 8 * 3600)) \(finding.evidence) "
                + "count \(finding.details["count"] ?? "?") base \(finding.details["base"] ?? "?") reference \(finding.details["reference"] ?? "?") \(finding.id)"
        }
    }

    @Test("penalties and revocations added audit by audit find what one audit of them all finds, late revocations included")
    func incrementalAudits() throws {
        let rules = try ShippedRules.withPack(Self.pack)
        let log = try ScratchLog()
        let engine = try log.engine(rules)
        /// The findings after the events (without their ids), and how many keys were judged from their tallies.
        func audit(_ lines: [String]) throws -> [String] {
            try log.append(lines.map { ($0, nil) })
            let found = Self.describe(try engine.audit(asOf: Self.asOf)).map { String($0.prefix(upTo: $0.range(of: " F-")?.lowerBound ?? $0.endIndex)) }
            return found + ["tallied \(engine.talliedKeys)"]
        }
        // Seqs 1–30: ten penalties each for officers 1–3; 31, 32: one revocation each for 1
        // and 2; 33–36: four for officer 3. Rates 0.1, 0.1, 0.4 against a median of 0.1:
        // officer 3 is the outlier. The unit's key is new, with aggregated rows: judged from
        // its stored facts, which keeps its tally.
        let first = Self.decided(1, 10, day: 1) + Self.decided(2, 10, day: 1) + Self.decided(3, 10, day: 1)
            + [Self.revoked(1, 1, day: 2), Self.revoked(2, 1, day: 2)] + (1 ... 4).map { Self.revoked(3, $0, day: 3) }
        #expect(try audit(first) == [
            "officer:3 penalty:r3-4 began 2026-09-03T15:00:00+08:00 [33, 34, 35, 36] count 4 base 10 reference 0.1", "tallied 0",
        ])
        // A fifth revocation by officer 3 (seq 37): from the tally, the finding grows.
        #expect(try audit([Self.revoked(3, 5, day: 4)]) == [
            "officer:3 penalty:r3-5 began 2026-09-04T15:00:00+08:00 [33, 34, 35, 36, 37] count 5 base 10 reference 0.1", "tallied 1",
        ])
        // Penalties alone (aggregated rows, seqs 38–47): officer 4 joins at rate 0; the median
        // of 0, 0.1, 0.1, 0.5 is still 0.1, the finding stands — from the tally.
        #expect(try audit(Self.decided(4, 10, day: 5)) == [
            "officer:3 penalty:r3-5 began 2026-09-04T15:00:00+08:00 [33, 34, 35, 36, 37] count 5 base 10 reference 0.1", "tallied 1",
        ])
        // A revocation by officer 3 entered late (seq 48, dated 2 September): it takes its place
        // first in the evidence; the latest revocation still anchors the finding.
        #expect(try audit([Self.revoked(3, 6, day: 2, time: "08:00")]) == [
            "officer:3 penalty:r3-5 began 2026-09-04T15:00:00+08:00 [48, 33, 34, 35, 36, 37] count 6 base 10 reference 0.1", "tallied 1",
        ])
        // Officer 1 revokes two more and decides ten more (seqs 49–60): rates 0.15, 0.1, 0.6, 0 —
        // median 0.125, and 0.6 > 0.375 still; the reference moves, from the tally.
        #expect(try audit(Self.decided(1, 10, day: 6) + [Self.revoked(1, 2, day: 6), Self.revoked(1, 3, day: 6, time: "16:00")]) == [
            "officer:3 penalty:r3-5 began 2026-09-04T15:00:00+08:00 [48, 33, 34, 35, 36, 37] count 6 base 10 reference 0.125", "tallied 1",
        ])
        // Officer 3 decides ten more (seqs 61–70): rate 0.3, below 0.375: no finding.
        #expect(try audit(Self.decided(3, 10, day: 7)) == ["tallied 1"])
        let tally = try engine.projection.withTally(rule: 0, key: "gy.jgj") { PeerTally(encoded: $0) }
        var expected = PeerTally()
        expected.lastSeq = 60
        let card = { (officer: Int, number: Int) in (subject: "penalty:r\(officer)-\(number)", actor: "officer:\(officer)") }
        func member(_ officer: Int, base: Int, marks: [(day: Int, hour: Int, seq: Int64)], last: Int) -> PeerTally.Member {
            var member = PeerTally.Member(base: base)
            member.marks = marks.map { PeerTally.Mark(at: instant("2026-09-0\($0.day)T\(String(format: "%02d", $0.hour)):00:00+08:00").millisecondsSinceEpoch, seq: $0.seq) }
            if !marks.isEmpty {
                member.subject = card(officer, last).subject
                member.dept = "gy.jgj"
                member.actor = card(officer, last).actor
            }
            return member
        }
        expected.members = [
            "officer:1": member(1, base: 20, marks: [(2, 15, 31), (6, 15, 59), (6, 16, 60)], last: 3),
            "officer:2": member(2, base: 10, marks: [(2, 15, 32)], last: 1),
            "officer:3": member(3, base: 20, marks: [(2, 8, 48), (3, 15, 33), (3, 15, 34), (3, 15, 35), (3, 15, 36), (4, 15, 37)], last: 5),
            "officer:4": member(4, base: 10, marks: [], last: 0),
        ]
        #expect(tally == expected)
        let incremental = Self.describe(try engine.audit(asOf: Self.asOf))
        _ = try engine.rebuild()
        #expect(Self.describe(try engine.audit(asOf: Self.asOf)) == incremental)
    }

    @Test("two units' random penalties and revocations, one in eight entered late, ingested in ten pieces find what a rebuild finds")
    func tenPieces() throws {
        let rules = try ShippedRules.withPack(Self.pack)
        var generator = SplitMix64(state: 2026)
        // Twelve officers in two units; officers 3 and 9 revoke far more often than the rest.
        var revocations = 0
        let lines = (1 ... 600).map { number -> String in
            let day = 1 + (number - 1) / 25
            let officer = Int.random(in: 1 ... 12, using: &generator)
            let dept = officer <= 6 ? "gy.jgj" : "gy.hgj"
            let often = officer == 3 || officer == 9
            guard Int.random(in: 0 ..< 10, using: &generator) < (often ? 4 : 1) else {
                return Self.decided(officer, 1, day: day, dept: dept)[0].replacingOccurrences(of: "-\(day)-0", with: "-n\(number)")
            }
            revocations += 1
            let late = Int.random(in: 0 ..< 8, using: &generator) == 0
            let shown = late ? max(1, day - Int.random(in: 1 ... 5, using: &generator)) : day
            return Self.revoked(officer, number, day: shown, time: "1\(Int.random(in: 0 ... 7, using: &generator)):00", dept: dept)
        }
        let log = try ScratchLog()
        let engine = try log.engine(rules)
        var tallied = 0
        try log.ingestInTenPieces(lines, seed: 7) { _ in
            _ = try engine.audit(asOf: Self.asOf)
            tallied += engine.talliedKeys
        }
        let incremental = Self.describe(try engine.audit(asOf: Self.asOf))
        _ = try engine.rebuild()
        let rebuilt = Self.describe(try engine.audit(asOf: Self.asOf))
        #expect(incremental == rebuilt)
        #expect(revocations == 84)
        #expect(rebuilt.map { $0.replacingOccurrences(of: #"\[[0-9, ]*\] "#, with: "", options: .regularExpression) } == [
            "officer:3 penalty:r3-553 began 2026-09-23T11:00:00+08:00 count 17 base 28 reference 0.104 F-dd95728b46e4d8d7",
            "officer:9 penalty:r9-583 began 2026-09-24T16:00:00+08:00 count 22 base 28 reference 0.11 F-a45396aebd96deb8",
        ])
        // After the first piece both units have tallies: every later piece judges both from them.
        #expect(tallied == 18)
    }

    @Test("a tally round-trips through its encoding, and a damaged one is refused")
    func coding() throws {
        var tally = PeerTally()
        tally.lastSeq = 99
        var member = PeerTally.Member(base: 12)
        member.marks = [.init(at: 1_790_000_000_000, seq: 7), .init(at: 1_790_000_360_000, seq: 99), .init(at: 1_790_000_360_000, seq: 100)]
        member.subject = "penalty:甲"
        member.dept = "gy.jgj"
        tally.members = ["officer:1": member, "officer:2": PeerTally.Member(base: 3), "": PeerTally.Member(base: 0, marks: [.init(at: -5, seq: 3)], subject: "s", dept: "d", actor: "a")]
        let bytes = tally.encoded()
        #expect(bytes.withUnsafeBytes { PeerTally(encoded: $0) } == tally)
        #expect(Array(bytes.dropLast()).withUnsafeBytes { PeerTally(encoded: $0) } == nil)
    }
}
