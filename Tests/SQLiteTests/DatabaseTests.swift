import Foundation
import SQLite
import Testing

@Suite("SQLite wrapper")
struct DatabaseTests {
    func makeTable() throws -> Database {
        let db = try Database(path: ":memory:")
        try db.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, body BLOB, score REAL)")
        return db
    }

    @Test("binds and reads every storage class")
    func roundTrip() throws {
        let db = try makeTable()
        try db.prepare("INSERT INTO t(name, body, score) VALUES (?, ?, ?)").run([.text("张三 & co"), .blob([0, 1, 255]), .real(2.5)])
        try db.prepare("INSERT INTO t(name, body, score) VALUES (?, ?, ?)").run([.text(""), .blob([]), .null])
        let rows = try db.prepare("SELECT id, name, body, score, body IS NULL, typeof(body) FROM t ORDER BY id").query { row in
            [String(row.int64(at: 0)), row.string(at: 1), row.bytes(at: 2).map(String.init).joined(separator: ","),
             String(row.double(at: 3)), String(row.int64(at: 4)), row.string(at: 5)]
        }
        #expect(rows == [["1", "张三 & co", "0,1,255", "2.5", "0", "blob"], ["2", "", "", "0.0", "0", "blob"]])
        #expect(db.lastInsertRowID == 2)
    }

    @Test("a blob bound without copying is stored as it was when the statement ran")
    func bindWithoutCopying() throws {
        let db = try makeTable()
        let insert = try db.prepare("INSERT INTO t(name, body) VALUES (?, ?)")
        var bytes: [UInt8] = [1, 2, 3]
        try bytes.withUnsafeBytes { raw in
            try insert.bind("borrowed", at: 1)
            try insert.bindWithoutCopying(raw, at: 2)
            try insert.step()
            insert.reset()
        }
        bytes[0] = 9
        try [UInt8]().withUnsafeBytes { empty in
            try insert.bind("empty", at: 1)
            try insert.bindWithoutCopying(empty, at: 2)
            try insert.step()
            insert.reset()
        }
        let rows = try db.prepare("SELECT name, hex(body), typeof(body) FROM t ORDER BY id").query { row in
            [row.string(at: 0), row.string(at: 1), row.string(at: 2)]
        }
        #expect(rows == [["borrowed", "010203", "blob"], ["empty", "", "blob"]])
    }

    @Test("a statement is reusable after reset")
    func reuse() throws {
        let db = try makeTable()
        let insert = try db.prepare("INSERT INTO t(name) VALUES (?)", persistent: true)
        for name in ["a", "b", "c"] { try insert.run([.text(name)]) }
        let count = try db.prepare("SELECT count(*) FROM t").query { $0.int64(at: 0) }
        #expect(count == [3])
    }

    @Test("a constraint violation names the code and the SQL but never the bound values")
    func constraintErrorHidesValues() throws {
        let db = try makeTable()
        let insert = try db.prepare("INSERT INTO t(name) VALUES (?)")
        try insert.run([.text("secret-citizen-name")])
        let error = try #require(throws: SQLiteError.self) { try insert.run([.text("secret-citizen-name")]) }
        #expect(error.isConstraintViolation)
        #expect(error.code == 2067)  // SQLITE_CONSTRAINT_UNIQUE
        #expect(error.sql == "INSERT INTO t(name) VALUES (?)")
        #expect(!error.description.contains("secret"))
        #expect(error.description == "SQLite error 2067: UNIQUE constraint failed: t.name — in INSERT INTO t(name) VALUES (?)")
    }

    @Test("a transaction rolls back when its body throws")
    func rollback() throws {
        struct Stop: Error {}
        let db = try makeTable()
        #expect(throws: Stop.self) {
            try db.transaction { db in
                try db.prepare("INSERT INTO t(name) VALUES ('x')").run()
                throw Stop()
            }
        }
        #expect(!db.isInTransaction)
        #expect(try db.prepare("SELECT count(*) FROM t").query { $0.int64(at: 0) } == [0])
        let committed = try db.transaction { db in
            try db.prepare("INSERT INTO t(name) VALUES ('y')").run()
            return db.changes
        }
        #expect(committed == 1)
        #expect(try db.prepare("SELECT name FROM t").query { $0.string(at: 0) } == ["y"])
    }

    @Test("a syntax error is reported with the SQL")
    func syntaxError() throws {
        let db = try Database(path: ":memory:")
        let error = try #require(throws: SQLiteError.self) { try db.prepare("SELEC 1") }
        #expect(error.primaryCode == 1)
        #expect(error.sql == "SELEC 1")
    }

    @Test("a second writer gets SQLITE_BUSY once the busy timeout passes")
    func busy() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("busy-\(UUID().uuidString).db").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let first = try Database(path: path)
        try first.execute("PRAGMA journal_mode=WAL; CREATE TABLE t(x)")
        let second = try Database(path: path, busyTimeoutMilliseconds: 50)
        try first.execute("BEGIN IMMEDIATE")
        let error = try #require(throws: SQLiteError.self) { try second.execute("BEGIN IMMEDIATE") }
        #expect(error.isBusy)
        try first.execute("COMMIT")
        try second.transaction { db in try db.execute("INSERT INTO t VALUES (1)") }
        #expect(try first.prepare("SELECT count(*) FROM t").query { $0.int64(at: 0) } == [1])
    }

    @Test("opening a missing file read-only fails with the path in the message")
    func openFailure() throws {
        let error = try #require(throws: SQLiteError.self) { try Database(path: "/nonexistent/dir/x.db", mode: .readOnly) }
        #expect(error.message.hasPrefix("cannot open /nonexistent/dir/x.db:"))
    }
}
