import Foundation
import SQLite
import Testing

@testable import EventLog

/// A fresh log in a directory of its own, removed afterwards by the caller's `defer`.
private func scratchStore() throws -> (EventStore, String) {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("eventstore-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    return (try EventStore(path: directory + "/log.db"), directory)
}

private func envelope(_ n: Int, dept: String = "gy.jgj", subject: String? = nil, kind: String = "criminal") throws -> Envelope {
    let line =
        #"{"id":"A-\#(n)","type":"case.reported","at":"2026-11-02T09:15:00+08:00","dept":"\#(dept)","#
        + #""subject":"\#(subject ?? "case:\(n % 7)")","data":{"kind":"\#(kind)","n":\#(n)}}"#
    return try Envelope.parse(line: line).get()
}

/// Every row as (seq, body, head), in seq order.
private func rows(_ store: EventStore) throws -> [(seq: Int64, body: [UInt8], head: [UInt8])] {
    try store.database.prepare("SELECT seq, body, head FROM events ORDER BY seq").query { row in
        (row.int64(at: 0), row.bytes(at: 1), row.bytes(at: 2))
    }
}

@Suite("EventStore")
struct EventStoreTests {
    let recorded = Instant(millisecondsSinceEpoch: 1_795_343_617_123)

    @Test("a batch hashed ahead stores each body and head exactly as computed one by one")
    func hashedAhead() throws {
        let (store, directory) = try scratchStore()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let batch = try (1 ... 100).map { try envelope($0) }
        #expect(batch.count >= EventStore.hashAheadMinimum)
        let outcome = try store.append(batch, recorded: recorded)
        #expect(outcome.results == (1 ... 100).map { .appended(seq: Int64($0)) })

        var head = HashChain.genesis(logID: store.logID)
        let stored = try rows(store)
        #expect(stored.count == 100)
        for (index, row) in stored.enumerated() {
            let body = batch[index].storedBody(seq: Int64(index + 1), recorded: recorded)
            head = body.withUnsafeBytes { HashChain.next(after: head, leaf: HashChain.leaf(of: $0)) }
            #expect(row.seq == Int64(index + 1))
            #expect(row.body == body)
            #expect(row.head == head.bytes)
        }
        #expect(outcome.head == ChainHead(size: 100, hash: head))
        #expect(try store.head() == outcome.head)
    }

    @Test("when the thread meant to hash never gets to it, the appending thread hashes every link itself")
    func hasherNeverRuns() throws {
        let (store, directory) = try scratchStore()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // Jobs go to a queue nobody runs until after the append.
        let jobs = SideJobs(wake: {})
        store.batchHashingJobs = jobs
        let batch = try (1 ... 80).map { try envelope($0) }
        let outcome = try store.append(batch, recorded: recorded)
        #expect(outcome.results == (1 ... 80).map { .appended(seq: Int64($0)) })
        #expect(jobs.hasPending)
        // The job, taken back when the append finished, does nothing when it finally runs.
        jobs.runPending()
        let more = try store.append(try (81 ... 120).map { try envelope($0) }, recorded: recorded)
        #expect(more.head.size == 120)
        jobs.runPending()

        var head = HashChain.genesis(logID: store.logID)
        let all = batch + (try (81 ... 120).map { try envelope($0) })
        for (index, row) in try rows(store).enumerated() {
            let body = all[index].storedBody(seq: Int64(index + 1), recorded: recorded)
            head = body.withUnsafeBytes { HashChain.next(after: head, leaf: HashChain.leaf(of: $0)) }
            #expect(row.body == body)
            #expect(row.head == head.bytes)
        }
        #expect(try store.head() == ChainHead(size: 120, hash: head))
    }

    @Test("a repeat and a conflict inside a hashed-ahead batch shift the seqs after them; the chain holds")
    func repeatsInsideABatch() throws {
        let (store, directory) = try scratchStore()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var batch = try (1 ... 40).map { try envelope($0) }
        batch.append(try envelope(10))
        batch.append(try envelope(20, kind: "administrative"))
        batch += try (41 ... 60).map { try envelope($0) }
        let outcome = try store.append(batch, recorded: recorded)
        let expected: [AppendResult] =
            (1 ... 40).map { .appended(seq: Int64($0)) } + [.duplicate(of: 10), .conflict(with: 20)]
            + (41 ... 60).map { .appended(seq: Int64($0)) }
        #expect(outcome.results == expected)
        #expect(outcome.head.size == 60)

        let stored = try rows(store)
        #expect(stored.map(\.seq) == (1 ... 60).map(Int64.init))
        #expect(stored[45].body == batch[47].storedBody(seq: 46, recorded: recorded))
        let report = try LogVerifier(store: store).verify()
        #expect(report.isIntact)
        #expect(report.eventsChecked == 60)
    }

    @Test("a batch sent again is all duplicates and leaves the log as it was")
    func resentBatch() throws {
        let (store, directory) = try scratchStore()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let batch = try (1 ... 50).map { try envelope($0) }
        let first = try store.append(batch, recorded: recorded)
        let again = try store.append(batch)
        #expect(again.results == (1 ... 50).map { .duplicate(of: Int64($0)) })
        #expect(again.head == first.head)
        #expect(try store.head() == first.head)
    }

    @Test("short batches, looked up and hashed event by event, give the same log as one long batch")
    func shortBatches() throws {
        let (long, longDirectory) = try scratchStore()
        defer { try? FileManager.default.removeItem(atPath: longDirectory) }
        let (short, shortDirectory) = try scratchStore()
        defer { try? FileManager.default.removeItem(atPath: shortDirectory) }
        let batch = try (1 ... 64).map { try envelope($0) }
        _ = try long.append(batch, recorded: recorded)
        for start in stride(from: 0, to: 64, by: 8) {
            _ = try short.append(Array(batch[start ..< start + 8]), recorded: recorded)
        }
        #expect(try rows(long).map(\.body) == rows(short).map(\.body))
        #expect(try LogVerifier(store: short).verify().isIntact)
    }

    @Test("background checkpoints copy committed pages into the database and hand back to the writer's own")
    func backgroundCheckpoints() throws {
        let (store, directory) = try scratchStore()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        func autocheckpoint() throws -> Int64 {
            try store.database.prepare("PRAGMA wal_autocheckpoint").query { $0.int64(at: 0) }.first ?? -1
        }
        try store.startBackgroundCheckpoints()
        #expect(try autocheckpoint() == Int64(EventStore.fallbackCheckpointPages))
        for start in stride(from: 1, through: 400, by: 100) {
            _ = try store.append(try (start ..< start + 100).map { try envelope($0) }, recorded: recorded)
        }
        store.stopBackgroundCheckpoints()
        #expect(try autocheckpoint() == Int64(EventStore.defaultCheckpointPages))
        // Everything committed is in the database file or the log; a reader sees all of it.
        let reader = try EventStore(path: directory + "/log.db", create: false)
        #expect(try reader.head().size == 400)
        #expect(try LogVerifier(store: reader).verify().isIntact)
        // The database file itself, not only the log, holds the events: checkpoints ran.
        #expect(fileSize(directory + "/log.db") > 400 * 300)
    }

    @Test("the idempotency key is the department, a NUL byte and the id")
    func idempotencyKey() {
        var key: [UInt8] = [9, 9, 9]
        EventStore.idempotencyKey(dept: "gy.jgj", id: "案-1", into: &key)
        #expect(key == Array("gy.jgj".utf8) + [0] + Array("案-1".utf8))
    }

    @Test("the subject key leads with the seq's epoch of 131,072 events")
    func subjectKey() {
        let hash = EventStore.subjectHash("case:1")
        #expect(EventStore.subjectKey("case:1", seq: 1) == Int64(hash))
        #expect(EventStore.subjectKey("case:1", seq: 131_071) == Int64(hash))
        #expect(EventStore.subjectKey("case:1", seq: 131_072) == 1 << 32 | Int64(hash))
        #expect(EventStore.subjectKey("case:1", seq: 400_000) == 3 << 32 | Int64(hash))
    }

    @Test("a trail finds a subject's events in every epoch, in seq order, and only that subject's")
    func trailAcrossEpochs() throws {
        let (store, directory) = try scratchStore()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = try store.append([try envelope(1, subject: "case:x"), try envelope(2, subject: "case:y"), try envelope(3, subject: "case:x")])
        // A row far into the second epoch, written directly (the append-only trigger would
        // refuse the gap; the trail does not care about the chain).
        let late = try envelope(4, subject: "case:x")
        try store.database.execute("DROP TRIGGER events_append_only")
        let insert = try store.database.prepare("INSERT INTO events(seq, key, subject_key, body, head) VALUES (?, ?, ?, ?, ?)")
        try insert.run([
            .integer(300_000), .blob(Array("late".utf8)), .integer(EventStore.subjectKey("case:x", seq: 300_000)),
            .blob(late.storedBody(seq: 300_000, recorded: recorded)), .blob([UInt8](repeating: 0, count: 32)),
        ])
        #expect(try store.events(subject: "case:x").map(\.seq) == [1, 3, 300_000])
        #expect(try store.events(subject: "case:y").map(\.seq) == [2])
        #expect(try store.events(subject: "case:z").isEmpty)
    }
}
