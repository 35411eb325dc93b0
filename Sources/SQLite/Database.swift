internal import CSQLite

/// One connection to an SQLite database file.
///
/// A connection is used from one thread at a time and is therefore not `Sendable`;
/// open one per thread or process. Statements prepared on it must not outlive it.
public final class Database {
    /// How to open a database file.
    public struct OpenMode: Sendable, Equatable {
        var flags: Int32
        /// Read and write; create the file when it does not exist.
        public static let readWriteCreate = OpenMode(flags: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        /// Read and write an existing file.
        public static let readWrite = OpenMode(flags: SQLITE_OPEN_READWRITE)
        /// Read only.
        public static let readOnly = OpenMode(flags: SQLITE_OPEN_READONLY)
    }

    let handle: OpaquePointer
    /// The path the connection was opened with.
    public let path: String

    /// Opens a connection.
    ///
    /// - Parameters:
    ///   - path: the database file; `":memory:"` for a private in-memory database.
    ///   - mode: whether to create, write or only read.
    ///   - busyTimeoutMilliseconds: how long a statement waits for another connection's
    ///     lock before failing with `SQLITE_BUSY` (https://sqlite.org/c3ref/busy_timeout.html).
    /// - Throws: `SQLiteError` when the file cannot be opened.
    public init(path: String, mode: OpenMode = .readWriteCreate, busyTimeoutMilliseconds: Int32 = 60_000) throws {
        var handle: OpaquePointer?
        // NOMUTEX: the connection is confined to one thread, so SQLite's own mutex is wasted work.
        let flags = mode.flags | SQLITE_OPEN_NOMUTEX
        let status = sqlite3_open_v2(path, &handle, flags, nil)
        guard status == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(handle)
            throw SQLiteError(code: status, message: "cannot open \(path): \(message)")
        }
        self.handle = handle
        self.path = path
        sqlite3_extended_result_codes(handle, 1)
        sqlite3_busy_timeout(handle, busyTimeoutMilliseconds)
    }

    deinit {
        // v2 defers the close until every statement is finalized, so order of deinit does not matter.
        sqlite3_close_v2(handle)
    }

    /// Runs one or more SQL statements that take no parameters and return no rows of interest.
    ///
    /// - Throws: `SQLiteError` naming the SQL that failed.
    public func execute(_ sql: String) throws {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let status = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        if status != SQLITE_OK {
            let message = errorMessage.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(errorMessage)
            throw SQLiteError(code: sqlite3_extended_errcode(handle), message: message, sql: sql)
        }
    }

    /// Compiles one SQL statement for repeated use.
    ///
    /// - Parameters:
    ///   - sql: exactly one statement; values go in `?` parameters, never into the text.
    ///   - persistent: hint that the statement will be reused many times
    ///     (`SQLITE_PREPARE_PERSISTENT`, https://sqlite.org/c3ref/c_prepare_normalize.html).
    /// - Throws: `SQLiteError` for a syntax error or a missing table.
    public func prepare(_ sql: String, persistent: Bool = false) throws -> Statement {
        try Statement(database: self, sql: sql, persistent: persistent)
    }

    /// The rowid of the most recent successful INSERT on this connection.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Rows changed by the most recent INSERT, UPDATE or DELETE on this connection.
    public var changes: Int { Int(sqlite3_changes64(handle)) }

    /// True while a transaction is open on this connection.
    public var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    ///
    /// - Parameters:
    ///   - kind: `.immediate` takes the write lock at once, so a read-then-write inside
    ///     the body cannot be overtaken by another writer (https://sqlite.org/lang_transaction.html).
    ///   - body: the work; it receives this connection.
    /// - Returns: what `body` returned.
    /// - Throws: what `body` threw, or `SQLiteError` from BEGIN or COMMIT.
    public func transaction<Result>(_ kind: TransactionKind = .immediate, _ body: (Database) throws -> Result) throws -> Result {
        try execute("BEGIN \(kind.rawValue)")
        let result: Result
        do {
            result = try body(self)
        } catch {
            // A failed statement may already have rolled the transaction back.
            if isInTransaction { try? execute("ROLLBACK") }
            throw error
        }
        do {
            try execute("COMMIT")
        } catch {
            if isInTransaction { try? execute("ROLLBACK") }
            throw error
        }
        return result
    }

    /// The error SQLite reports for the last failed call on this connection.
    func lastError(sql: String?) -> SQLiteError {
        SQLiteError(code: sqlite3_extended_errcode(handle), message: String(cString: sqlite3_errmsg(handle)), sql: sql)
    }

    /// The version of the SQLite library in use, e.g. "3.40.1".
    public static var libraryVersion: String { String(cString: sqlite3_libversion()) }
}
