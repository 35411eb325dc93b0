import Foundation
import Testing

@testable import EventLog

private func line(_ n: Int) -> String {
    #"{"id":"I-\#(n)","type":"case.reported","at":"2026-11-02T09:15:00+08:00","dept":"gy.jgj","subject":"case:\#(n)"}"#
}

/// A source that serves `text`, then fails.
private struct FailingSource: ByteSource {
    var served = MemorySource("")
    var failed = false

    init(_ text: String) { served = MemorySource(text) }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer, timeoutMilliseconds: Int?) throws -> ReadOutcome {
        let outcome = try served.read(into: buffer, timeoutMilliseconds: timeoutMilliseconds)
        if case .end = outcome {
            throw IOError(operation: "read", path: "test", reason: "disk on fire")
        }
        return outcome
    }
}

@Suite("Ingestor")
struct IngestorTests {
    /// A log in a directory of its own and a function that removes it.
    func scratch() throws -> (EventStore, String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ingestor-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return (try EventStore(path: directory + "/log.db"), directory)
    }

    @Test("reports each batch's refused lines before its acknowledgement, in input order")
    func reportingOrder() throws {
        let (store, directory) = try scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var options = IngestOptions()
        options.batchSize = 2
        let ingestor = Ingestor(store: store, options: options)
        var log: [String] = []
        ingestor.onRejected = { log.append("refused \($0.line) [\($0.code)]") }
        ingestor.onCommitted = { log.append("ack line \($0.lastLine) seq \($0.lastSeq)") }
        let input = [line(1), line(2), line(3), "{bad", line(5), line(6), #"{"id":"x"}"#, "", line(9)].joined(separator: "\n")
        let tally = try ingestor.ingest(MemorySource(input, chunkSize: 7))
        #expect(log == [
            "ack line 2 seq 2",
            "refused 4 [invalid_json]", "ack line 5 seq 4",
            "refused 7 [missing_field]", "ack line 9 seq 6",
        ])
        #expect(tally.lines == 9)
        #expect(tally.blank == 1)
        #expect(tally.accepted == 6)
        #expect(tally.rejected == 2)
        #expect(tally.batches == 3)
    }

    @Test("copies an over-long line to the rejects file in pieces, whole and in its place")
    func overLongLine() throws {
        let (store, directory) = try scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var options = IngestOptions()
        options.maximumLineLength = 1 << 10
        let ingestor = Ingestor(store: store, options: options)
        ingestor.rejects = try FileWriter(path: directory + "/rejects.ndjson")
        var refused: [Int] = []
        ingestor.onRejected = { refused.append($0.line) }
        // Longer than what the reader holds before passing pieces on.
        let long = String(repeating: "x", count: (1 << 22) + 12_345)
        let tally = try ingestor.ingest(MemorySource([line(1), "{bad", long, line(4)].joined(separator: "\n") + "\n"))
        try ingestor.rejects?.flush()
        #expect(refused == [2, 3])
        #expect(tally.accepted == 2)
        #expect(tally.rejected == 2)
        let rejects = try String(contentsOfFile: directory + "/rejects.ndjson", encoding: .utf8)
        #expect(rejects == "{bad\n" + long + "\n")
        #expect(try store.head().size == 2)
    }

    @Test("an input error ends the ingest with that error; earlier batches stay, the pending one is not stored")
    func inputError() throws {
        let (store, directory) = try scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var options = IngestOptions()
        options.batchSize = 2
        let ingestor = Ingestor(store: store, options: options)
        var acknowledged: [Int] = []
        ingestor.onCommitted = { acknowledged.append($0.lastLine) }
        let error = #expect(throws: IOError.self) {
            try ingestor.ingest(FailingSource((1 ... 5).map(line).joined(separator: "\n") + "\n"))
        }
        #expect(error?.reason == "disk on fire")
        #expect(acknowledged == [2, 4])
        #expect(try store.head().size == 4)
    }

    @Test("ingests from several sources in turn, the tally adding up")
    func severalSources() throws {
        let (store, directory) = try scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let ingestor = Ingestor(store: store)
        try ingestor.ingest(MemorySource((1 ... 40).map(line).joined(separator: "\n")))
        let tally = try ingestor.ingest(MemorySource((30 ... 70).map(line).joined(separator: "\n")))
        #expect(tally.accepted == 70)
        #expect(tally.duplicates == 11)
        #expect(tally.lines == 81)
        #expect(try store.head().size == 70)
    }
}
