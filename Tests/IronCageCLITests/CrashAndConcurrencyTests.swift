import EventLog
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Real `ironcage ingest` processes, killed and run side by side.
@Suite("ingest survives kills and concurrent writers", .serialized)
struct CrashAndConcurrencyTests {
    /// `count` small envelopes of one department, numbered from 1.
    static func stream(dept: String, count: Int) -> [String] {
        (1 ... count).map { n in
            #"{"id":"\#(dept)-\#(n)","type":"case.reported","at":"2026-10-\#(10 + n % 18)T09:\#(10 + n % 50):00+08:00","dept":"\#(dept)","actor":"officer:\#(n % 97)","subject":"case:\#(dept)-\#(n / 3)","data":{"kind":"administrative","summary":"第\#(n)号案件"}}"#
        }
    }

    /// The ids stored in the log, in seq order.
    static func storedIDs(_ database: String) throws -> [String] {
        var ids: [String] = []
        try EventStore(path: database).forEachBody { _, body in
            let event = try StoredEvent(body: body)
            ids.append(event.envelope.dept + "/" + event.envelope.id)
            return true
        }
        return ids
    }

    /// Starts `ironcage ingest` reading `input` with stdout to a pipe.
    static func startIngest(database: String, input: String, extra: [String] = []) throws -> (Process, FileHandle) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ironcageExecutable)
        process.arguments = ["ingest", "--db", database, input] + extra
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        return (process, output.fileHandleForReading)
    }

    @Test("SIGKILL at random moments: the log verifies, acknowledged batches stay, a re-send completes it exactly once, in order")
    func killedIngest() throws {
        #expect(FileManager.default.isExecutableFile(atPath: ironcageExecutable), "build the ironcage executable first")
        let scratch = try ScratchDirectory()
        let events = Self.stream(dept: "gy.jgj", count: 3_000)
        let input = try scratch.write("input.ndjson", events.joined(separator: "\n") + "\n")
        let expected = events.indices.map { "gy.jgj/gy.jgj-\($0 + 1)" }
        var generator = SystemRandomNumberGenerator()
        var killedMidway = 0
        for round in 0 ..< 20 {
            let database = scratch.path + "/crash-\(round).db"
            let (process, output) = try Self.startIngest(database: database, input: input, extra: ["--ack", "--batch", "50"])
            // Read a random number of acknowledgements, wait a random moment, then kill.
            let wanted = Int.random(in: 0 ... 40, using: &generator)
            var acknowledged: [(line: Int, seq: Int)] = []
            var buffer = Data()
            while acknowledged.count < wanted {
                let chunk = output.availableData
                if chunk.isEmpty { break }
                buffer.append(chunk)
                while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = buffer[buffer.startIndex ..< newline]
                    buffer = Data(buffer[(newline + 1)...])
                    if let object = try JSONSerialization.jsonObject(with: line) as? [String: Any],
                        let number = object["line"] as? Int, let seq = object["seq"] as? Int
                    {
                        acknowledged.append((number, seq))
                    }
                }
            }
            usleep(UInt32.random(in: 0 ... 20_000, using: &generator))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            if process.terminationReason == .uncaughtSignal { killedMidway += 1 }

            // The log is at a batch boundary with an intact chain.
            let store = try EventStore(path: database)
            let report = try LogVerifier(store: store).verify()
            #expect(report.isIntact, "round \(round): \(report.firstProblem.map { "\($0)" } ?? "")")
            let stored = try Self.storedIDs(database)
            // Every acknowledged line is present, in input order.
            if let last = acknowledged.last {
                #expect(stored.count >= last.line, "round \(round)")
                #expect(Array(stored.prefix(last.line)) == Array(expected.prefix(last.line)), "round \(round)")
            }
            #expect(stored == Array(expected.prefix(stored.count)), "round \(round): a prefix of the input")

            // Re-sending the whole input converges on the whole input, each event once.
            let (resend, _) = try Self.startIngest(database: database, input: input)
            resend.waitUntilExit()
            #expect(resend.terminationStatus == 0)
            #expect(try Self.storedIDs(database) == expected, "round \(round)")
            #expect(try LogVerifier(store: EventStore(path: database)).verify().isIntact)
        }
        // Most rounds must really have been cut short for the test to mean anything.
        #expect(killedMidway >= 15)
    }

    @Test("four processes ingesting at once: every event once, each stream in order, chain intact")
    func concurrentWriters() throws {
        #expect(FileManager.default.isExecutableFile(atPath: ironcageExecutable), "build the ironcage executable first")
        let scratch = try ScratchDirectory()
        let departments = ["gy.jgj", "gy.zwfw", "gy.ggzy", "gy.czj"]
        var processes: [Process] = []
        for dept in departments {
            let input = try scratch.write("\(dept).ndjson", Self.stream(dept: dept, count: 1_500).joined(separator: "\n") + "\n")
            let (process, _) = try Self.startIngest(database: scratch.database, input: input, extra: ["--batch", "100"])
            processes.append(process)
        }
        for process in processes {
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }
        let stored = try Self.storedIDs(scratch.database)
        #expect(stored.count == 6_000)
        #expect(Set(stored).count == 6_000)
        for dept in departments {
            let mine = stored.filter { $0.hasPrefix(dept + "/") }
            #expect(mine == (1 ... 1_500).map { "\(dept)/\(dept)-\($0)" })
        }
        // The writers really interleaved.
        let switches = zip(stored, stored.dropFirst()).count { $0.split(separator: "/")[0] != $1.split(separator: "/")[0] }
        #expect(switches >= 3)
        #expect(try LogVerifier(store: EventStore(path: scratch.database)).verify().isIntact)
    }
}
