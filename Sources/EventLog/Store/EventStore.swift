public import SQLite

/// The append-only event log: one SQLite file holding every event's canonical bytes and
/// the hash chain over them.
///
/// Each row keeps the exact bytes that were hashed (`body`) and the chain head after it
/// (`head`), so verification never re-serialises JSON and every link can be checked on its
/// own, in parallel. Triggers make the events table append-only (see `EventStore+Schema`).
/// Several processes may append at once: each batch runs in a `BEGIN IMMEDIATE`
/// transaction and reads the current head inside it.
///
/// Not `Sendable`: a store owns one connection; open one per thread or process.
public final class EventStore {
    public let database: Database
    public let path: String
    /// The log's identity, fixed at creation; `head[0]` is derived from it.
    public let logID: String

    /// Prepared on the first append and kept: compiling them per batch showed in profiles.
    private var appendStatementCache: AppendStatements?
    /// Hashes each batch ahead of its inserts, on a thread of its own; made on the first
    /// long batch, so stores that only read never start one.
    private lazy var batchHasher = BatchHasher()
    /// Checkpoints the log on another thread while an ingest runs.
    private var checkpointer: WALCheckpointer?

    /// Opens a log, creating it when `create` is true and the file does not exist yet.
    ///
    /// - Parameters:
    ///   - path: the database file.
    ///   - create: whether a missing log may be created.
    /// - Throws: `SQLiteError` when the file cannot be opened, `LogError` when it is not an
    ///   IronCage log or has a newer format.
    public init(path: String, create: Bool = true) throws {
        self.path = path
        if !create, fileSize(path) == 0, !fileExists(path) {
            throw LogError(path: path, message: "no log here (`ironcage ingest` creates one; --db or IRONCAGE_DB choose another)")
        }
        let database = try Database(path: path, mode: create ? .readWriteCreate : .readWrite)
        self.database = database
        self.logID = try Self.prepareSchema(database, path: path, create: create)
    }

    /// The current size and head.
    public func head() throws -> ChainHead {
        try Self.readHead(database, path: path)
    }

    static func readHead(_ database: Database, path: String) throws -> ChainHead {
        let rows = try database.prepare("SELECT size, head FROM chain WHERE id = 1").query { row in
            (row.int64(at: 0), row.bytes(at: 1))
        }
        guard let (size, bytes) = rows.first, bytes.count == SHA256Digest.byteCount else {
            throw LogError(path: path, message: "the chain head is missing or damaged")
        }
        return ChainHead(size: size, hash: SHA256Digest(bytes: bytes))
    }

    /// Appends a batch in one transaction.
    ///
    /// Envelopes whose (dept, id) is already stored — or earlier in the same batch — are
    /// duplicates when their content is identical and conflicts otherwise; neither is stored.
    /// Every appended event gets the next `seq`, the batch's `recorded` instant, and its link
    /// in the chain.
    ///
    /// The unique key index does the idempotency check as part of each INSERT. For batches
    /// of `hashAheadMinimum` or more, a `BatchHasher` computes bodies and links on another
    /// thread for the seqs expected if every envelope is new, while this thread inserts;
    /// after the first repeat the rest are looked up first and hashed here.
    ///
    /// - Parameters:
    ///   - batch: validated envelopes, in input order.
    ///   - recorded: the instant to record; the current time when nil.
    /// - Returns: one result per envelope and the new head.
    /// - Throws: `SQLiteError`; nothing of the batch is stored then.
    public func append(_ batch: [Envelope], recorded: Instant? = nil) throws -> BatchOutcome {
        let statements = try appendStatements()
        defer { checkpointer?.committed() }
        return try database.transaction(.immediate) { database in
            let recorded = recorded ?? Instant.now()
            var head = try Self.readHead(database, path: path)
            var results: [AppendResult] = []
            results.reserveCapacity(batch.count)
            // Hash ahead on another core, expecting every envelope to be appended; once one
            // is not, the seqs shift and the rest are hashed here, after a lookup.
            let hasher = batch.count >= Self.hashAheadMinimum ? batchHasher : nil
            hasher?.start(batch, firstSeq: head.size + 1, recorded: recorded, after: head.hash)
            defer { hasher?.stop() }
            var onSchedule = hasher != nil
            var key: [UInt8] = []
            for (index, envelope) in batch.enumerated() {
                Self.idempotencyKey(dept: envelope.dept, id: envelope.id, into: &key)
                let seq = head.size + 1
                if let hasher, onSchedule {
                    let inserted: Bool
                    let next: SHA256Digest
                    if let link = hasher.link(at: index) {
                        next = link.head
                        inserted = try insert(seq: seq, key: key, subjectHash: link.subjectHash, body: link.body, head: next, statements)
                    } else {
                        // The hasher is behind: compute this link here rather than wait.
                        let body = envelope.storedBody(seq: seq, recorded: recorded)
                        next = body.withUnsafeBytes { HashChain.next(after: head.hash, leaf: HashChain.leaf(of: $0)) }
                        hasher.resume(at: index + 1, after: next)
                        inserted = try body.withUnsafeBytes { body in
                            try insert(seq: seq, key: key, subjectHash: Self.subjectHash(envelope.subject), body: body, head: next, statements)
                        }
                    }
                    if inserted {
                        head = ChainHead(size: seq, hash: next)
                        results.append(.appended(seq: seq))
                        continue
                    }
                    onSchedule = false
                    hasher.stop()
                } else if try !keyIsFree(key, statements) {
                    // Looked up first, so a repeated batch costs no hashing.
                } else {
                    let body = envelope.storedBody(seq: seq, recorded: recorded)
                    let next = body.withUnsafeBytes { HashChain.next(after: head.hash, leaf: HashChain.leaf(of: $0)) }
                    let inserted = try body.withUnsafeBytes { body in
                        try insert(seq: seq, key: key, subjectHash: Self.subjectHash(envelope.subject), body: body, head: next, statements)
                    }
                    if inserted {
                        head = ChainHead(size: seq, hash: next)
                        results.append(.appended(seq: seq))
                        continue
                    }
                }
                results.append(try existing(envelope, key: key, lookup: statements.lookup))
            }
            if results.contains(where: { if case .appended = $0 { true } else { false } }) {
                let update = statements.updateHead
                defer { update.reset() }
                try update.bind(head.size, at: 1)
                try head.hash.withUnsafeBytes { try update.bind($0, at: 2) }
                try update.step()
            }
            return BatchOutcome(results: results, head: head, recorded: recorded)
        }
    }

