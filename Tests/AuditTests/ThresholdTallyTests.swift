@testable import Audit
import EventLog
import Foundation
import Testing

/// A threshold `window` rule keeps a tally per group (`ThresholdTally`), so that awards dated
/// after the group's latest extend its finding without reading the group back; what it finds
/// must be what judging every award finds. Case: 政府采购法 art. 28 and 实施条例 art. 28 —
/// non-open purchases of one budget item, category and fiscal year above the open-tender
/// threshold of 2,000,000 (政府采购非招标采购方式管理办法, as cited in the money pack).
@Suite("ThresholdTally: a split-purchase rule judged from its tally over several incremental audits")
struct ThresholdTallyTests {
    private static let pack = #"""
        {"pack": "test", "name": {"zh": "测试", "en": "Test"}, "rules": [{"id": "test.split_purchase",
          "name": {"zh": "化整为零规避公开招标", "en": "Purchases split to stay under the open-tender threshold"}, "kind": "window",
          "severity": "high", "basis": {"zh": "《政府采购法》第二十八条", "en": "Government Procurement Law art. 28"},
          "params": {"when": {"type": "procurement.awarded", "data.method": {"ne": "open_tender"}},
            "group": ["dept", "data.budget_item", "data.category", "at.fiscal_year"], "sum": "data.amount",
            "threshold": 2000000, "min_events": 2}}]}
        """#

    /// A non-open award of budget item `item` on a September day (at `time`, default 09:00).
    private static func award(_ number: Int, _ item: String, day: Int, time: String = "09:00", _ amount: Int) -> String {
        #"{"id":"P-\#(number)","type":"procurement.awarded","at":"2026-09-\#(day < 10 ? "0" : "")\#(day)T\#(time):00+08:00","dept":"gy.czj","actor":"officer:\#(number)","subject":"proc:\#(number)","data":{"method":"inquiry","amount":\#(amount),"supplier":"org:A","budget_item":"\#(item)","category":"A02"}}"#
    }

    private static let asOf = instant("2026-12-31T00:00:00+08:00")

    private static func describe(_ result: AuditResult) -> [String] {
        result.findings.map { item in
            let finding = item.finding
            return "\(finding.details["data.budget_item"] ?? "?") \(finding.subject) began \(finding.began.string(offsetSeconds: 8 * 3600)) "
                + "\(finding.evidence) total \(finding.details["total"] ?? "?") count \(finding.details["count"] ?? "?") \(finding.id)"
        }
    }

    @Test("awards added audit by audit find what one audit of them all finds; an earlier-dated award is judged from every award")
    func incrementalAudits() throws {
        let rules = try ShippedRules.withPack(Self.pack)
        let log = try ScratchLog()
        let engine = try log.engine(rules)
        /// The findings after the awards (without their ids), and how many keys were judged from their tallies.
        func audit(_ awards: [String]) throws -> [String] {
            _ = try log.append(awards.map { ($0, nil) })
            let found = Self.describe(try engine.audit(asOf: Self.asOf)).map { String($0.prefix(upTo: $0.range(of: " F-")?.lowerBound ?? $0.endIndex)) }
            return found + ["tallied \(engine.talliedKeys)"]
        }
        // 1.7M on item B-1, 0.1M on B-2: both below; both groups new, judged from the batch,
        // which keeps their tallies (the final batch of a catch-up).
        #expect(try audit([Self.award(1, "B-1", day: 1, 800_000), Self.award(2, "B-1", day: 2, 900_000), Self.award(3, "B-2", day: 2, 100_000)]) == ["tallied 0"])
        // 2.3M with award 4: above the threshold, the anchor found from the tally.
        #expect(try audit([Self.award(4, "B-1", day: 3, 600_000), Self.award(5, "B-2", day: 3, 100_000)]) == [
            "B-1 proc:4 began 2026-09-03T09:00:00+08:00 [1, 2, 4] total 2300000 count 3", "tallied 2",
        ])
        // Later awards extend the finding from the tallies; B-2 stays below (0.3M).
        #expect(try audit([Self.award(6, "B-1", day: 4, 100_000), Self.award(7, "B-2", day: 4, 100_000)]) == [
            "B-1 proc:4 began 2026-09-03T09:00:00+08:00 [1, 2, 4, 6] total 2400000 count 4", "tallied 2",
        ])
        // A negative amount (a correction) after every award cannot move where the total first
        // passed the threshold: still from the tally, the total falls, the finding stands.
        #expect(try audit([Self.award(8, "B-1", day: 5, -500_000)]) == [
            "B-1 proc:4 began 2026-09-03T09:00:00+08:00 [1, 2, 4, 6, 8] total 1900000 count 5", "tallied 1",
        ])
        // An award dated before the anchor (entered late): the total now passes with it, so
        // only every award tells; the finding moves to award 9.
        #expect(try audit([Self.award(9, "B-1", day: 2, time: "12:00", 400_000)]) == [
            "B-1 proc:9 began 2026-09-02T12:00:00+08:00 [1, 2, 9, 4, 6, 8] total 2300000 count 6", "tallied 0",
        ])
        // Dated after the anchor but before the latest award: the evidence's order changes, from every award.
        #expect(try audit([Self.award(10, "B-1", day: 4, time: "12:00", 50_000)]) == [
            "B-1 proc:9 began 2026-09-02T12:00:00+08:00 [1, 2, 9, 4, 6, 10, 8] total 2350000 count 7", "tallied 0",
        ])
        // B-2 passes the threshold from its tally: the anchor is the award that takes it over.
        #expect(try audit([Self.award(11, "B-2", day: 6, 1_800_000), Self.award(12, "B-1", day: 6, 10_000)]) == [
            "B-1 proc:9 began 2026-09-02T12:00:00+08:00 [1, 2, 9, 4, 6, 10, 8, 12] total 2360000 count 8",
            "B-2 proc:11 began 2026-09-06T09:00:00+08:00 [3, 5, 7, 11] total 2100000 count 4", "tallied 2",
        ])
        let tally = try engine.projection.withTally(rule: 0, key: "gy.czj\u{1F}B-1\u{1F}A02\u{1F}2026") { ThresholdTally(encoded: $0) }
        var expected = ThresholdTally()
        expected.total = 2_360_000
        expected.seqs = [1, 2, 9, 4, 6, 10, 8, 12]
        expected.lastAt = instant("2026-09-06T09:00:00+08:00")
        expected.lastSeq = 12
        expected.anchor = .init(seq: 9, at: instant("2026-09-02T12:00:00+08:00"), dept: "gy.czj", actor: "officer:9", subject: "proc:9", id: "P-9")
        #expect(tally == expected)
        let incremental = Self.describe(try engine.audit(asOf: Self.asOf))
        _ = try engine.rebuild()
        #expect(Self.describe(try engine.audit(asOf: Self.asOf)) == incremental)
    }

    @Test("awards of uneven amounts and dates ingested in ten pieces find what a rebuild finds, ids and totals to the last digit")
    func tenPieces() throws {
        let rules = try ShippedRules.withPack(Self.pack)
        var generator = SplitMix64(state: 2026)
        // Three budget items, awards of 0.01 to 600,000.99 yuan (one in twenty negative), one
        // day after another with one in ten entered late (dated 1 to 5 days back): sums whose
        // order matters in the last bits.
        let lines = (1 ... 300).map { number -> String in
            let day = 1 + (number - 1) / 11
            let late = Int.random(in: 0 ..< 10, using: &generator) == 0
            let shown = late ? max(1, day - Int.random(in: 1 ... 5, using: &generator)) : day
            let cents = Int.random(in: 1 ... 60_000_099, using: &generator)
            let sign = Int.random(in: 0 ..< 20, using: &generator) == 0 ? "-" : ""
            let item = "B-\(Int.random(in: 1 ... 3, using: &generator))"
            let minute = String(format: "%02d", (number - 1) % 11 * 5)
            return Self.award(number, item, day: shown, time: "10:\(minute)", 0).replacingOccurrences(
                of: #""amount":0"#, with: #""amount":\#(sign)\#(cents / 100).\#(String(format: "%02d", cents % 100))"#)
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
        // Without the evidence (a hundred seqs each), which the comparison above covers.
        #expect(rebuilt.map { $0.replacingOccurrences(of: #"\[[0-9, ]*\] "#, with: "", options: .regularExpression) } == [
            "B-3 proc:15 began 2026-09-02T10:15:00+08:00 total 25420640.56 count 108 F-c9597650a449ab93",
            "B-1 proc:20 began 2026-09-02T10:40:00+08:00 total 23776778.21 count 89 F-d8f822d8b3c843a9",
            "B-2 proc:23 began 2026-09-03T10:00:00+08:00 total 23771565.64 count 103 F-394389e5852ecac5",
        ])
        // Of the groups with new awards after each piece, those judged from their tallies.
        #expect(tallied == 20)
    }

    @Test("a tally round-trips through its encoding, and a damaged one is refused")
    func coding() throws {
        var tally = ThresholdTally()
        tally.total = 0.1 + 0.2
        tally.seqs = [7, 3, 42, 9]
        tally.lastAt = instant("2026-09-06T09:00:00+08:00")
        tally.lastSeq = 42
        #expect(tally.encoded().withUnsafeBytes { ThresholdTally(encoded: $0) } == tally)
        tally.anchor = .init(seq: 42, at: instant("2026-09-02T12:00:00+08:00"), dept: "gy.czj", actor: nil, subject: "proc:甲", id: "P-42")
        let bytes = tally.encoded()
        #expect(bytes.withUnsafeBytes { ThresholdTally(encoded: $0) } == tally)
        #expect(Array(bytes.dropLast()).withUnsafeBytes { ThresholdTally(encoded: $0) } == nil)
    }
}
