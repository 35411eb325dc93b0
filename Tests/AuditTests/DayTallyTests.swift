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
            let at = "2026-09-\(String(format: "%02d", day))T\(time ?? "09:0\(index)"):00+08:00"
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
        // A seventh look-up on the outlying day, entered late: its evidence grows, from the
        // look-ups of the day the tally holds.
        #expect(try audit(Self.lookups(4, 1, time: "18:00")) == [
            "2026-09-04 count 7 median 1 began 2026-09-04T18:00:00+08:00 [4, 5, 6, 7, 8, 9, 13]", "tallied 1",
        ])
        // Days of 3 and 3: the median of 1, 1, 1, 1, 2, 3, 3, 7 is still 1 (whole events).
        #expect(try audit(Self.lookups(7, 3) + Self.lookups(8, 3)) == [
            "2026-09-04 count 7 median 1 began 2026-09-04T18:00:00+08:00 [4, 5, 6, 7, 8, 9, 13]", "tallied 1",
        ])
        // A day of 2 moves the median to 2: the findings say so, still from the tally.
        #expect(try audit(Self.lookups(9, 2)) == [
            "2026-09-04 count 7 median 2 began 2026-09-04T18:00:00+08:00 [4, 5, 6, 7, 8, 9, 13]", "tallied 1",
        ])
        // Five more look-ups on 7 September, entered late: 8 > 3 × 2, a day the tally no longer
        // holds (neither outlying nor the latest) turns outlying — judged from every look-up.
        #expect(try audit(Self.lookups(7, 5, time: "20:00")) == [
            "2026-09-04 count 7 median 2 began 2026-09-04T18:00:00+08:00 [4, 5, 6, 7, 8, 9, 13]",
            "2026-09-07 count 8 median 2 began 2026-09-07T20:00:00+08:00 [14, 15, 16, 22, 23, 24, 25, 26]", "tallied 0",
        ])
        // A new day of 1: the median of ten days falls to (1 + 2) / 2 = 1 in whole events; the
        // findings say so, built from the look-ups the tally holds of 4 and 7 September.
        #expect(try audit(Self.lookups(10, 1)) == [
            "2026-09-04 count 7 median 1 began 2026-09-04T18:00:00+08:00 [4, 5, 6, 7, 8, 9, 13]",
            "2026-09-07 count 8 median 1 began 2026-09-07T20:00:00+08:00 [14, 15, 16, 22, 23, 24, 25, 26]", "tallied 1",
        ])
        let tally = try #require(try engine.projection.withTally(rule: 0, key: "officer:1") { DayTally(encoded: $0) } ?? nil)
        let first = try #require(CalendarDate(iso: "2026-09-01")).daysSinceEpoch
        #expect(tally.allDays?.days == Array(first ... first + 9))
        #expect(tally.allDays?.counts == [1, 1, 1, 7, 1, 2, 8, 3, 2, 1])
        #expect(tally.median == 1)
        #expect(tally.kept.keys.sorted() == [first + 3, first + 6, first + 9])
        #expect(tally.kept[first + 3]?.marks.map(\.seq) == [4, 5, 6, 7, 8, 9, 13])
        #expect(tally.kept[first + 6]?.marks.map(\.seq) == [14, 15, 16, 22, 23, 24, 25, 26])
        #expect(tally.kept[first + 6].map { [$0.id, $0.subject, $0.dept, $0.actor ?? "-"] } == ["L-7-m-0", "person:0", "gy.gaj", "officer:1"])
        #expect(tally.lastSeq == 27)
        let incremental = describe(try engine.audit(asOf: Self.asOf))
        _ = try engine.rebuild()
        #expect(describe(try engine.audit(asOf: Self.asOf)) == incremental)
    }

    @Test("bursts of look-ups, one in ten entered late, ingested in ten pieces find what a rebuild finds")
    func tenPieces() throws {
        let rules = try ShippedRules.withPack(Self.pack)
        var generator = SplitMix64(state: 2026)
        // Three officers over September; on one day in six an officer looks up 5 to 12 people.
        var lines: [String] = []
        for day in 1 ... 30 {
            for officer in 1 ... 3 {
                let burst = Int.random(in: 0 ..< 6, using: &generator) == 0
                for index in 0 ..< (burst ? Int.random(in: 5 ... 12, using: &generator) : Int.random(in: 0 ... 2, using: &generator)) {
                    let late = Int.random(in: 0 ..< 10, using: &generator) == 0
                    let shown = late ? max(1, day - Int.random(in: 1 ... 5, using: &generator)) : day
                    let at = "2026-09-\(String(format: "%02d", shown))T1\(Int.random(in: 0 ... 7, using: &generator)):\(String(format: "%02d", index)):00+08:00"
                    lines.append(#"{"id":"L-\#(officer)-\#(day)-\#(index)","type":"record.accessed","at":"\#(at)","dept":"gy.gaj","actor":"officer:\#(officer)","subject":"person:\#(index)","data":{"purpose":"case","case":"case:1"}}"#)
                }
            }
        }
        let log = try ScratchLog()
        let engine = try log.engine(rules)
        var tallied = 0
        func describe(_ result: AuditResult) -> [String] {
            result.findings.map { "\($0.finding.actor ?? "?") \($0.finding.details["date"] ?? "?") \($0.finding.details["count"] ?? "?") \($0.finding.details["median"] ?? "?") \($0.finding.evidence.count) \($0.finding.id)" }
        }
        try log.ingestInTenPieces(lines, seed: 7) { _ in
            _ = try engine.audit(asOf: Self.asOf)
            tallied += engine.talliedKeys
        }
        let incremental = describe(try engine.audit(asOf: Self.asOf))
        _ = try engine.rebuild()
        let rebuilt = describe(try engine.audit(asOf: Self.asOf))
        #expect(incremental == rebuilt)
        #expect(lines.count == 199)
        #expect(rebuilt == [
            "officer:2 2026-09-06 13 2 13 F-2fdb6a170892f9a2", "officer:1 2026-09-07 5 1 5 F-030a5e52fea67797",
            "officer:3 2026-09-15 9 2 9 F-7c6f447b35d69335", "officer:1 2026-09-19 5 1 5 F-608585753f4a1837",
            "officer:1 2026-09-21 10 1 10 F-4cbbf11d82210e96", "officer:3 2026-09-24 10 2 10 F-066acaf66976cf7d",
            "officer:1 2026-09-25 8 1 8 F-1ce7e8b58e65ec58", "officer:1 2026-09-27 5 1 5 F-6782c8113dcd7a77",
            "officer:3 2026-09-27 8 2 8 F-80f2e650afa9f789", "officer:2 2026-09-27 9 2 9 F-4a6934ecd1d62bfb",
            "officer:3 2026-09-29 7 2 7 F-3a9cc74cd2fa077b",
        ])
        // Of the 27 officers' keys with new look-ups after the first piece, those judged from their
        // tallies: in the rest a day the tally no longer held turned outlying.
        #expect(tallied == 25)
    }

    @Test("the tally holds the latest day and the days outlying at a median one lower, and lets the rest go")
    func holding() throws {
        var tally = DayTally()
        var seq: Int64 = 0
        // Days of 3, 3, 3, 7, 6 and 3 look-ups: median 3, outlying above 9; held above 3 × 2.
        let facts = zip(1 ... 6, [3, 3, 3, 7, 6, 3]).flatMap { day, count in
            (0 ..< count).map { index -> Fact in
                seq += 1
                let at = instant("2026-09-0\(day)T10:0\(index):00+08:00")
                return Fact(seq: seq, role: 1, at: at, recorded: at, dept: "gy.gaj", actor: "officer:1", subject: "person:\(index)", id: "L-\(seq)", values: ["2026-09-0\(day)"])
            }
        }
        let added = tally.add(facts)
        #expect(added)
        #expect(tally.median == 3)
        #expect(tally.outlying(factor: 3, minimumCount: 5)?.days == [])
        tally.keep(factor: 3, minimumCount: 5)
        let first = try #require(CalendarDate(iso: "2026-09-01")).daysSinceEpoch
        #expect(tally.kept.keys.sorted() == [first + 3, first + 5])
        #expect(tally.kept[first + 3]?.marks.map(\.seq) == [10, 11, 12, 13, 14, 15, 16])
    }

    @Test("days frozen a week behind the latest are read again when a late look-up lands on one; counts and median match a plain count")
    func frozenDays() throws {
        var generator = SplitMix64(state: 5)
        var tally = DayTally()
        var plain: [String: Int] = [:]
        var seq: Int64 = 0
        var thawed = 0
        let start = try #require(CalendarDate(iso: "2026-07-01"))
        // Sixty batches over three months, one look-up in six dated up to forty days back.
        for batch in 0 ..< 60 {
            var facts: [Fact] = []
            for _ in 0 ..< Int.random(in: 1 ... 8, using: &generator) {
                seq += 1
                let latest = 1 + batch * 3 / 2
                let back = Int.random(in: 0 ..< 6, using: &generator) == 0 ? Int.random(in: 1 ... 40, using: &generator) : 0
                let date = start.adding(days: max(0, latest - back))
                let at = Instant(millisecondsSinceEpoch: Int64(date.daysSinceEpoch) * 86_400_000 + 3_600_000)
                facts.append(Fact(seq: seq, role: 1, at: at, recorded: at, dept: "gy.gaj", actor: "officer:1", subject: "person:1", id: "L-\(seq)", values: [date.description]))
                plain[date.description, default: 0] += 1
            }
            // Days before the latest known less seven were frozen by the last `keep`.
            if let latestKnown = tally.allDays?.days.last {
                thawed += facts.filter { (CalendarDate(iso: $0.values[0])?.daysSinceEpoch ?? 0) < latestKnown - DayTally.recentSpan }.count
            }
            let added = tally.add(facts)
            #expect(added)
            tally.keep(factor: 3, minimumCount: 5)
            let stored = tally.encoded()
            let read = try #require(stored.withUnsafeBytes { DayTally(encoded: $0) })
            #expect(read == tally)
            tally = read
        }
        let days = plain.keys.sorted()
        #expect(tally.allDays?.days == days.compactMap { CalendarDate(iso: $0)?.daysSinceEpoch })
        #expect(tally.allDays?.counts == days.compactMap { plain[$0] })
        let counts = plain.values.sorted()
        #expect(tally.median == (counts[counts.count / 2 - (counts.count % 2 == 0 ? 1 : 0)] + counts[counts.count / 2]) / 2)
        #expect(tally.dayCount == 71)
        #expect(seq == 307)
        // Look-ups that landed on a frozen day.
        #expect(thawed == 43)
    }

    @Test("a tally round-trips through its encoding, and a damaged one or one of the earlier form is refused")
    func coding() throws {
        var tally = DayTally()
        let facts = [(1, "2026-09-02", "09:00"), (2, "2026-09-01", "10:00"), (3, "2026-09-02", "08:00"), (4, "2026-09-05", "07:00")].map { seq, day, time in
            Fact(seq: Int64(seq), role: 1, at: instant("\(day)T\(time):00+08:00"), recorded: instant("\(day)T\(time):00+08:00"),
                 dept: "gy.gaj", actor: seq == 3 ? nil : "officer:1", subject: "person:甲", id: "L-\(seq)", values: [day])
        }
        let added = tally.add(facts)
        #expect(added)
        #expect(tally.allDays?.counts == [1, 2, 1])
        #expect(tally.kept.values.map { $0.marks.map(\.seq) }.sorted { $0[0] < $1[0] } == [[2], [3, 1], [4]])
        #expect(tally.median == 1)
        let bytes = tally.encoded()
        #expect(bytes.withUnsafeBytes { DayTally(encoded: $0) } == tally)
        #expect(Array(bytes.dropLast()).withUnsafeBytes { DayTally(encoded: $0) } == nil)
        // The earlier form: the last seq, then days as text with their counts.
        var earlier = BinaryRecordWriter()
        earlier.integer(99)
        earlier.integer(1)
        earlier.string("2026-09-01")
        earlier.integer(3)
        #expect(earlier.bytes.withUnsafeBytes { DayTally(encoded: $0) } == nil)
        var notADate = DayTally()
        let refused = !notADate.add([Fact(seq: 1, role: 1, at: instant("2026-09-01T09:00:00+08:00"), recorded: instant("2026-09-01T09:00:00+08:00"),
                                    dept: "gy.gaj", actor: nil, subject: "s", id: "i", values: ["09/01"])])
        #expect(refused)
    }
}
