@testable import Audit
import EventLog
import Foundation
import SQLite
import Testing

/// A key's facts kept in one packed row (`PackedFacts`): read back by every reader of the
/// facts table as the facts stored, merged with the rows stored after it; and the tenders a
/// rebuild holds (《招标投标法实施条例》 art. 40, the deemed-collusion rule that keeps them)
/// judged the same after incremental catch-ups as by a rebuild.
@Suite struct PackedFactsTests {
    static let key = RuleKey(rule: 0, key: "tender:2026-GC-001")

    /// A tender's fact: published, a bid, the award (roles are the test's own).
    static func fact(_ seq: Int64, role: Int, at: String, values: [String]) -> Fact {
        let when = instant(at)
        return Fact(
            seq: seq, role: role, at: when, recorded: Instant(millisecondsSinceEpoch: when.millisecondsSinceEpoch + 60_000),
            dept: "gy.ggzy", actor: seq == 3 ? nil : "org:91520111MA61XA4FN5", subject: key.key, id: "GGZY-2026-\(seq)", values: values)
    }

    static let packed = [
        fact(1, role: 0, at: "2026-09-01T11:40:09+08:00", values: ["org:11520100690307431R", "6499000"]),
        // Out of order in time, as a backdated event arrives.
        fact(4, role: 1, at: "2026-09-10T09:00:00+08:00", values: ["org:A", "6100000", ""]),
        fact(3, role: 1, at: "2026-09-12T16:30:00+08:00", values: ["org:B", "6150000", "数据铁笼"]),
        fact(2, role: 2, at: "2026-09-28T09:30:00+08:00", values: []),
    ]

    /// A batch's rows and payloads for facts, as the batcher encodes them.
    static func encoded(_ facts: [Fact]) -> (rows: [FactBatch.Row], payloads: [UInt8]) {
        var writer = BinaryRecordWriter()
        var rows: [FactBatch.Row] = []
        for fact in facts {
            let start = writer.count
            fact.writePayload(to: &writer)
            rows.append(FactBatch.Row(
                seq: fact.seq, role: fact.role, at: fact.at.millisecondsSinceEpoch, count: fact.count, payload: start ..< writer.count,
                aggregate: false))
        }
        return (rows, writer.bytes)
    }

    /// A store with the packed facts of `key`, then `later` stored row by row.
    static func store(in directory: String, later: [Fact]) throws -> ProjectionStore {
        let store = try ProjectionStore(path: directory + "/packed.audit", ruleRanks: [0])
        let (id, created) = try store.keyID(key, isNew: true)
        #expect(created)
        let (rows, payloads) = encoded(packed)
        try payloads.withUnsafeBytes { try store.addPacked(rows[...], key: id, payloads: $0) }
        let (laterRows, laterPayloads) = encoded(later)
        try laterPayloads.withUnsafeBytes { raw in
            for row in laterRows { try store.add(row, key: id, payload: UnsafeRawBufferPointer(rebasing: raw[row.payload])) }
        }
        return store
    }

    /// A rule's rows in the facts table, and how many of them are packed.
    static func rowCount(_ store: ProjectionStore, rule: Int = 0) throws -> [Int64] {
        try store.database.prepare(
            "SELECT count(*), count(*) FILTER (WHERE f.role = -1) FROM facts f JOIN keys k ON f.key = k.id WHERE k.rule = ?"
        ).query([.integer(Int64(rule))]) { [$0.int64(at: 0), $0.int64(at: 1)] }.first ?? []
    }

    @Test func `a packed row is read back as the facts stored, merged in time with the rows stored after it, a repeat kept once`() throws {
        let log = try ScratchLog()
        let after = Self.fact(7, role: 1, at: "2026-09-11T10:00:00+08:00", values: ["org:C", "6120000", ""])
        // The same event stored again as a row (two processes caught up on it).
        let store = try Self.store(in: log.directory, later: [after, Self.packed[1]])
        #expect(try Self.rowCount(store) == [3, 1])
        let expected = [Self.packed[0], Self.packed[1], after, Self.packed[2], Self.packed[3]]

        var block = StoredFacts()
        try store.read(Self.key, id: nil, into: &block)
        #expect(block.rowCount == 6)
        let decoded = block.decoded()
        #expect(decoded.map(\.key) == [Self.key])
        #expect(decoded.first?.facts == expected)
        #expect(try store.decodedFacts(of: Self.key) == expected)
    }

