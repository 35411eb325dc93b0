import EventLog
import Foundation
import Testing

/// Tampering as an attacker with write access to the file would do it: with the sqlite3
/// shell, dropping the append-only triggers first.
@Suite("ironcage verify catches tampering")
struct VerifyCommandTests {
    /// A log of the first 100 traffic-police events and a checkpoint at size 90.
    func makeLog() throws -> ScratchDirectory {
        let scratch = try ScratchDirectory()
        let input = try lines(of: samplesDirectory + "/traffic-police.ndjson").prefix(100).joined(separator: "\n") + "\n"
        #expect(scratch.run(["ingest", "--batch", "30"], stdin: String(input.split(separator: "\n").prefix(90).joined(separator: "\n")) + "\n").status == 0)
        #expect(scratch.run(["checkpoint", "--out", "cp90.json"]).status == 0)
        #expect(scratch.run(["ingest"], stdin: input).status == 0)
        return scratch
    }

    func verify(_ scratch: ScratchDirectory, _ extra: [String] = []) -> (CLIResult, [String: Any]) {
        let result = scratch.run(["verify", "--format", "json"] + extra)
        let object = (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) as? [String: Any] ?? [:]
        return (result, object)
    }

    func firstProblem(_ object: [String: Any]) -> (seq: Int, kind: String)? {
        guard let problems = object["problems"] as? [[String: Any]], let first = problems.first else { return nil }
        return ((first["seq"] as? Int) ?? -1, (first["kind"] as? String) ?? "")
    }

    @Test("an untouched log verifies, also against its checkpoint")
    func intact() throws {
        let scratch = try makeLog()
        let result = scratch.run(["verify", "--checkpoint", "cp90.json"])
        #expect(result.status == 0)
        let head = try EventStore(path: scratch.database).head()
        #expect(result.stdout.hasPrefix("intact: 100 events, head \(head.hash.hex)\nlog log-"))
        #expect(result.stdout.hasSuffix("100 events recorded\ncheckpoint at size 90 (\(try Checkpoint.read(from: scratch.path + "/cp90.json").time.utcString), unsigned): extended append-only\n"))
    }

    @Test("(a) a changed payload is found at its seq")
    func modifiedPayload() throws {
        let scratch = try makeLog()
        try sqlite3(scratch.database, """
            DROP TRIGGER events_no_update;
            UPDATE events SET body = CAST(replace(CAST(body AS TEXT), '"dept":"gy.jgj"', '"dept":"gy.jgk"') AS BLOB) WHERE seq = 37;
            """)
        let (result, object) = verify(scratch)
        #expect(result.status == 1)
        #expect(firstProblem(object)?.seq == 37)
        #expect(firstProblem(object)?.kind == "modified")
        #expect((object["problems"] as? [Any])?.count == 1)
        #expect(scratch.run(["verify"]).stdout.hasPrefix("BROKEN at seq 37: modified: the body does not hash to the chain head stored with it: content changed\n"))
    }

    @Test("(b) a deleted row is found as missing at its seq")
    func deletedRow() throws {
        let scratch = try makeLog()
        try sqlite3(scratch.database, "DROP TRIGGER events_no_delete; DELETE FROM events WHERE seq = 42;")
        let (result, object) = verify(scratch)
        #expect(result.status == 1)
        #expect(firstProblem(object)?.seq == 42)
        #expect(firstProblem(object)?.kind == "missing")
    }

    @Test("(c) two rows' bodies swapped are found as reordered at the first")
    func swappedBodies() throws {
        let scratch = try makeLog()
        try sqlite3(scratch.database, """
            DROP TRIGGER events_no_update;
            CREATE TEMP TABLE saved AS SELECT body FROM events WHERE seq = 10;
            UPDATE events SET body = (SELECT body FROM events WHERE seq = 11) WHERE seq = 10;
            UPDATE events SET body = (SELECT body FROM saved) WHERE seq = 11;
            """)
        let (result, object) = verify(scratch)
        #expect(result.status == 1)
        #expect(firstProblem(object)?.seq == 10)
        #expect(firstProblem(object)?.kind == "reordered")
        #expect(scratch.run(["verify"]).stdout.hasPrefix("BROKEN at seq 10: reordered: the body stored here belongs at seq 11\n  seq 11: reordered: the body stored here belongs at seq 10\n"))
    }