    /// Moves write-ahead-log checkpoints to a thread of their own until
    /// `stopBackgroundCheckpoints()`; for long ingests (see `WALCheckpointer`).
    func startBackgroundCheckpoints() throws {
        guard checkpointer == nil else { return }
        // The writer's own checkpoints become the fallback: only past 64 MiB of log.
        try database.execute("PRAGMA wal_autocheckpoint = \(Self.fallbackCheckpointPages)")
        checkpointer = WALCheckpointer(path: path)
    }

    /// Back to checkpoints on the appending thread, every `defaultCheckpointPages` pages.
    func stopBackgroundCheckpoints() {
        guard let checkpointer else { return }
        checkpointer.stop()
        self.checkpointer = nil
        try? database.execute("PRAGMA wal_autocheckpoint = \(Self.defaultCheckpointPages)")
    }

    /// SQLite's default automatic checkpoint threshold, in pages.
    static let defaultCheckpointPages = 1000
    /// The threshold while a background checkpointer runs.
    static let fallbackCheckpointPages = 8192

    /// Where batches are hashed ahead: an ingest's reading thread, which runs the jobs
    /// between lines, or (nil) a thread of the store's own.
    var batchHashingJobs: SideJobs? {
        get { batchHasher.sideJobs }
        set { batchHasher.sideJobs = newValue }
    }

    /// Batches at least this long are hashed ahead on another thread; shorter ones are not
    /// worth the hand-over.
    static let hashAheadMinimum = 32

    /// Inserts one event unless its key is taken (`ON CONFLICT(key) DO NOTHING`).
    ///
    /// - Returns: whether the row was inserted.
    private func insert(
        seq: Int64, key: [UInt8], subjectHash: UInt32, body: UnsafeRawBufferPointer, head: SHA256Digest,
        _ statements: AppendStatements
    ) throws -> Bool {
        let insert = statements.insert
        defer { insert.reset() }
        try insert.bind(seq, at: 1)
        try insert.bind(Self.subjectKey(hash: subjectHash, epoch: seq >> Self.subjectEpochShift), at: 3)
        try insert.bindWithoutCopying(body, at: 4)
        try head.withUnsafeBytes { try insert.bind($0, at: 5) }
        // Borrowed bytes must outlive the step: it runs inside the borrow.
        try key.withUnsafeBytes { key in
            try insert.bindWithoutCopying(key, at: 2)
            try insert.step()
        }
        return database.changes == 1
    }

    /// Whether no event holds this (dept, id) key yet.
    private func keyIsFree(_ key: [UInt8], _ statements: AppendStatements) throws -> Bool {
        let lookup = statements.lookup
        defer { lookup.reset() }
        return try key.withUnsafeBytes { key in
            try lookup.bindWithoutCopying(key, at: 1)
            return try !lookup.step()
        }
    }