    @Test func `facts packed again from the same first seq, as another process batched them, are stored row by row and read once each`() throws {
        let log = try ScratchLog()
        let store = try Self.store(in: log.directory, later: [])
        let (id, created) = try store.keyID(Self.key, isNew: false)
        #expect(!created)
        let more = Self.packed + [Self.fact(9, role: 1, at: "2026-09-13T08:00:00+08:00", values: ["org:D", "6180000", ""])]
        let (rows, payloads) = Self.encoded(more)
        try payloads.withUnsafeBytes { try store.addPacked(rows[...], key: id, payloads: $0) }
        // The packed row kept, the five stored row by row beside it; each fact read once.
        #expect(try Self.rowCount(store) == [6, 1])
        #expect(try store.decodedFacts(of: Self.key) == more.sorted(by: Fact.chronological))
    }

    @Test func `a key's 769 facts of one batch take three packed rows of 256 and one row, and read back whole`() throws {
        let log = try ScratchLog()
        let store = try ProjectionStore(path: log.directory + "/many.audit", ruleRanks: [0])
        let (id, _) = try store.keyID(RuleKey(rule: 0, key: "log"), isNew: true)
        let start = instant("2026-09-01T00:00:00+08:00").millisecondsSinceEpoch
        let facts = (1 ... 769).map { n in
            Fact(
                seq: Int64(n), role: n % 3, at: Instant(millisecondsSinceEpoch: start + Int64(n) * 60_000),
                recorded: Instant(millisecondsSinceEpoch: start + Int64(n) * 60_000), dept: "gy.ggzy", actor: nil,
                subject: "tender:\(n / 16)", id: "E-\(n)", values: ["org:\(n % 7)", String(n * 1000)])
        }
        let (rows, payloads) = Self.encoded(facts)
        try payloads.withUnsafeBytes { try store.addPacked(rows[...], key: id, payloads: $0) }
        // 769 = 3 × 256 + 1: the last fact alone is a row of its own.
        #expect(PackedFacts.limit == 256)
        #expect(try Self.rowCount(store) == [4, 3])
        #expect(try store.decodedFacts(of: RuleKey(rule: 0, key: "log")) == facts)
    }

    @Test func `the clocks' reader expands a packed row: only the roles asked for that happened by the instant, in seq order`() throws {
        let log = try ScratchLog()
        let after = Self.fact(7, role: 0, at: "2026-09-11T10:00:00+08:00", values: ["x"])
        let store = try Self.store(in: log.directory, later: [after])
        var seen: [(String, [ProjectionStore.FactStub])] = []
        try store.forEachKey(rule: 0, roles: [0, 1], payloadFor: 0, upTo: instant("2026-09-11T12:00:00+08:00")) { seen.append(($0, $1)) }
        #expect(seen.map(\.0) == [Self.key.key])
        let stubs = seen.first?.1 ?? []
        #expect(stubs.map(\.seq) == [1, 4, 7])
        #expect(stubs.map(\.role) == [0, 1, 0])
        #expect(stubs.map(\.at) == [Self.packed[0].at, Self.packed[1].at, after.at].map(\.millisecondsSinceEpoch))
        var first = BinaryRecordWriter(), last = BinaryRecordWriter()
        Self.packed[0].writePayload(to: &first)
        after.writePayload(to: &last)
        #expect(stubs.map(\.payload) == [first.bytes, [], last.bytes])
    }

    @Test func `a damaged packed payload gives the facts before the damage and says so`() throws {
        let (rows, payloads) = Self.encoded(Self.packed)
        var writer = BinaryRecordWriter()
        let columns = payloads.withUnsafeBytes { PackedFacts.pack(rows[...], payloads: $0, into: &writer) }
        #expect(columns?.seq == 1)
        #expect(columns?.at == Self.packed[0].at.millisecondsSinceEpoch)
        #expect(columns?.count == 4)
        let whole = writer.bytes
        var seqs: [Int64] = []
        let intact = whole.withUnsafeBytes { PackedFacts.forEach(in: $0) { seqs.append($0.seq) } }
        #expect(intact)
        #expect(seqs == [1, 4, 3, 2])
        seqs = []
        let cut = Array(whole.dropLast(3))
        let damaged = cut.withUnsafeBytes { PackedFacts.forEach(in: $0) { seqs.append($0.seq) } }
        #expect(!damaged)
        #expect(seqs == [1, 4, 3])
    }

