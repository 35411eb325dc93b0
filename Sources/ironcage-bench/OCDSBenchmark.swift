#if canImport(Glibc)
import Glibc
#endif
import EventLog
import Foundation

/// Times `ironcage import ocds` on generated compiled releases (``OCDSGenerator``),
/// output to /dev/null, a few times in a row: the target is 100,000 releases
/// in 5 s on this 2-core machine.
struct OCDSBenchmark {
    let releases: Int
    let runs: Int
    let directory: String
    let executable: String

    /// Runs this benchmark alone in its own work directory and prints its figures.
    static func runAlone(releases: Int, arguments: BenchArguments) throws {
        let directory = arguments.directory ?? "/tmp/ironcage-bench-ocds-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { if !arguments.keep && arguments.directory == nil { try? FileManager.default.removeItem(atPath: directory) } }
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("ironcage").path
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw BenchError("\(executable) not found: build it first with `swift build -c release`")
        }
        let bench = OCDSBenchmark(releases: releases, runs: arguments.ocdsRuns, directory: directory, executable: executable)
        let results = try bench.run()
        print("")
        for (name, value) in results { print(name.padding(toLength: 28, withPad: " ", startingAt: 0) + value) }
        print("{" + results.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}")
    }

    func run() throws -> [(String, String)] {
        let file = directory + "/bench.ocds.jsonl"
        log("generating \(releases) compiled releases in \(file)")
        let writer = try FileWriter(path: file)
        var generator = OCDSGenerator()
        for _ in 0..<releases { try writer.write(generator.release()) }
        try writer.flush()
        let bytes = fileSize(file)
        var results: [(String, String)] = [("ocds_releases", String(releases)), ("ocds_bytes", String(bytes))]

        var seconds: [Double] = []
        var peakRSS: [Int64] = []
        var summary = ""
        for run in 1...runs {
            log("import ocds \(file) (\(fixed(Double(bytes) / 1e6, 0)) MB) > /dev/null, run \(run) of \(runs)")
            let start = Date()
            let child = try ChildProcess.spawn(
                executable, ["import", "ocds", file, "--dept", "gy.ggzy", "--quiet"], stdoutPath: "/dev/null",
                stderrPath: directory + "/import.log")
            let (status, rss) = try child.wait()
            seconds.append(Date().timeIntervalSince(start))
            peakRSS.append(rss)
            guard status == 0 else { throw BenchError("import ocds exited \(status); see \(directory)/import.log") }
            summary = ((try? String(contentsOfFile: directory + "/import.log", encoding: .utf8)) ?? "").trimmingCharacters(in: .newlines)
            guard summary.hasPrefix("import ocds: \(grouped(releases)) releases read: "), summary.contains(" 0 releases skipped") else {
                throw BenchError("import ocds did not write every release: \(summary)")
            }
        }
        let best = seconds.min() ?? 0
        let events = summary.split(separator: " ").dropFirst(5).first.map { Int($0.replacingOccurrences(of: ",", with: "")) ?? 0 } ?? 0
        results += [
            ("ocds_events", String(events)),
            ("import_ocds_seconds_best", fixed(best, 2)),
            ("import_ocds_seconds_runs", "\"" + seconds.map { fixed($0, 2) }.joined(separator: " ") + "\""),
            ("import_ocds_releases_per_s", fixed(Double(releases) / best, 0)),
            ("import_ocds_events_per_s", fixed(Double(events) / best, 0)),
            ("import_ocds_mb_per_s", fixed(Double(bytes) / best / 1e6, 1)),
            ("import_ocds_peak_rss_mb", fixed(Double(peakRSS.max() ?? 0) / 1e6, 1)),
        ]
        return results
    }

    private func log(_ message: String) {
        FileHandle.standardError.write(Data("[ocds] \(message)\n".utf8))
    }
}
