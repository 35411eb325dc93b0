#if canImport(Glibc)
import Glibc
#endif
import EventLog
import Foundation
import SQLite

/// Runs every measurement and prints a table and one JSON line for the README.
struct Benchmark {
    let arguments: BenchArguments

    init(arguments: BenchArguments) {
        self.arguments = arguments
    }

    func run() throws {
        let directory = arguments.directory ?? "/tmp/ironcage-bench-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { if !arguments.keep && arguments.directory == nil { try? FileManager.default.removeItem(atPath: directory) } }
        if let auditEvents = arguments.auditEvents {
            let results = try AuditBenchmark(
                events: auditEvents, rulesPath: arguments.rules, directory: directory, incrementalOnly: arguments.auditIncrementalOnly
            ).run()
            printResults(results)
            return
        }
        if let tenders = arguments.tenders {
            let rules = arguments.rulesGiven ? arguments.rules : "Rules/packs/procurement.json"
            let results = try ProcurementBenchmark(tenders: tenders, rulesPath: rules, directory: directory).run()
            printResults(results)
            return
        }
        if let reportEvents = arguments.reportEvents {
            let results = try ReportBenchmark(events: reportEvents, rulesPath: arguments.rules, directory: directory).run()
            printResults(results)
            return
        }
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("ironcage").path
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw BenchError("\(executable) not found: build it first with `swift build -c release`")
        }
        let n = arguments.events
        log("generating \(n) events in \(directory)")
        let (ndjson, csv, subjects) = try generate(n, in: directory)
        let ndjsonBytes = fileSize(ndjson)
        var results: [(String, String)] = [("events", String(n)), ("ndjson_bytes", String(ndjsonBytes))]

        // (a) ingest from a pipe, in a child process so its peak RSS is its own.
        let database = directory + "/bench.db"
        for suffix in ["", "-wal", "-shm"] { unlink(database + suffix) }
        log("ingest: \(executable) ingest --db \(database) < pipe")
        let ingest = try timedIngest(executable: executable, database: database, input: ndjson, directory: directory)
        let ingestRate = Double(n) / ingest.seconds
        results += [
            ("ingest_seconds", fixed(ingest.seconds, 2)), ("ingest_events_per_s", fixed(ingestRate, 0)),
            ("ingest_mb_per_s", fixed(Double(ndjsonBytes) / ingest.seconds / 1e6, 1)),
            ("ingest_peak_rss_mb", fixed(Double(ingest.peakRSS) / 1e6, 1)),
        ]
        // (b) the sqlite3 CLI baseline on the same rows.
        if !arguments.skipBaseline {
            log("baseline: sqlite3 .import of \(csv)")
            let seconds = try baseline(csv: csv, directory: directory)
            let rate = Double(n) / seconds
            results += [
                ("baseline_seconds", fixed(seconds, 2)), ("baseline_events_per_s", fixed(rate, 0)),
                ("ingest_to_baseline_ratio", fixed(ingestRate / rate, 2)),
            ]
        }
        // Size on disk against the NDJSON.
        let store = try EventStore(path: database, create: false)
        try store.database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        let logBytes = store.sizeOnDisk()
        results += [("log_bytes", String(logBytes)), ("log_to_ndjson_ratio", fixed(Double(logBytes) / Double(ndjsonBytes), 2))]

        // (c) verify.
        log("verify")
        let verifyStart = Date()
        let report = try LogVerifier(store: store).verify()
        let verifySeconds = Date().timeIntervalSince(verifyStart)
        guard report.isIntact, report.eventsChecked == Int64(n) else {
            throw BenchError("verification failed: \(report.firstProblem.map { "\($0)" } ?? "count \(report.eventsChecked)")")
        }
        results += [("verify_seconds", fixed(verifySeconds, 2)), ("verify_events_per_s", fixed(Double(n) / verifySeconds, 0))]

