#if canImport(Glibc)
import Glibc
#endif
import EventLog
import Foundation

/// Times `ironcage import xes` on a generated XES log and shows that its memory stays
/// flat on a much larger one streamed through a pipe (generated on the fly, never on disk).
struct InterchangeBenchmark {
    let events: Int
    let streamMegabytes: Int
    let directory: String
    let executable: String

    /// Runs this benchmark alone in its own work directory and prints its figures.
    static func runAlone(events: Int, arguments: BenchArguments) throws {
        let directory = arguments.directory ?? "/tmp/ironcage-bench-xes-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { if !arguments.keep && arguments.directory == nil { try? FileManager.default.removeItem(atPath: directory) } }
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("ironcage").path
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw BenchError("\(executable) not found: build it first with `swift build -c release`")
        }
        let bench = InterchangeBenchmark(
            events: events, streamMegabytes: arguments.xesStreamMegabytes, directory: directory, executable: executable)
        let results = try bench.run()
        print("")
        for (name, value) in results { print(name.padding(toLength: 28, withPad: " ", startingAt: 0) + value) }
        print("{" + results.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}")
    }

    func run() throws -> [(String, String)] {
        var results: [(String, String)] = [("xes_events", String(events))]
        let mapping = directory + "/bench.map.json"
        try XESGenerator.mapping.write(toFile: mapping, atomically: true, encoding: .utf8)
        let arguments = ["import", "xes", "-", "--map", mapping, "--quiet"]

        // (a) A file of `events` events, read from stdin, output to a file.
        let xes = directory + "/bench.xes"
        log("generating \(events) XES events in \(xes)")
        let writer = try FileWriter(path: xes)
        var generator = XESGenerator()
        try writer.write(generator.header())
        for _ in 0 ..< events { try writer.write(generator.event()) }
        try writer.write(generator.footer())
        try writer.flush()
        let bytes = fileSize(xes)
        log("import xes < \(xes) (\(fixed(Double(bytes) / 1e6, 0)) MB)")
        let output = directory + "/bench.ndjson"
        let start = Date()
        let child = try ChildProcess.spawn(
            executable, arguments, stdinPath: xes, stdoutPath: output, stderrPath: directory + "/import.log")
        let (status, peakRSS) = try child.wait()
        let seconds = Date().timeIntervalSince(start)
        guard status == 0 else { throw BenchError("import xes exited \(status); see \(directory)/import.log") }
        let written = try countLines(output)
        guard written == events else { throw BenchError("import xes wrote \(written) envelopes for \(events) events") }
        results += [
            ("xes_bytes", String(bytes)), ("import_xes_seconds", fixed(seconds, 2)),
            ("import_xes_events_per_s", fixed(Double(events) / seconds, 0)),
            ("import_xes_mb_per_s", fixed(Double(bytes) / seconds / 1e6, 1)),
            ("import_xes_peak_rss_mb", fixed(Double(peakRSS) / 1e6, 1)),
            ("ndjson_bytes", String(fileSize(output))),
        ]

        // (b) A much larger log generated into the child's stdin, output discarded.
        guard streamMegabytes > 0 else { return results }
        log("streaming \(streamMegabytes) MB of generated XES through import xes")
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw BenchError("pipe failed") }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        let streamStart = Date()
        let streamed = try ChildProcess.spawn(
            executable, arguments, stdinFD: fds[0], stdoutPath: "/dev/null", stderrPath: directory + "/stream.log")
        close(fds[0])
        var stream = XESGenerator()
        var sent = 0
        var streamEvents = 0
        let target = streamMegabytes * 1_000_000
        try send(stream.header(), to: fds[1], counting: &sent)
        while sent < target {
            try send(stream.event(), to: fds[1], counting: &sent)
            streamEvents += 1
        }
        try send(stream.footer(), to: fds[1], counting: &sent)
        close(fds[1])
        let (streamStatus, streamRSS) = try streamed.wait()
        let streamSeconds = Date().timeIntervalSince(streamStart)
        guard streamStatus == 0 else { throw BenchError("streamed import xes exited \(streamStatus); see \(directory)/stream.log") }
        let summary = (try? String(contentsOfFile: directory + "/stream.log", encoding: .utf8)) ?? ""
        guard summary.contains("\(grouped(streamEvents)) envelopes written, 0 refused") else {
            throw BenchError("streamed import did not write all \(streamEvents) events: \(summary)")
        }
        results += [
            ("stream_bytes", String(sent)), ("stream_events", String(streamEvents)),
            ("stream_seconds", fixed(streamSeconds, 1)), ("stream_mb_per_s", fixed(Double(sent) / streamSeconds / 1e6, 1)),
            ("stream_peak_rss_mb", fixed(Double(streamRSS) / 1e6, 1)),
        ]
        return results
    }

    /// Writes all of `bytes` to a pipe.
    private func send(_ bytes: [UInt8], to fd: Int32, counting sent: inout Int) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw in write(fd, raw.baseAddress.map { $0 + offset }, raw.count - offset) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { throw BenchError("write to pipe failed: \(String(cString: strerror(errno)))") }
            offset += written
        }
        sent += bytes.count
    }

    private func countLines(_ path: String) throws -> Int {
        var source = try FileDescriptorSource(path: path)
        defer { source.close() }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var lines = 0
        while case .bytes(let count) = try buffer.withUnsafeMutableBytes({ try source.read(into: $0, timeoutMilliseconds: nil) }) {
            for byte in buffer[0 ..< count] where byte == UInt8(ascii: "\n") { lines += 1 }
        }
        return lines
    }

    private func log(_ message: String) {
        FileHandle.standardError.write(Data("[interchange] \(message)\n".utf8))
    }
}

/// A whole number with thousands separators, as the CLI prints them.
func grouped(_ number: Int) -> String {
    let digits = String(number)
    var out = ""
    for (index, character) in digits.enumerated() {
        if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
        out.append(character)
    }
    return out
}
