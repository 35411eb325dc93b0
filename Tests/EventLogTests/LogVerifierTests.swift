import Foundation
import SQLite
import Testing

@testable import EventLog

/// A log of `count` events in a directory of its own, removed afterwards by the caller's `defer`.
private func scratchLog(events count: Int) throws -> (EventStore, String) {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("verifier-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let store = try EventStore(path: directory + "/log.db")
    let batch = try (1...count).map { n in
        let line =
            #"{"id":"V-\#(n)","type":"case.reported","at":"2026-11-02T09:15:00+08:00","dept":"gy.jgj","#
            + #""subject":"case:\#(n % 7)","data":{"kind":"criminal","note":"\#(String(repeating: "x", count: n % 97))"}}"#
        return try Envelope.parse(line: line).get()
    }
    _ = try store.append(batch, recorded: Instant(millisecondsSinceEpoch: 1_795_343_617_123))
    return (store, directory)
}

@Suite("LogVerifier")
struct LogVerifierTests {
    /// Rows of a 600-event log are checked in two slices of 300, in pairs: these seqs are the
    /// first and second of a pair, the ends of the slices and of the log.
    static let tamperedSeqs: [Int64] = [1, 2, 3, 299, 300, 301, 302, 598, 599, 600]

    @Test("names every changed body at its own seq, whether its row was hashed in a pair or alone")
    func changedBodies() throws {
        let (store, directory) = try scratchLog(events: 600)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try store.database.execute("DROP TRIGGER events_no_update")
        let read = try store.database.prepare("SELECT body FROM events WHERE seq = ?")
        let write = try store.database.prepare("UPDATE events SET body = ? WHERE seq = ?")
        for seq in Self.tamperedSeqs {
            let body = try read.query([.integer(seq)]) { $0.bytes(at: 0) }.first ?? []
            // "criminal" → "Criminal": same length, same seq, another hash.
            let changed = body.replacing(Array(#""criminal""#.utf8), with: Array(#""Criminal""#.utf8))
            #expect(changed != body)
            try write.run([.blob(changed), .integer(seq)])
        }
        let report = try LogVerifier(store: store).verify()
        #expect(report.problems.map(\.seq) == Self.tamperedSeqs)
        #expect(report.problems.allSatisfy { $0.kind == .modified })
        #expect(report.eventsChecked == 600)
    }

    @Test("names a damaged stored head, and checks the rows around it on their own")
    func damagedHead() throws {
        let (store, directory) = try scratchLog(events: 600)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try store.database.execute("DROP TRIGGER events_no_update; UPDATE events SET head = x'00' WHERE seq = 300")
        let report = try LogVerifier(store: store).verify()
        // Seq 301 has no head before it to follow, so only 300 is reported.
        #expect(report.problems == [VerificationProblem(seq: 300, kind: .modified, detail: "the head stored with this event is damaged")])
    }

    @Test("reads the recorded head and the rows from one snapshot, also inside the caller's transaction")
    func oneSnapshot() throws {
        let (store, directory) = try scratchLog(events: 600)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let reader = try EventStore(path: directory + "/log.db", create: false)
        try reader.database.transaction(.deferred) { _ in
            #expect(try reader.head().size == 600)
            // Another connection commits a batch after the reader's snapshot was taken.
            let more = try (601...610).map { n in
                try Envelope.parse(
                    line: #"{"id":"V-\#(n)","type":"case.reported","at":"2026-11-02T09:15:00+08:00","dept":"gy.jgj","#
                        + #""subject":"case:1","data":{}}"#
                ).get()
            }
            _ = try store.append(more)
            let report = try LogVerifier(store: reader).verify()
            #expect(report.isIntact)
            #expect(report.eventsChecked == 600)
            #expect(report.recordedSize == 600)
        }
        let report = try LogVerifier(store: reader).verify()
        #expect(report.isIntact)
        #expect(report.eventsChecked == 610)
    }
}