        // (d) trail lookups: cold-ish (a new connection) then each subject once.
        log("trail: \(arguments.trailLookups) subjects")
        let trailStore = try EventStore(path: database, create: false)
        var latencies: [Double] = []
        var found = 0
        for subject in subjects.prefix(arguments.trailLookups) {
            let start = Date()
            found += try trailStore.events(subject: subject).count
            latencies.append(Date().timeIntervalSince(start) * 1000)
        }
        latencies.sort()
        if !latencies.isEmpty {
            results += [
                ("trail_median_ms", fixed(latencies[latencies.count / 2], 2)), ("trail_max_ms", fixed(latencies.last ?? 0, 2)),
                ("trail_events_found", String(found)),
            ]
        }
        // (e) the per-event building blocks, single-threaded, for reading the figures above.
        log("micro: Envelope.parse and leaf hashing")
        results += try microbenchmarks(ndjson)
        printResults(results)
    }

    private func printResults(_ results: [(String, String)]) {
        print("")
        for (name, value) in results { print(name.padding(toLength: 28, withPad: " ", startingAt: 0) + value) }
        print("{" + results.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}")
    }

    /// Times `Envelope.parse` and the leaf and chain hashes over the first lines of the input.
    private func microbenchmarks(_ ndjson: String) throws -> [(String, String)] {
        guard let file = FileHandle(forReadingAtPath: ndjson) else { throw BenchError("cannot open \(ndjson)") }
        defer { try? file.close() }
        let head = [UInt8](file.readData(ofLength: 1 << 23))
        // Whole lines only: the last piece may be cut off.
        let lines = head.split(separator: UInt8(ascii: "\n")).dropLast().prefix(20_000).map { Array($0) }
        var envelopes: [Envelope] = []
        envelopes.reserveCapacity(lines.count)
        let parseStart = Date()
        for line in lines {
            envelopes.append(try Envelope.parse(line: line).get())
        }
        let parseSeconds = Date().timeIntervalSince(parseStart)
        let schemas = try EventSchemas.load(directory: arguments.rules + "/schemas")
        var refused = 0
        let schemaStart = Date()
        for envelope in envelopes where schemas.documents(envelope.type) {
            if (envelope.dataBytes ?? []).withUnsafeBytes({ schemas.problem(type: envelope.type, canonicalData: $0) }) != nil { refused += 1 }
        }
        let schemaSeconds = Date().timeIntervalSince(schemaStart)
        guard refused == 0 else { throw BenchError("\(refused) generated events break their schema") }
        let recorded = Instant.now()
        let bodies = envelopes.enumerated().map { $0.element.storedBody(seq: Int64($0.offset + 1), recorded: recorded) }
        let bodyBytes = bodies.reduce(0) { $0 + $1.count }
        var chain = HashChain.genesis(logID: "bench")
        let rounds = 5
        let hashStart = Date()
        for _ in 0 ..< rounds {
            for body in bodies {
                chain = body.withUnsafeBytes { HashChain.next(after: chain, leaf: HashChain.leaf(of: $0)) }
            }
        }
        let hashSeconds = Date().timeIntervalSince(hashStart)
        // Printing the result keeps the optimiser from dropping the work.
        log("micro: chain after \(rounds) rounds \(chain.hex.prefix(16))…")
        let events = Double(bodies.count * rounds)
        return [
            ("parse_us_per_event", fixed(parseSeconds / Double(lines.count) * 1e6, 2)),
            ("schema_check_us_per_event", fixed(schemaSeconds / Double(lines.count) * 1e6, 2)),
            ("leaf_and_link_us_per_event", fixed(hashSeconds / events * 1e6, 2)),
            ("leaf_and_link_mb_per_s", fixed(Double(bodyBytes * rounds) / hashSeconds / 1e6, 0)),
            ("stored_body_bytes_avg", fixed(Double(bodyBytes) / Double(bodies.count), 0)),
        ]
    }

    /// Writes the NDJSON and the baseline's CSV; returns their paths and a sample of subjects.
    private func generate(_ n: Int, in directory: String) throws -> (String, String, [String]) {
        let ndjsonPath = directory + "/events.ndjson"
        let csvPath = directory + "/events.csv"
        let ndjson = try FileWriter(path: ndjsonPath)
        let csv = try FileWriter(path: csvPath)
        var generator = EventGenerator()
        var subjects: [String] = []
        let every = max(1, n / max(arguments.trailLookups, 1))
        for index in 0 ..< n {
            let event = generator.event(index, total: n)
            try ndjson.write(event.line + "\n")
            let quotedLine = "\"" + event.line.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            try csv.write([event.dept, event.id, event.type, event.at, event.subject, event.actor, quotedLine].joined(separator: ",") + "\n")
            if index % every == 0 { subjects.append(event.subject) }
        }
        try ndjson.flush()
        try csv.flush()
        return (ndjsonPath, csvPath, subjects)
    }

    private func timedIngest(executable: String, database: String, input: String, directory: String) throws -> (seconds: Double, peakRSS: Int64) {
        var fds: [Int32] = [0, 0]
        // Close-on-exec, so the child does not inherit the write end and wait forever for EOF.
        guard pipe(&fds) == 0 else { throw BenchError("pipe failed") }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        let start = Date()
        // Payloads are checked against the vocabulary, as a department's ingest would be.
        let schemas = arguments.rules + "/schemas"
        guard FileManager.default.fileExists(atPath: schemas) else { throw BenchError("no event vocabulary at \(schemas): run from the project's top directory or pass --rules") }
        let child = try ChildProcess.spawn(
            executable, ["ingest", "--db", database, "--quiet", "--schemas", schemas], stdinFD: fds[0], outputPath: directory + "/ingest.log")
        close(fds[0])
        // This process is the producer: copy the file into the pipe.
        let source = try FileDescriptorSource(path: input)
        defer { source.close() }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var reader = source
        while case .bytes(let count) = try buffer.withUnsafeMutableBytes({ try reader.read(into: $0, timeoutMilliseconds: nil) }) {
            var offset = 0
            while offset < count {
                let written = buffer.withUnsafeBytes { raw in
                    write(fds[1], UnsafeRawBufferPointer(rebasing: raw[offset ..< count]).baseAddress, count - offset)
                }
                guard written > 0 else { throw BenchError("write to pipe failed") }
                offset += written
            }
        }
        close(fds[1])
        let (status, peakRSS) = try child.wait()
        let seconds = Date().timeIntervalSince(start)
        guard status == 0 else { throw BenchError("ingest exited \(status); see \(directory)/ingest.log") }
        return (seconds, peakRSS)
    }

    private func baseline(csv: String, directory: String) throws -> Double {
        let database = directory + "/baseline.db"
        unlink(database)
        let script = directory + "/baseline.sql"
        try """
            CREATE TABLE events(dept TEXT, id TEXT, type TEXT, at TEXT, subject TEXT, actor TEXT, line TEXT);
            CREATE UNIQUE INDEX events_key ON events(dept, id);
            .mode csv
            .import \(csv) events

            """.write(toFile: script, atomically: true, encoding: .utf8)
        let input = open(script, O_RDONLY)
        defer { close(input) }
        let start = Date()
        let child = try ChildProcess.spawn("/usr/bin/sqlite3", [database], stdinFD: input, outputPath: directory + "/baseline.log")
        let (status, _) = try child.wait()
        let seconds = Date().timeIntervalSince(start)
        guard status == 0 else { throw BenchError("sqlite3 exited \(status); see \(directory)/baseline.log") }
        return seconds
    }

    private func log(_ message: String) {
        FileHandle.standardError.write(Data("[\(fixed(Date().timeIntervalSince1970.truncatingRemainder(dividingBy: 1000), 1))] \(message)\n".utf8))
    }
}

func fixed(_ value: Double, _ digits: Int) -> String {
    String(format: "%.\(digits)f", value)
}

func fileSize(_ path: String) -> Int64 {
    (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int64) ?? 0
}
