import EventLog
import Foundation
import Testing

@Suite("ironcage ingest")
struct IngestCommandTests {
    @Test("ingests every sample stream, and ingesting them again changes nothing")
    func samplesThenDuplicates() throws {
        let scratch = try ScratchDirectory()
        let total = try sampleStreams.map { try lines(of: $0).count }.reduce(0, +)
        #expect(total == 3_160)

        let first = scratch.run(["ingest"] + sampleStreams)
        #expect(first.status == 0)
        #expect(first.stderr.hasPrefix("ingest: 3,160 lines: 3,160 accepted, 0 duplicates, 0 conflicts, 0 rejected\nlog: seq 1–3160 appended; size 3,160;"))
        let head = try EventStore(path: scratch.database).head()
        #expect(head.size == 3_160)

        let again = scratch.run(["ingest", "--format", "json"] + sampleStreams)
        #expect(again.status == 0)
        #expect(again.stderr.hasPrefix("ingest: 3,160 lines: 0 accepted, 3,160 duplicates, 0 conflicts, 0 rejected\nlog: nothing appended"))
        #expect(again.stdout == #"{"lines":3160,"accepted":0,"duplicates":3160,"conflicts":0,"rejected":0,"size":3160,"head":"\#(head.hash.hex)"}"# + "\n")
        #expect(try EventStore(path: scratch.database).head() == head)
    }