    /// The statements every batch runs, prepared once per connection.
    private func appendStatements() throws -> AppendStatements {
        if let prepared = appendStatementCache { return prepared }
        let prepared = AppendStatements(
            lookup: try database.prepare("SELECT seq, body FROM events WHERE key = ?", persistent: true),
            // The unique key index is the idempotency check: one probe, shared with the insert.
            insert: try database.prepare(
                "INSERT INTO events(seq, key, subject_key, body, head) VALUES (?, ?, ?, ?, ?) ON CONFLICT(key) DO NOTHING",
                persistent: true),
            updateHead: try database.prepare("UPDATE chain SET size = ?, head = ? WHERE id = 1", persistent: true))
        appendStatementCache = prepared
        return prepared
    }

    /// The event stored under the same (dept, id): a duplicate when its content is the same,
    /// a conflict otherwise.
    private func existing(_ envelope: Envelope, key: [UInt8], lookup: Statement) throws -> AppendResult {
        defer { lookup.reset() }
        try key.withUnsafeBytes { try lookup.bind($0, at: 1) }
        guard try lookup.step() else {
            throw LogError(path: path, message: "an insert was refused but no event holds its (dept, id)")
        }
        let seq = lookup.int64(at: 0)
        return lookup.withBytes(at: 1) { body in
            StoredLayout.content(of: body, equals: envelope.content) ? .duplicate(of: seq) : .conflict(with: seq)
        }
    }

    /// The key under which (dept, id) is indexed: `dept ‖ 0x00 ‖ id` in UTF-8.
    ///
    /// The exact bytes rather than a hash: neither field may hold U+0000, so the key is
    /// unambiguous, the index can be UNIQUE and a hit needs no confirmation; and it sorts
    /// like the departments' own ids, which mostly grow. New keys then land on a few index pages at the right end
    /// instead of one random page each — with a hashed key every batch rewrote most of the
    /// index to the write-ahead log.
    ///
    /// - Parameters:
    ///   - dept: the department.
    ///   - id: the event's id within it.
    ///   - key: replaced by the key; its capacity is reused.
    static func idempotencyKey(dept: String, id: String, into key: inout [UInt8]) {
        key.removeAll(keepingCapacity: true)
        key.append(contentsOf: dept.utf8)
        key.append(0)
        key.append(contentsOf: id.utf8)
    }

    /// Events per subject-index epoch: `seq >> subjectEpochShift` leads the subject key.
    static let subjectEpochShift: Int64 = 17

    /// The key under which an event is indexed by subject (trail lookups):
    /// `(seq >> 17) << 32 | first 4 bytes of SHA-256(subject)`.
    ///
    /// Subjects arrive in no order, so a plain hash key would put each new event on a
    /// random page of the subject index, and at millions of events every commit would
    /// rewrite most of that index. Leading with the epoch of the `seq` keeps the pages a
    /// batch touches to those of the current 131,072 events (about 300 pages); a trail then
    /// probes each epoch once, about 77 probes at ten million events. 2^16 halved what a
    /// batch touches but left a trail on a cold 10M-event log at 40–100 ms; 2^18 cost the
    /// inserts a further ~20% in a C model of the append.
    ///
    /// - Parameters:
    ///   - subject: the subject.
    ///   - seq: the event's position; only its epoch matters.
    static func subjectKey(_ subject: String, seq: Int64) -> Int64 {
        subjectKey(hash: subjectHash(subject), epoch: seq >> subjectEpochShift)
    }

    /// The subject key for a subject's hash in one epoch.
    static func subjectKey(hash: UInt32, epoch: Int64) -> Int64 {
        epoch &<< 32 | Int64(hash)
    }

    /// The first four bytes of SHA-256(subject), big-endian.
    static func subjectHash(_ subject: String) -> UInt32 {
        UInt32(truncatingIfNeeded: UInt64(bitPattern: SHA256.hash(subject).prefix64) >> 32)
    }
}

/// The prepared statements of `EventStore.append`.
struct AppendStatements {
    let lookup: Statement
    let insert: Statement
    let updateHead: Statement
}

extension SHA256Digest {
    /// The first eight bytes as a big-endian signed integer, for compact SQLite keys.
    var prefix64: Int64 {
        withUnsafeBytes { raw in
            var value: UInt64 = 0
            for byte in raw.prefix(8) { value = value << 8 | UInt64(byte) }
            return Int64(bitPattern: value)
        }
    }
}
