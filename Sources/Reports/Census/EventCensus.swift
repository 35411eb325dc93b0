public import EventLog
import SQLite

/// How many department events happened when, by department: the reports' projection of
/// the log, kept beside it in `<log>.census` (SQLite) and caught up from where it stopped.
///
/// Reports count events by when they happened (`at`), which the log does not index: it
/// stores canonical bodies in `seq` order, and a backfill can add events to any month. The
/// census keeps one row per department event — its instant, `seq` and department — in
/// `at` order, so that counting a month's events per department is a range scan, however
/// large the log. Each catch-up reads only the events appended since the last one.
///
/// The log's own records are not department activity and are left out: declared
/// backfills (`log.*`) and inspectors' dispositions (`finding.*`).
///
/// Derived data, like the audit's projections: deleting the file loses nothing, and a
/// census built for another log (another log id at the same path) is emptied and rebuilt.
///
/// Not `Sendable`: it owns a connection.
public final class EventCensus {
    let database: Database
    let log: EventStore
    public let path: String

    /// Opens (or creates) the census of a log.
    ///
    /// - Parameters:
    ///   - log: the event log.
    ///   - path: the census file (default: the log's path + `.census`).
    /// - Throws: `SQLiteError`.
    public init(log: EventStore, path: String? = nil) throws {
        self.log = log
        self.path = path ?? log.path + ".census"
        database = try Database(path: self.path)
        try database.execute("PRAGMA journal_mode = WAL")
        // Derived data: a lost tail is read again from the log.
        try database.execute("PRAGMA synchronous = NORMAL")
        try database.execute(
            """
            CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS depts(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
            CREATE TABLE IF NOT EXISTS events(at INTEGER NOT NULL, seq INTEGER NOT NULL, dept INTEGER NOT NULL,
                PRIMARY KEY(at, seq)) WITHOUT ROWID;
            """)
        if try meta("log_id") != log.logID {
            try database.transaction { database in
                try database.execute("DELETE FROM meta; DELETE FROM depts; DELETE FROM events;")
                try database.prepare("INSERT INTO meta(key, value) VALUES ('log_id', ?)").run([.text(log.logID)])
            }
        }
    }

    /// Whether an event type is the log's own record rather than a department's act.
    public static func isBookkeeping(_ type: String) -> Bool {
        type.hasPrefix("log.") || type.hasPrefix("finding.")
    }

    /// Reads the events appended since the last catch-up.
    ///
    /// - Returns: how many events were read (counted or not).
    /// - Throws: `SQLiteError`, `StoredEventError`.
    @discardableResult
    public func catchUp() throws -> Int {
        let position = Int64(try meta("position") ?? "0") ?? 0
        var read = 0
        var pending: [(at: Int64, seq: Int64, dept: String)] = []
        var last = position
        try log.forEachBody(from: position + 1) { seq, body in
            let event = try StoredEvent(body: body)
            if !Self.isBookkeeping(event.envelope.type) {
                pending.append((event.envelope.instant.millisecondsSinceEpoch, seq, event.envelope.dept))
            }
            read += 1
            last = seq
            if pending.count >= 50_000 {
                try store(&pending, position: last)
            }
            return true
        }
        if last != position { try store(&pending, position: last) }
        return read
    }

    private func store(_ pending: inout [(at: Int64, seq: Int64, dept: String)], position: Int64) throws {
        let rows = pending
        pending.removeAll(keepingCapacity: true)
        try database.transaction { database in
            var ids: [String: Int64] = [:]
            for row in try database.prepare("SELECT id, name FROM depts").query(row: { ($0.string(at: 1), $0.int64(at: 0)) }) {
                ids[row.0] = row.1
            }
            let addDept = try database.prepare("INSERT INTO depts(name) VALUES (?)")
            let insert = try database.prepare("INSERT OR IGNORE INTO events(at, seq, dept) VALUES (?, ?, ?)")
            for row in rows {
                let id: Int64
                if let known = ids[row.dept] {
                    id = known
                } else {
                    try addDept.run([.text(row.dept)])
                    id = database.lastInsertRowID
                    ids[row.dept] = id
                }
                try insert.run([.integer(row.at), .integer(row.seq), .integer(id)])
            }
            try database.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES ('position', ?)").run([.text(String(position))])
        }
    }

    /// Department events that happened from `start` through `end`, by department.
    ///
    /// - Complexity: O(*k*) for *k* events in the range.
    public func counts(from start: Instant, through end: Instant) throws -> [String: Int] {
        guard start <= end else { return [:] }
        let rows = try database.prepare(
            "SELECT d.name, c.n FROM (SELECT dept, count(*) AS n FROM events WHERE at BETWEEN ? AND ? GROUP BY dept) AS c JOIN depts AS d ON d.id = c.dept"
        ).query([.integer(start.millisecondsSinceEpoch), .integer(end.millisecondsSinceEpoch)]) { ($0.string(at: 0), Int($0.int64(at: 1))) }
        return Dictionary(uniqueKeysWithValues: rows)
    }

    private func meta(_ key: String) throws -> String? {
        try database.prepare("SELECT value FROM meta WHERE key = ?").query([.text(key)]) { $0.string(at: 0) }.first
    }
}
