import SQLite

extension EventStore {
    /// Every event of one subject, in `seq` order: the subject's trail.
    ///
    /// The subject index leads with the epoch of each `seq` (see `subjectKey(_:seq:)`), so
    /// this probes it once per epoch of 131,072 events, oldest first; within an epoch the
    /// index keeps equal keys in `seq` order.
    ///
    /// - Complexity: O((n / 131,072 + k) log n) for k events of the subject in a log of n.
    /// - Throws: `SQLiteError`, or `StoredEventError` for a body that no longer parses.
    public func events(subject: String) throws -> [StoredEvent] {
        let statement = try database.prepare("SELECT body FROM events WHERE subject_key = ? ORDER BY seq")
        let lastSeq = try database.prepare("SELECT max(seq) FROM events").query { $0.int64(at: 0) }.first ?? 0
        let hash = Self.subjectHash(subject)
        var events: [StoredEvent] = []
        for epoch in 0 ... (lastSeq >> Self.subjectEpochShift) {
            try statement.bind(Self.subjectKey(hash: hash, epoch: epoch), at: 1)
            defer { statement.reset() }
            while try statement.step() {
                let event = try statement.withBytes(at: 0) { try StoredEvent(body: $0) }
                // The key holds a hash prefix: confirm the subject itself.
                if event.envelope.subject == subject { events.append(event) }
            }
        }
        return events
    }

    /// Calls `body` with each stored body from `seq` onward, in order, without copying.
    ///
    /// - Parameters:
    ///   - seq: the first `seq` to read.
    ///   - body: receives the `seq` and the body, valid only during the call; return false to stop.
    public func forEachBody(from seq: Int64 = 1, _ body: (Int64, UnsafeRawBufferPointer) throws -> Bool) throws {
        let statement = try database.prepare("SELECT seq, body FROM events WHERE seq >= ? ORDER BY seq")
        try statement.bind(seq, at: 1)
        defer { statement.reset() }
        while try statement.step() {
            let keepGoing = try statement.withBytes(at: 1) { try body(statement.int64(at: 0), $0) }
            if !keepGoing { break }
        }
    }

    /// The chain head stored with event `seq` (`head[0]`, the genesis, for 0), or nil when there is no such event.
    public func storedHead(at seq: Int64) throws -> SHA256Digest? {
        if seq == 0 { return HashChain.genesis(logID: logID) }
        let rows = try database.prepare("SELECT head FROM events WHERE seq = ?").query([.integer(seq)]) { $0.bytes(at: 0) }
        guard let bytes = rows.first, bytes.count == SHA256Digest.byteCount else { return nil }
        return SHA256Digest(bytes: bytes)
    }

    /// Bytes on disk: the database file and its write-ahead log.
    public func sizeOnDisk() -> Int64 {
        [path, path + "-wal"].reduce(0) { total, file in total + fileSize(file) }
    }
}
