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

    private lazy var lookupByKey = try? database.prepare("SELECT seq, body FROM events WHERE key = ?", persistent: true)

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
    /// - Parameters:
    ///   - batch: validated envelopes, in input order.
    ///   - recorded: the instant to record; the current time when nil.
    /// - Returns: one result per envelope and the new head.
    /// - Throws: `SQLiteError`; nothing of the batch is stored then.
    public func append(_ batch: [Envelope], recorded: Instant? = nil) throws -> BatchOutcome {
        try database.transaction(.immediate) { database in
            let recorded = recorded ?? Instant.now()
            var head = try Self.readHead(database, path: path)
            let insert = try database.prepare(
                "INSERT INTO events(seq, key, subject_key, body, head) VALUES (?, ?, ?, ?, ?)", persistent: true)
            var results: [AppendResult] = []
            results.reserveCapacity(batch.count)
            /// Keys appended earlier in this batch: key → indexes into `batch`.
            var batchKeys: [Int64: [Int]] = [:]
            for (index, envelope) in batch.enumerated() {
                let key = Self.idempotencyKey(dept: envelope.dept, id: envelope.id)
                if let earlier = try findExisting(envelope, key: key, batch: batch, batchKeys: batchKeys[key] ?? [], results: results) {
                    results.append(earlier)
                    continue
                }
                let seq = head.size + 1
                let body = envelope.storedBody(seq: seq, recorded: recorded)
                let leaf = body.withUnsafeBytes { HashChain.leaf(of: $0) }
                let next = HashChain.next(after: head.hash, leaf: leaf)
                try insert.bind(seq, at: 1)
                try insert.bind(key, at: 2)
                try insert.bind(Self.subjectKey(envelope.subject), at: 3)
                try insert.bind(body, at: 4)
                try next.withUnsafeBytes { try insert.bind($0, at: 5) }
                defer { insert.reset() }
                try insert.step()
                head = ChainHead(size: seq, hash: next)
                results.append(.appended(seq: seq))
                batchKeys[key, default: []].append(index)
            }
            if head.size > 0 {
                let update = try database.prepare("UPDATE chain SET size = ?, head = ? WHERE id = 1", persistent: true)
                try head.hash.withUnsafeBytes { try update.bind($0, at: 2) }
                try update.bind(head.size, at: 1)
                defer { update.reset() }
                try update.step()
            }
            return BatchOutcome(results: results, head: head, recorded: recorded)
        }
    }

    /// Finds an event with the same (dept, id), earlier in the batch or in the log.
    private func findExisting(
        _ envelope: Envelope, key: Int64, batch: [Envelope], batchKeys: [Int], results: [AppendResult]
    ) throws -> AppendResult? {
        for earlierIndex in batchKeys {
            let earlier = batch[earlierIndex]
            guard earlier.dept == envelope.dept, earlier.id == envelope.id,
                case .appended(let seq) = results[earlierIndex]
            else { continue }
            return earlier.content == envelope.content ? .duplicate(of: seq) : .conflict(with: seq)
        }
        guard let lookup = lookupByKey else {
            throw LogError(path: path, message: "cannot prepare the idempotency lookup")
        }
        defer { lookup.reset() }
        try lookup.bind(key, at: 1)
        while try lookup.step() {
            let seq = lookup.int64(at: 0)
            let match: AppendResult? = try lookup.withBytes(at: 1) { body in
                if StoredLayout.content(of: body, equals: envelope.content) { return .duplicate(of: seq) }
                // Same key: either the same (dept, id) with other content, or a 64-bit hash collision.
                let stored = try StoredEvent(body: body)
                if stored.envelope.dept == envelope.dept, stored.envelope.id == envelope.id { return .conflict(with: seq) }
                return nil
            }
            if let match { return match }
        }
        return nil
    }

    /// The 64-bit key under which (dept, id) is indexed: the first 8 bytes of
    /// SHA-256(dept ‖ 0x00 ‖ id). A hit is confirmed against the stored body.
    static func idempotencyKey(dept: String, id: String) -> Int64 {
        var hasher = SHA256()
        hasher.update(dept)
        hasher.update([0])
        hasher.update(id)
        return hasher.finalize().prefix64
    }

    /// The 64-bit key under which a subject's events are indexed (trail lookups).
    static func subjectKey(_ subject: String) -> Int64 {
        SHA256.hash(subject).prefix64
    }
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
