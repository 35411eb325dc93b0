internal import CSQLite

/// A compiled SQL statement, reusable with different parameters.
///
/// Bind with `bind(_:at:)` (parameters count from 1), call `step()` until it returns
/// false, read columns (counting from 0) while a row is current, and `reset()` before
/// the next use. Finalized when released; it keeps its connection alive meanwhile.
public final class Statement {
    let handle: OpaquePointer
    let database: Database
    /// The SQL text, for error messages. Bound values are never recorded.
    public let sql: String

    init(database: Database, sql: String, persistent: Bool) throws {
        var handle: OpaquePointer?
        let flags: UInt32 = persistent ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0
        let status = sqlite3_prepare_v3(database.handle, sql, -1, flags, &handle, nil)
        guard status == SQLITE_OK, let handle else {
            throw database.lastError(sql: sql)
        }
        self.handle = handle
        self.database = database
        self.sql = sql
    }

    deinit {
        sqlite3_finalize(handle)
    }

    // MARK: Binding

    /// Binds an integer to parameter `index` (from 1).
    public func bind(_ value: Int64, at index: Int32) throws {
        try check(sqlite3_bind_int64(handle, index, value))
    }

    /// Binds an integer to parameter `index` (from 1).
    public func bind(_ value: Int, at index: Int32) throws {
        try bind(Int64(value), at: index)
    }

    /// Binds a floating-point number to parameter `index` (from 1).
    public func bind(_ value: Double, at index: Int32) throws {
        try check(sqlite3_bind_double(handle, index, value))
    }

    /// Binds text to parameter `index` (from 1); SQLite copies it.
    public func bind(_ value: String, at index: Int32) throws {
        // withCString gives a non-nil pointer even for "", which must bind empty text, not NULL.
        let length = sqlite3_uint64(value.utf8.count)
        let status = value.withCString { chars in
            sqlite3_bind_text64(handle, index, chars, length, ironcage_sqlite_transient(), UInt8(SQLITE_UTF8))
        }
        try check(status)
    }

    /// Binds a blob to parameter `index` (from 1); SQLite copies it.
    public func bind(_ bytes: UnsafeRawBufferPointer, at index: Int32) throws {
        guard let base = bytes.baseAddress, !bytes.isEmpty else {
            // A nil pointer would bind NULL; an empty blob must stay an empty blob.
            try check(sqlite3_bind_zeroblob(handle, index, 0))
            return
        }
        try check(sqlite3_bind_blob64(handle, index, base, sqlite3_uint64(bytes.count), ironcage_sqlite_transient()))
    }

    /// Binds a blob to parameter `index` (from 1) without copying it: SQLite reads the bytes
    /// where they are (`SQLITE_STATIC`, https://sqlite.org/c3ref/bind_blob.html).
    ///
    /// For hot paths that bind large values they already hold in stable memory.
    ///
    /// - Precondition: the bytes stay valid and unchanged until the statement is reset
    ///   (which also clears the binding) or the parameter is bound again.
    public func bindWithoutCopying(_ bytes: UnsafeRawBufferPointer, at index: Int32) throws {
        guard let base = bytes.baseAddress, !bytes.isEmpty else {
            try check(sqlite3_bind_zeroblob(handle, index, 0))
            return
        }
        try check(sqlite3_bind_blob64(handle, index, base, sqlite3_uint64(bytes.count), nil))
    }

    /// Binds a blob to parameter `index` (from 1); SQLite copies it.
    public func bind(_ bytes: [UInt8], at index: Int32) throws {
        try bytes.withUnsafeBytes { try bind($0, at: index) }
    }

    /// Binds NULL to parameter `index` (from 1).
    public func bindNull(at index: Int32) throws {
        try check(sqlite3_bind_null(handle, index))
    }

    /// Binds any value to parameter `index` (from 1).
    public func bind(_ value: SQLiteValue, at index: Int32) throws {
        switch value {
        case .null: try bindNull(at: index)
        case .integer(let v): try bind(v, at: index)
        case .real(let v): try bind(v, at: index)
        case .text(let v): try bind(v, at: index)
        case .blob(let v): try bind(v, at: index)
        }
    }

    /// Binds values to parameters 1, 2, 3 … in order.
    public func bind(_ values: [SQLiteValue]) throws {
        for (offset, value) in values.enumerated() {
            try bind(value, at: Int32(offset + 1))
        }
    }

    // MARK: Running

    /// Advances to the next row.
    ///
    /// - Returns: true when a row is available to read, false when the statement is done.
    /// - Throws: `SQLiteError`, e.g. a constraint violation or `SQLITE_BUSY` after the timeout.
    @discardableResult
    public func step() throws -> Bool {
        let status = sqlite3_step(handle)
        switch status {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let error = database.lastError(sql: sql)
            sqlite3_reset(handle)
            throw error
        }
    }

    /// Makes the statement ready to run again and clears its bindings.
    public func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// Runs a statement that returns no rows, with the given parameters, and resets it.
    public func run(_ values: [SQLiteValue] = []) throws {
        defer { reset() }
        try bind(values)
        while try step() {}
    }

    /// Runs a query with the given parameters and collects `row` for each result row.
    public func query<Row>(_ values: [SQLiteValue] = [], row: (Statement) throws -> Row) throws -> [Row] {
        defer { reset() }
        try bind(values)
        var rows: [Row] = []
        while try step() {
            rows.append(try row(self))
        }
        return rows
    }

    // MARK: Reading the current row

    /// The number of columns in a result row.
    public var columnCount: Int32 { sqlite3_column_count(handle) }

    /// True when column `index` (from 0) of the current row is NULL.
    public func isNull(at index: Int32) -> Bool {
        sqlite3_column_type(handle, index) == SQLITE_NULL
    }

    /// Column `index` (from 0) as an integer (NULL reads as 0).
    public func int64(at index: Int32) -> Int64 {
        sqlite3_column_int64(handle, index)
    }

    /// Column `index` (from 0) as a floating-point number (NULL reads as 0).
    public func double(at index: Int32) -> Double {
        sqlite3_column_double(handle, index)
    }

    /// Column `index` (from 0) as text (NULL reads as the empty string).
    public func string(at index: Int32) -> String {
        guard let text = sqlite3_column_text(handle, index) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, index))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }

    /// Column `index` (from 0) as text, or nil when NULL.
    public func optionalString(at index: Int32) -> String? {
        isNull(at: index) ? nil : string(at: index)
    }

    /// Column `index` (from 0) as bytes (NULL reads as empty), copied out.
    public func bytes(at index: Int32) -> [UInt8] {
        withBytes(at: index) { Array($0.bindMemory(to: UInt8.self)) }
    }

    /// Lends column `index` (from 0) of the current row without copying.
    ///
    /// The buffer is valid only inside `body`: SQLite reuses it on the next step or reset.
    public func withBytes<R>(at index: Int32, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let pointer = sqlite3_column_blob(handle, index)
        let count = Int(sqlite3_column_bytes(handle, index))
        return try body(UnsafeRawBufferPointer(start: pointer, count: pointer == nil ? 0 : count))
    }

    private func check(_ status: Int32) throws {
        if status != SQLITE_OK { throw database.lastError(sql: sql) }
    }
}
