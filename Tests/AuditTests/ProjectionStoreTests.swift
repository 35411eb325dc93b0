@testable import Audit
import EventLog
import Foundation
import SQLite
import Testing

/// New keys of a catch-up that did not start at the log's start wait in a small table of
/// recent keys and move into the table of keys a slice at a time; every reader of keys must
/// see both tables, and a rebuild must find what the catch-ups found.
@Suite("ProjectionStore: recent keys")
struct ProjectionStoreTests {
    /// A store in a scratch file, removed with the directory when the test ends.
    private final class Scratch {
        let directory: String
        let store: ProjectionStore

        init() throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("ironcage-projection-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            store = try ProjectionStore(path: directory + "/log.db.audit", ruleRanks: [0, 1, 2])
        }

        deinit { try? FileManager.default.removeItem(atPath: directory) }
    }

    private func count(_ table: String, in store: ProjectionStore) throws -> Int64 {
        let sql = table == "keys" ? "SELECT count(*) FROM keys" : "SELECT count(*) FROM recent_keys"
        return try store.database.prepare(sql).query { $0.int64(at: 0) }.first ?? -1
    }

    /// A key's number and whether it was new, as text.
    private func number(_ store: ProjectionStore, _ key: RuleKey, isNew: Bool) throws -> String {
        let (id, created) = try store.keyID(key, isNew: isNew)
        return "\(id) \(created)"
    }

    /// Stores one fact (role 0, seq `seq`) for a key.
    private func addFact(_ store: ProjectionStore, key id: Int64, seq: Int64) throws {
        let row = FactBatch.Row(seq: seq, role: 0, at: seq * 1000, count: 1, payload: 0 ..< 1, aggregate: false)
        try [UInt8(seq & 0x7F)].withUnsafeBytes { try store.add(row, key: id, payload: $0) }
    }

    @Test("a key numbered in a catch-up from the start goes to the table of keys, any other to the recent keys; both are found")
    func lookupInEitherTable() throws {
        let scratch = try Scratch()
        let store = scratch.store
        let old = RuleKey(rule: 1, key: "person:5210000022")
        let recent = RuleKey(rule: 1, key: "person:5210000401")
        try store.database.transaction { _ in
            store.beginTransaction()
            #expect(try number(store, old, isNew: true) == "1 true")
            #expect(try number(store, recent, isNew: false) == "2 true")
            try addFact(store, key: 1, seq: 10)
            try addFact(store, key: 2, seq: 11)
            try store.saveKeyNumbering()
        }
        #expect(try count("keys", in: store) == 1)
        #expect(try count("recent_keys", in: store) == 1)
        // Known in either table: the same number, not created again.
        let again = try store.database.transaction { _ in
            store.beginTransaction()
            return [
                try number(store, old, isNew: false), try number(store, recent, isNew: false),
                try number(store, RuleKey(rule: 2, key: "person:5210000401"), isNew: false),
            ]
        }
        #expect(again == ["1 false", "2 false", "3 true"])
        #expect(try store.storedKeyID(old) == 1)
        #expect(try store.storedKeyID(recent) == 2)
        #expect(try store.storedKeyID(RuleKey(rule: 0, key: "person:5210000401")) == nil)
        #expect(try store.keyCount() == 3)
        // Facts read by the key's text, wherever the key is.
        var block = StoredFacts()
        try store.read(old, id: nil, into: &block)
        try store.read(recent, id: nil, into: &block)
        try store.read(RuleKey(rule: 0, key: "absent"), id: nil, into: &block)
        #expect(block.keys == [old, recent, RuleKey(rule: 0, key: "absent")])
        #expect(block.rowCount == 2)
    }