    @Test("the same (dept, id) with other content is a conflict: reported, refused, exit 65")
    func conflict() throws {
        let scratch = try ScratchDirectory()
        let original = #"{"id":"A-1","type":"case.reported","at":"2026-11-02T09:15:00+08:00","dept":"gy.jgj","subject":"case:1","data":{"kind":"criminal"}}"#
        let altered = #"{"id":"A-1","type":"case.reported","at":"2026-11-02T09:15:00+08:00","dept":"gy.jgj","subject":"case:1","data":{"kind":"administrative"}}"#
        let reordered = #"{"dept":"gy.jgj","id":"A-1","subject":"case:1","type":"case.reported","data":{"kind":"criminal"},"at":"2026-11-02T09:15:00+08:00"}"#
        #expect(scratch.run(["ingest"], stdin: original + "\n").status == 0)
        let result = scratch.run(["ingest", "--rejects", "rejects.ndjson"], stdin: reordered + "\n" + altered + "\n")
        #expect(result.status == 65)
        #expect(result.stderr.hasPrefix(
            "<stdin>:2: conflict: (dept, id) is already stored at seq 1 with different content [conflict]\n"
                + "ingest: 2 lines: 0 accepted, 1 duplicate, 1 conflict, 0 rejected\n"))
        #expect(try String(contentsOfFile: scratch.path + "/rejects.ndjson", encoding: .utf8) == altered + "\n")
        #expect(try EventStore(path: scratch.database).head().size == 1)
    }

    @Test("a duplicate and a conflict within one batch are caught before either is stored twice")
    func inBatchDuplicates() throws {
        let scratch = try ScratchDirectory()
        let line = #"{"id":"B-7","type":"hotline.received","at":"2026-10-09T10:00:00+08:00","dept":"gy.zwfw","subject":"svc:7","data":{"category":"query"}}"#
        let other = line.replacingOccurrences(of: "query", with: "complaint")
        let result = scratch.run(["ingest"], stdin: [line, line, other].joined(separator: "\n"))
        #expect(result.status == 65)
        #expect(result.stderr.hasPrefix("<stdin>:3: conflict: (dept, id) is already stored at seq 1 with different content [conflict]\ningest: 3 lines: 1 accepted, 1 duplicate, 1 conflict, 0 rejected"))
    }

    @Test("every rejection reason, the schema checks included, is reported with its line number and code, and every good line is stored")
    func malformed() throws {
        let scratch = try ScratchDirectory()
        let input = samplesDirectory + "/malformed.ndjson"
        let result = scratch.run(["ingest", input, "--rejects", "rejects.ndjson", "--schemas", repositoryRoot + "/Rules/schemas"])
        #expect(result.status == 65)

        // Expected: Samples/malformed.expected.tsv, one row per bad line.
        let expected = try lines(of: samplesDirectory + "/malformed.expected.tsv").dropFirst().map { row in
            let columns = row.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return (line: Int(columns[0]) ?? 0, code: columns[1], field: columns.count > 2 ? columns[2] : "")
        }
        #expect(expected.count == 28)
        let reported = result.stderr.split(separator: "\n").filter { $0.hasPrefix(input + ":") }.map(String.init)
        #expect(reported.count == expected.count)
        for (line, expectation) in zip(reported, expected) {
            #expect(line.hasPrefix("\(input):\(expectation.line): "), "\(line)")
            #expect(line.hasSuffix("[\(expectation.code)]"), "\(line)")
            if !expectation.field.isEmpty {
                #expect(line.contains("field '\(expectation.field)'"), "\(line)")
            }
        }
        #expect(result.stderr.contains("ingest: 42 lines: 14 accepted, 0 duplicates, 0 conflicts, 28 rejected"))

        // The good lines are exactly the lines not listed, blank line aside, stored in order.
        let all = try Data(contentsOf: URL(fileURLWithPath: input)).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let badLines = Set(expected.map(\.line))
        let goodIDs = all.enumerated().compactMap { index, bytes -> String? in
            guard !badLines.contains(index + 1), !bytes.isEmpty,
                let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any]
            else { return nil }
            return object["id"] as? String
        }
        #expect(goodIDs.count == 14)
        let stored = try EventStore(path: scratch.database)
        var storedIDs: [String] = []
        try stored.forEachBody { _, body in
            storedIDs.append(try StoredEvent(body: body).envelope.id)
            return true
        }
        #expect(storedIDs == goodIDs)

        // The rejects file holds the bad lines verbatim, in order.
        let rejects = try Data(contentsOf: URL(fileURLWithPath: scratch.path + "/rejects.ndjson"))
        let expectedRejects = expected.map { all[$0.line - 1] }.reduce(into: Data()) { $0.append(contentsOf: $1); $0.append(UInt8(ascii: "\n")) }
        #expect(rejects == expectedRejects)
    }

    @Test("--ack prints one line per committed batch: last input line, last seq, head")
    func acknowledgements() throws {
        let scratch = try ScratchDirectory()
        let input = (1 ... 5).map {
            #"{"id":"C-\#($0)","type":"case.reported","at":"2026-11-0\#($0)T09:00:00+08:00","dept":"gy.jgj","subject":"case:\#($0)"}"#
        }.joined(separator: "\n") + "\n"
        let result = scratch.run(["ingest", "--ack", "--batch", "2"], stdin: input)
        #expect(result.status == 0)
        let store = try EventStore(path: scratch.database)
        let acks = try [2, 4, 5].map { seq in
            #"{"input":"<stdin>","line":\#(seq),"seq":\#(seq),"head":"\#(try store.storedHead(at: Int64(seq))?.hex ?? "")"}"#
        }
        #expect(result.stdout == acks.joined(separator: "\n") + "\n")
    }

    @Test("a usage error names the problem and exits 64; --help prints OVERVIEW first")
    func usage() throws {
        let scratch = try ScratchDirectory()
        let bad = scratch.run(["ingest", "--bogus"])
        #expect(bad.status == 64)
        #expect(bad.stderr.hasPrefix("Error: Unknown option '--bogus'\nUsage: ironcage ingest [<files> ...]"))
        let batch = scratch.run(["ingest", "--batch", "0"])
        #expect(batch.status == 64)
        #expect(batch.stderr.hasPrefix("Error: --batch takes a whole number from 1 to 1000000, not '0'"))
        let help = scratch.run(["ingest", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.hasPrefix("OVERVIEW: Append events (NDJSON envelopes) from files or stdin to the log.\n"))
        #expect(help.stdout.contains("\nUSAGE: ironcage ingest [<files> ...] [--db <path>]"))
        #expect(help.stdout.contains("\nOPTIONS:\n  --db <path>"))
        let missing = scratch.run(["ingest", "nope.ndjson"])
        #expect(missing.status == 66)
        #expect(missing.stderr == "error: cannot open \(scratch.path)/nope.ndjson: No such file or directory\n")
    }
}
