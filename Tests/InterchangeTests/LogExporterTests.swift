import EventLog
import Foundation
import Testing

@testable import Interchange

/// A log in a scratch directory, removed when the test ends.
private final class ScratchLog {
    let directory: String

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("interchange-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    func store(_ name: String) throws -> EventStore {
        try EventStore(path: directory + "/" + name)
    }
}

/// Appends NDJSON lines to a store, as ingest does, and returns the append results.
@discardableResult
private func ingest(_ lines: [[UInt8]], into store: EventStore) throws -> [AppendResult] {
    let envelopes = try lines.map { line in try Envelope.parse(line: line).get() }
    var results: [AppendResult] = []
    var start = 0
    while start < envelopes.count {
        let batch = Array(envelopes[start..<min(start + 500, envelopes.count)])
        results += try store.append(batch).results
        start += batch.count
    }
    return results
}

/// The lines an export writes.
private func export(_ store: EventStore, _ filter: ExportFilter = ExportFilter()) throws -> [[UInt8]] {
    var bytes: [UInt8] = []
    try LogExporter.export(store, filter: filter) { bytes.append(contentsOf: $0) }
    return bytes.split(separator: UInt8(ascii: "\n")).map(Array.init)
}

/// Every stored event's content, in seq order.
private func contents(_ store: EventStore) throws -> [[UInt8]] {
    var result: [[UInt8]] = []
    try store.forEachBody { _, body in
        result.append(try StoredEvent(body: body).envelope.content)
        return true
    }
    return result
}

/// Non-empty lines of a file.
private func fileLines(_ path: String) throws -> [[UInt8]] {
    try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))).split(separator: UInt8(ascii: "\n")).map(Array.init)
}

@Suite("LogExporter")
struct LogExporterTests {
    /// The department samples and the imported interchange samples, as NDJSON lines.
    static func sampleLines() throws -> [[UInt8]] {
        let samples = repositoryRoot + "/Samples"
        var lines: [[UInt8]] = []
        for name in ["finance.ndjson", "service-centre.ndjson", "trading-centre.ndjson", "traffic-police.ndjson"] {
            lines += try fileLines(samples + "/" + name)
        }
        var options = XESImportOptions()
        try options.apply(MappingObject.parse(Array(try Data(contentsOf: URL(fileURLWithPath: interchangeSamples + "/permits.map.json"))), file: nil))
        let xes = try ImportRun.xes(try String(contentsOfFile: interchangeSamples + "/permits.xes", encoding: .utf8), options)
        lines += xes.lines.map { Array($0.utf8) }
        return lines
    }

    @Test("exports a log that, ingested into a fresh log, stores byte-identical content for every event")
    func roundTrip() throws {
        let scratch = try ScratchLog()
        let original = try scratch.store("original.db")
        let input = try Self.sampleLines()
        try ingest(input, into: original)
        #expect(try original.head().size == 3_178)

        let exported = try export(original)
        #expect(exported.count == 3_178)
        let copy = try scratch.store("copy.db")
        let results = try ingest(exported, into: copy)
        #expect(results.allSatisfy { if case .appended = $0 { true } else { false } })
        #expect(try contents(copy) == contents(original))
        // The export is the canonical content itself, and exporting the copy gives the same bytes.
        #expect(exported == (try contents(original)))
        #expect(try export(copy) == exported)
        // Sent back to the original, every line is a duplicate.
        let again = try ingest(exported, into: original)
        #expect(again.allSatisfy { if case .duplicate = $0 { true } else { false } })
        #expect(try original.head().size == 3_178)
    }

    @Test("writes only the envelope fields, without seq and recorded")
    func envelopeFieldsOnly() throws {
        let scratch = try ScratchLog()
        let store = try scratch.store("log.db")
        let line = #"{"id":"A-1","type":"case.reported","at":"2026-11-02T09:15:00+08:00","dept":"gy.jgj","actor":null,"subject":"case:1","data":{"b":1,"a":[true,null]}}"#
        try ingest([Array(line.utf8)], into: store)
        #expect(try export(store).map { String(decoding: $0, as: UTF8.self) } == [
            #"{"at":"2026-11-02T09:15:00+08:00","data":{"a":[true,null],"b":1},"dept":"gy.jgj","id":"A-1","subject":"case:1","type":"case.reported"}"#
        ])
    }

    @Test("filters by starting seq, subject and types")
    func filters() throws {
        let scratch = try ScratchLog()
        let store = try scratch.store("log.db")
        try ingest(try Self.sampleLines(), into: store)
        let all = try contents(store)

        var from = ExportFilter()
        from.fromSeq = 3_000
        #expect(try export(store, from) == Array(all[2_999...]))

        var subject = ExportFilter()
        subject.subject = "app:2026-20001"
        let trail = try export(store, subject)
        #expect(trail.count == 7)
        #expect(trail == all.filter { String(decoding: $0, as: UTF8.self).contains(#""subject":"app:2026-20001""#) })

        var types = ExportFilter()
        types.types = ["permit.issued", "application.rejected"]
        let issuedOrRejected = try export(store, types)
        let expected = all.filter { line in
            let text = String(decoding: line, as: UTF8.self)
            return text.hasSuffix(#""type":"permit.issued"}"#) || text.hasSuffix(#""type":"application.rejected"}"#)
        }
        #expect(issuedOrRejected == expected)
        #expect(issuedOrRejected.count == 72)

        var combined = ExportFilter()
        combined.subject = "app:2026-20001"
        combined.fromSeq = Int64(all.count - 14)
        combined.types = ["permit.issued"]
        #expect(try export(store, combined).count == 1)
    }
}