    @Test("listing a rule's keys merges both tables in key order, each key's facts in seq order")
    func listingMergesTables() throws {
        let scratch = try Scratch()
        let store = scratch.store
        try store.database.transaction { _ in
            store.beginTransaction()
            for (number, name) in ["b", "d", "a", "c", "e"].enumerated() {
                let (id, _) = try store.keyID(RuleKey(rule: 0, key: name), isNew: name == "b" || name == "d")
                try addFact(store, key: id, seq: Int64(20 - number))
                try addFact(store, key: id, seq: Int64(40 + number))
            }
            try store.saveKeyNumbering()
        }
        var listed: [String] = []
        try store.forEachKey(rule: 0, roles: [0], payloadFor: -1, upTo: Instant(millisecondsSinceEpoch: 1_000_000)) { key, stubs in
            listed.append("\(key):\(stubs.map { String($0.seq) }.joined(separator: ","))")
        }
        #expect(listed == ["a:18,42", "b:20,40", "c:17,43", "d:19,41", "e:16,44"])
    }

    @Test("each move takes the next slice in key order and keeps every number; the last takes the rest and starts over")
    func movesSliceBySlice() throws {
        let scratch = try Scratch()
        let store = scratch.store
        var expected: [RuleKey: Int64] = [:]
        try store.database.transaction { _ in
            store.beginTransaction()
            for number in 0 ..< 10 {
                let key = RuleKey(rule: number % 2, key: "person:\(9 - number)")
                expected[key] = try store.keyID(key, isNew: false).id
            }
            try store.saveKeyNumbering()
        }
        func recent() throws -> [String] {
            try store.database.prepare("SELECT rule, key FROM recent_keys ORDER BY rule, key").query { "\($0.int64(at: 0))/\($0.string(at: 1))" }
        }
        func move() throws { try store.database.transaction { _ in try store.moveRecentKeys(slices: 4) } }
        #expect(try recent() == ["0/person:1", "0/person:3", "0/person:5", "0/person:7", "0/person:9",
                                 "1/person:0", "1/person:2", "1/person:4", "1/person:6", "1/person:8"])
        // 10 keys in 4 slices: 3 at a time.
        try move()
        #expect(try recent() == ["0/person:7", "0/person:9", "1/person:0", "1/person:2", "1/person:4", "1/person:6", "1/person:8"])
        // 7 left: 2 at a time, from where the last move stopped.
        try move()
        #expect(try recent() == ["1/person:0", "1/person:2", "1/person:4", "1/person:6", "1/person:8"])
        // A key that arrives behind the mark waits until the moves start over.
        try store.database.transaction { _ in
            store.beginTransaction()
            let key = RuleKey(rule: 0, key: "person:10")
            expected[key] = try store.keyID(key, isNew: false).id
            try store.saveKeyNumbering()
        }
        try move()
        #expect(try recent() == ["0/person:10", "1/person:4", "1/person:6", "1/person:8"])
        try move()
        try move()
        try move()
        #expect(try recent() == ["0/person:10"])
        // Nothing after the mark: the next move finds none and starts over, the one after takes it.
        try move()
        #expect(try recent() == ["0/person:10"])
        try move()
        #expect(try recent() == [])
        #expect(try count("keys", in: store) == 11)
        for (key, id) in expected { #expect(try store.storedKeyID(key) == id) }
    }

    @Test("fed in ten pieces, the samples leave keys in both tables, and a rebuild puts every key in the table of keys with the same findings")
    func rebuildEquality() throws {
        let rules = try ShippedRules.set.get()
        let lines = try SampleLog.allLines()
        let log = try ScratchLog()
        let engine = try log.engine(rules)
        try log.ingestInTenPieces(lines, seed: 20_261_123) { _ in _ = try engine.audit(asOf: SampleLog.asOf) }
        try SampleLog.declareBackfill(in: log)
        let incremental = try engine.audit(asOf: SampleLog.asOf).findings.map { "\($0.finding.id) \($0.finding.level)" }
        let recent = try count("recent_keys", in: engine.projection)
        // The first piece is read from the log's start (its keys in the table of keys); the other
        // nine and the declaration leave 1,844 keys still recent after their moves.
        #expect(recent == 1844)
        #expect(try engine.projection.keyCount() == 2978)
        _ = try engine.rebuild()
        #expect(try count("recent_keys", in: engine.projection) == 0)
        #expect(try count("keys", in: engine.projection) == 2978)
        #expect(try engine.audit(asOf: SampleLog.asOf).findings.map { "\($0.finding.id) \($0.finding.level)" } == incremental)
    }
}
