import SQLite

extension EventStore {
    /// Marks the file as an IronCage log (`PRAGMA application_id`, https://sqlite.org/pragma.html#pragma_application_id): "ICLg".
    static let applicationID: Int64 = 0x4943_4C67
    /// The on-disk format this program writes and reads (`PRAGMA user_version`).
    public static let formatVersion: Int64 = 1

    /// Creates the tables and triggers of a new log, or checks an existing one.
    ///
    /// - Returns: the log's id.
    static func prepareSchema(_ database: Database, path: String, create: Bool) throws -> String {
        // WAL lets readers (verify, trail, audit) run while departments append, and makes a
        // commit one sequential write. `journal_mode` cannot change inside a transaction.
        // 8 KiB pages (set before anything is written; a no-op on an existing log): a stored
        // row is ~420 bytes, and against 4 KiB pages this cut ingest CPU by a fifth and the
        // file by 5% (less slack per page, shallower trees).
        try database.execute("PRAGMA page_size = 8192")
        try database.execute("PRAGMA journal_mode = WAL")
        // Set explicitly, not left to the build's default: FULL syncs the WAL at every
        // commit, so an acknowledged batch survives a power cut, not only a killed process
        // (https://sqlite.org/pragma.html#pragma_synchronous).
        try database.execute("PRAGMA synchronous = FULL")
        // 32 MiB of page cache (the default is 2 MiB): the idempotency and subject indexes
        // are probed at random, and ingest must stay well under 100 MB resident.
        try database.execute("PRAGMA cache_size = -32768")
        return try database.transaction(.immediate) { database in
            let applicationID = try database.prepare("PRAGMA application_id").query { $0.int64(at: 0) }.first ?? 0
            let version = try database.prepare("PRAGMA user_version").query { $0.int64(at: 0) }.first ?? 0
            if applicationID == 0 && version == 0 {
                let tables = try database.prepare("SELECT count(*) FROM sqlite_schema").query { $0.int64(at: 0) }.first ?? 0
                guard tables == 0 else {
                    throw LogError(path: path, message: "not an IronCage log (an SQLite file with other tables)")
                }
                guard create else { throw LogError(path: path, message: "no log here") }
                return try createSchema(database)
            }
            guard applicationID == Self.applicationID else {
                throw LogError(path: path, message: "not an IronCage log (application_id \(applicationID))")
            }
            guard version <= formatVersion else {
                throw LogError(path: path, message: "log format \(version) is newer than this program's (\(formatVersion)); upgrade ironcage")
            }
            let ids = try database.prepare("SELECT value FROM meta WHERE key = 'log_id'").query { $0.string(at: 0) }
            guard let id = ids.first else { throw LogError(path: path, message: "the log's id is missing") }
            return id
        }
    }

    private static func createSchema(_ database: Database) throws -> String {
        let logID = newLogID()
        try database.execute(
            """
            PRAGMA application_id = \(applicationID);
            PRAGMA user_version = \(formatVersion);
            CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
            CREATE TABLE chain(id INTEGER PRIMARY KEY CHECK (id = 1), size INTEGER NOT NULL, head BLOB NOT NULL);
            -- seq: position, 1, 2, 3 … with no gaps. body: the canonical bytes that were hashed.
            -- head: the chain head after this event. key: dept ‖ 0x00 ‖ id (UTF-8), the
            -- idempotency key, exact, so it sorts in the departments' own id order.
            -- subject_key: (seq >> 17) << 32 | first 4 bytes of SHA-256(subject), confirmed
            -- against body on a hit; see EventStore.subjectKey for why the seq leads it.
            -- ON CONFLICT FAIL, and RAISE(FAIL) below, instead of the default ABORT: for a
            -- one-row INSERT they refuse the same rows (every check runs before the row is
            -- written), but any ABORT makes SQLite keep a statement journal, a copy of each
            -- page every INSERT touches, which cost ingest about a quarter of its time.
            CREATE TABLE events(
                seq INTEGER PRIMARY KEY ON CONFLICT FAIL,
                key BLOB NOT NULL ON CONFLICT FAIL,
                subject_key INTEGER NOT NULL ON CONFLICT FAIL,
                body BLOB NOT NULL ON CONFLICT FAIL,
                head BLOB NOT NULL ON CONFLICT FAIL
            );
            CREATE UNIQUE INDEX events_by_key ON events(key);
            CREATE INDEX events_by_subject ON events(subject_key);
            CREATE TRIGGER events_no_update BEFORE UPDATE ON events
                BEGIN SELECT RAISE(ABORT, 'the event log is append-only: UPDATE refused'); END;
            CREATE TRIGGER events_no_delete BEFORE DELETE ON events
                BEGIN SELECT RAISE(ABORT, 'the event log is append-only: DELETE refused'); END;
            -- INSERT OR REPLACE deletes the old row without firing delete triggers
            -- (https://sqlite.org/lang_conflict.html), and a gap or a row out of order would
            -- break the chain: only the next seq may be inserted. A multi-row INSERT stops at
            -- its first refused row; the rows before it were each the next seq.
            CREATE TRIGGER events_append_only BEFORE INSERT ON events
                WHEN NEW.seq IS NOT (SELECT coalesce(max(seq), 0) + 1 FROM events)
                BEGIN SELECT RAISE(FAIL, 'the event log is append-only: rows go at the end, in seq order'); END;
            CREATE TRIGGER meta_no_update BEFORE UPDATE ON meta
                BEGIN SELECT RAISE(ABORT, 'the log''s identity is fixed'); END;
            CREATE TRIGGER meta_no_delete BEFORE DELETE ON meta
                BEGIN SELECT RAISE(ABORT, 'the log''s identity is fixed'); END;
            CREATE TRIGGER chain_no_delete BEFORE DELETE ON chain
                BEGIN SELECT RAISE(ABORT, 'the chain head cannot be deleted'); END;
            """)
        let insertMeta = try database.prepare("INSERT INTO meta(key, value) VALUES (?, ?)")
        try insertMeta.run([.text("log_id"), .text(logID)])
        try insertMeta.run([.text("created"), .text(Instant.now().utcString)])
        let genesis = HashChain.genesis(logID: logID)
        try database.prepare("INSERT INTO chain(id, size, head) VALUES (1, 0, ?)").run([.blob(genesis.bytes)])
        return logID
    }

    /// A random 128-bit id in hex, from the system's generator.
    private static func newLogID() -> String {
        var generator = SystemRandomNumberGenerator()
        let high = generator.next() as UInt64
        let low = generator.next() as UInt64
        let hex = String(high, radix: 16) + ":" + String(low, radix: 16)
        return "log-" + hex.split(separator: ":").map { String(repeating: "0", count: 16 - $0.count) + $0 }.joined()
    }
}
