// ironcage-bench: measures the event log's hot paths in a release build.
//
//   swift build -c release && .build/release/ironcage-bench --events 1000000
//
// Generates realistic ~300-byte envelopes, then measures in one run:
//   (a) `ironcage ingest` reading them from a pipe: events/s, MB/s, peak RSS;
//   (b) the baseline: the sqlite3 CLI's `.import` of the same rows as CSV into a table with a
//       UNIQUE (dept, id) index, and our ingest speed as a ratio of it;
//   (c) verify: events/s;
//   (d) trail lookups on the log: median and worst latency;
//   (e) Envelope.parse and leaf+link hashing per event, single-threaded;
// and the log's size on disk against the NDJSON it came from.
//
// With --xes-events N it measures only `ironcage import xes` (InterchangeBenchmark),
// with --ocds-releases N only `ironcage import ocds` (OCDSBenchmark).
#if canImport(Glibc)
import Glibc
#endif
import EventLog
import Foundation

let arguments = BenchArguments.parse(Array(CommandLine.arguments.dropFirst()))
do {
    if let ocdsReleases = arguments.ocdsReleases {
        try OCDSBenchmark.runAlone(releases: ocdsReleases, arguments: arguments)
    } else if let xesEvents = arguments.xesEvents {
        try InterchangeBenchmark.runAlone(events: xesEvents, arguments: arguments)
    } else {
        try Benchmark(arguments: arguments).run()
    }
} catch {
    FileHandle.standardError.write(Data("ironcage-bench: \(error)\n".utf8))
    exit(1)
}
