internal import CSQLite

/// An error reported by SQLite, with the result code, SQLite's message and the SQL concerned.
///
/// Bound values are never part of the error or its description: the events stored in
/// IronCage are about citizens, and an error message may end up in a log file or a
/// terminal that a wider audience sees.
public struct SQLiteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The extended result code (https://sqlite.org/rescode.html).
    public var code: Int32
    /// SQLite's own explanation, or ours when the failure happened before SQLite was asked.
    public var message: String
    /// The statement that failed, when there was one.
    public var sql: String?

    public init(code: Int32, message: String, sql: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
    }

    /// The primary result code: the low eight bits of `code`.
    public var primaryCode: Int32 { code & 0xFF }

    /// True for `SQLITE_BUSY` and `SQLITE_LOCKED`: another connection holds the lock.
    public var isBusy: Bool { primaryCode == SQLITE_BUSY || primaryCode == SQLITE_LOCKED }

    /// True for `SQLITE_CONSTRAINT` and its extended codes.
    public var isConstraintViolation: Bool { primaryCode == SQLITE_CONSTRAINT }

    public var description: String {
        var text = "SQLite error \(code): \(message)"
        if let sql { text += " — in \(sql)" }
        return text
    }
}