    @Test func `an aggregated fact is not packed`() {
        var (rows, payloads) = Self.encoded(Self.packed)
        rows[2].aggregate = true
        var writer = BinaryRecordWriter()
        #expect(payloads.withUnsafeBytes { PackedFacts.pack(rows[...], payloads: $0, into: &writer) } == nil)
    }

    @Test func `tenders packed by a rebuild, then catch-ups bringing them new events, are judged as a rebuild of everything`() throws {
        let rules = try CollusionRuleTests.procurementPack()
        let lines = try CollusionRuleTests.tenderLines()
        let cut = 700
        func subjects(_ part: ArraySlice<String>) -> [String: Int] {
            var counts: [String: Int] = [:]
            for line in part {
                if let match = line.firstMatch(of: #/"subject":"(tender:[^"]+)"/#) { counts[String(match.output.1), default: 0] += 1 }
            }
            return counts
        }
        let before = subjects(lines[..<cut])
        let spanning = Set(before.keys).intersection(subjects(lines[cut...]).keys)

        let log = try ScratchLog()
        try log.ingest(text: lines[..<cut].joined(separator: "\n") + "\n")
        let engine = try log.engine(rules)
        engine.flushEvery = 37
        #expect(try engine.catchUp() == cut)
        // Every tender of more than one event in one packed row (rule 0 keeps the tenders'
        // facts for the rules that share them).
        #expect(try Self.rowCount(engine.projection)[1] == Int64(before.values.count(where: { $0 > 1 })))
        #expect(spanning.count == 30)
        var rest = lines[cut...]
        while !rest.isEmpty {
            let piece = rest.prefix(120)
            rest = rest.dropFirst(piece.count)
            try log.ingest(text: piece.joined(separator: "\n") + "\n")
            #expect(try engine.audit(asOf: CollusionRuleTests.asOf).eventsRead == piece.count)
        }
        let incremental = try engine.audit(asOf: CollusionRuleTests.asOf)

        let whole = try ScratchLog()
        try whole.ingest(text: lines.joined(separator: "\n") + "\n")
        let rebuilt = try whole.engine(rules)
        rebuilt.flushEvery = 500
        let expected = try rebuilt.audit(asOf: CollusionRuleTests.asOf)
        // The market's facts (rule 2, one key): two batches of 500 events bring more than 64
        // each, packed; the rest, fewer than 64 a batch, are 36 rows.
        let market = try Self.rowCount(rebuilt.projection, rule: 2)
        #expect(market == [38, 2])
        #expect(incremental.findings.map(\.finding) == expected.findings.map(\.finding))
        #expect(incremental.findings.count == expected.findings.count)
        var mine = StoredFacts(), theirs = StoredFacts()
        for subject in subjects(lines[...]).keys.sorted() {
            try engine.projection.read(RuleKey(rule: 0, key: subject), id: nil, into: &mine)
            try rebuilt.projection.read(RuleKey(rule: 0, key: subject), id: nil, into: &theirs)
        }
        #expect(mine.rowCount == theirs.rowCount)
        // The logs were ingested at other instants: all but `recorded` alike.
        func unrecorded(_ block: StoredFacts) -> [[Fact]] {
            block.decoded().map { $0.facts.map { fact in
                var same = fact
                same.recorded = fact.at
                return same
            } }
        }
        #expect(unrecorded(mine) == unrecorded(theirs))
    }

    @Test func `neighbouring repeats are kept once, the first of each run, in place`() {
        var pairs = [(1, "a"), (1, "b"), (2, "c"), (3, "d"), (3, "e"), (3, "f"), (1, "g")]
        pairs.removeAdjacentRepeats { $0.0 == $1.0 }
        #expect(pairs.map(\.1) == ["a", "c", "d", "g"])
        var empty: [Int] = []
        empty.removeAdjacentRepeats(by: ==)
        #expect(empty == [])
    }
}