    @Test("(d) a forged row is found as inserted at its seq")
    func forgedRow() throws {
        let scratch = try makeLog()
        try sqlite3(scratch.database, """
            DROP TRIGGER events_append_only;
            -- A (dept, id) key of its own: the unique key index refuses a second row for one.
            INSERT INTO events(seq, key, subject_key, body, head)
                SELECT 101, CAST('gy.forged' AS BLOB), subject_key, CAST(replace(CAST(body AS TEXT), '"seq":100,', '"seq":101,') AS BLOB), head FROM events WHERE seq = 100;
            """)
        let (result, object) = verify(scratch)
        #expect(result.status == 1)
        #expect(firstProblem(object)?.seq == 101)
        #expect(firstProblem(object)?.kind == "inserted")
    }

    @Test("(e) a truncated tail is caught against an earlier checkpoint")
    func truncated() throws {
        let scratch = try makeLog()
        try sqlite3(scratch.database, """
            DROP TRIGGER events_no_delete;
            DELETE FROM events WHERE seq > 80;
            UPDATE chain SET size = 80, head = (SELECT head FROM events WHERE seq = 80);
            """)
        // On its own the shortened log is consistent…
        #expect(scratch.run(["verify"]).status == 0)
        // …but not an extension of the checkpoint.
        let (result, object) = verify(scratch, ["--checkpoint", "cp90.json"])
        #expect(result.status == 1)
        #expect(firstProblem(object)?.seq == 81)
        #expect(firstProblem(object)?.kind == "checkpoint")
        #expect(scratch.run(["verify", "--checkpoint", "cp90.json"]).stdout.hasPrefix(
            "BROKEN at seq 81: checkpoint: the checkpoint covers 90 events but the log has 80: the log was truncated\n"))
    }

    @Test("(f) a tail rewritten with a recomputed chain is caught against an earlier checkpoint")
    func rewrittenTail() throws {
        let scratch = try makeLog()
        try sqlite3(scratch.database, """
            DROP TRIGGER events_no_delete;
            DELETE FROM events WHERE seq > 70;
            UPDATE chain SET size = 70, head = (SELECT head FROM events WHERE seq = 70);
            """)
        // Re-append other events through the normal path: the chain is recomputed and consistent.
        let forged = (71 ... 100).map {
            #"{"id":"FORGED-\#($0)","type":"case.closed","at":"2026-09-03T10:00:00+08:00","dept":"gy.jgj","subject":"case:x\#($0)"}"#
        }.joined(separator: "\n")
        #expect(scratch.run(["ingest"], stdin: forged).status == 0)
        #expect(scratch.run(["verify"]).status == 0)
        let (result, object) = verify(scratch, ["--checkpoint", "cp90.json"])
        #expect(result.status == 1)
        #expect(firstProblem(object)?.seq == 90)
        #expect(firstProblem(object)?.kind == "checkpoint")
    }

    @Test("a signed checkpoint verifies with its key, and fails with another key or when edited")
    func signedCheckpoint() throws {
        let scratch = try makeLog()
        _ = try scratch.write("key", "0123456789abcdef0123456789abcdef\n")
        _ = try scratch.write("other", "fedcba9876543210fedcba9876543210\n")
        let made = scratch.run(["checkpoint", "--out", "signed.json", "--key", "key"])
        #expect(made.status == 0)
        #expect(made.stdout.hasSuffix(", signed → signed.json\n"))
        #expect(scratch.run(["verify", "--checkpoint", "signed.json", "--key", "key"]).status == 0)
        let wrong = scratch.run(["verify", "--checkpoint", "signed.json", "--key", "other"])
        #expect(wrong.status == 1)
        #expect(wrong.stdout.hasPrefix("BROKEN at seq 100: checkpoint: the checkpoint's signature does not match the key"))
        // Lowering the size in the file breaks the signature.
        let text = try String(contentsOfFile: scratch.path + "/signed.json", encoding: .utf8)
        _ = try scratch.write("edited.json", text.replacingOccurrences(of: #""size":100"#, with: #""size":50"#))
        #expect(scratch.run(["verify", "--checkpoint", "edited.json", "--key", "key"]).status == 1)
        let short = try scratch.write("short", "abc")
        let tooShort = scratch.run(["checkpoint", "--out", "x.json", "--key", short])
        #expect(tooShort.status == 65)
    }

    @Test("the append-only triggers refuse UPDATE, DELETE and INSERT OR REPLACE")
    func triggers() throws {
        let scratch = try makeLog()
        #expect(throws: CLITestError.self) { try sqlite3(scratch.database, "UPDATE events SET key = 0 WHERE seq = 1;") }
        #expect(throws: CLITestError.self) { try sqlite3(scratch.database, "DELETE FROM events WHERE seq = 1;") }
        #expect(throws: CLITestError.self) {
            try sqlite3(scratch.database, "INSERT OR REPLACE INTO events SELECT * FROM events WHERE seq = 5;")
        }
        #expect(scratch.run(["verify"]).status == 0)
    }
}
