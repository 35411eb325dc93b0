import EventLog
import Foundation
import IronCageCLI
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The repository's top directory, found from this file's path.
let repositoryRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0 ..< 4 { url.deleteLastPathComponent() }
    return url.path
}()

/// The bundled samples.
let samplesDirectory = repositoryRoot + "/Samples"

/// The department streams (everything but malformed.ndjson), in name order.
let sampleStreams = ["finance.ndjson", "service-centre.ndjson", "trading-centre.ndjson", "traffic-police.ndjson"]
    .map { samplesDirectory + "/" + $0 }

/// What one in-process run of the CLI produced.
struct CLIResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// A scratch directory removed when the test ends.
final class ScratchDirectory {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("ironcage-test-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    var database: String { path + "/log.db" }

    /// Runs `ironcage` in-process with this directory as the working directory and `--db` defaulting to `log.db` via the environment.
    func run(_ arguments: [String], stdin: String = "") -> CLIResult {
        run(arguments, stdinBytes: Array(stdin.utf8))
    }

    func run(_ arguments: [String], stdinBytes: [UInt8]) -> CLIResult {
        let stdout = BufferSink()
        let stderr = BufferSink()
        let context = CommandContext(
            stdout: stdout, stderr: stderr, stdin: MemorySource(stdinBytes, chunkSize: 4096),
            environment: ["IRONCAGE_DB": database], currentDirectory: path)
        let status = IronCage.run(arguments, context: context)
        return CLIResult(status: status, stdout: stdout.text, stderr: stderr.text)
    }

    func write(_ name: String, _ text: String) throws -> String {
        let file = path + "/" + name
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }
}

/// The built `ironcage` executable, beside the test bundle.
let ironcageExecutable: String = {
    var url = Bundle.main.bundleURL
    // swift test runs the tests from .build/<config>/<Package>PackageTests.xctest (a file on Linux).
    while !FileManager.default.isExecutableFile(atPath: url.appendingPathComponent("ironcage").path), url.path != "/" {
        url.deleteLastPathComponent()
    }
    return url.appendingPathComponent("ironcage").path
}()

/// Lines of a file (without newlines, no trailing empty line).
func lines(of path: String) throws -> [String] {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty }
}

/// Runs the sqlite3 command-line shell on a database with a script, as an attacker with file access would.
func sqlite3(_ database: String, _ script: String) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
    process.arguments = [database]
    let input = Pipe()
    let errors = Pipe()
    process.standardInput = input
    process.standardError = errors
    try process.run()
    input.fileHandleForWriting.write(Data(script.utf8))
    try input.fileHandleForWriting.close()
    process.waitUntilExit()
    let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    guard process.terminationStatus == 0, message.isEmpty else {
        throw CLITestError("sqlite3 failed (\(process.terminationStatus)): \(message)")
    }
}

struct CLITestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
