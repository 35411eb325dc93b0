import EventLog
import Interchange

/// What `import xes` and `import csv` share: the input, the mapping file, how
/// problems and the summary are printed, and the exit status.
enum ImportOptions {
    static let input = PositionalSpec(name: "file", help: "The file to read; '-' or none reads stdin (decompress first: zcat FILE.gz |).", optional: true)
    static let quiet = OptionSpec.flag("quiet", short: "q", help: "Print only the summary, not each problem.")
    static let timeZone = OptionSpec.value(
        "tz", "zone", help: "Time zone for timestamps without an offset: +08:00, Z, or a name such as\nAsia/Shanghai (default: none; such timestamps are refused).")

    /// Problems printed one by one before the rest are only counted.
    static let problemPrintLimit = 1_000

    /// Reads and parses a mapping file.
    ///
    /// - Throws: `IOError` when it cannot be read, `CommandFailure` (exit 65) when it is not a JSON object.
    static func loadMapping(_ path: String, _ context: CommandContext) throws -> MappingObject {
        let bytes = try FileContents.read(context.resolve(path))
        do {
            return try MappingObject.parse(bytes, file: path)
        } catch {
            throw CommandFailure("mapping: \(error)", status: .dataError)
        }
    }

    /// Turns a mapping error into the failure to exit with: a mapping file at fault is
    /// bad data (65), options at fault are a usage error (64).
    static func failure(_ error: MappingError) -> any Error {
        if error.file != nil { return CommandFailure("mapping: \(error)", status: .dataError) }
        return UsageError("\(error)")
    }

    /// Runs `body` with the input as a byte source.
    static func withInput<R>(_ arguments: ParsedArguments, _ context: CommandContext, _ body: (AnyByteSource, String) throws -> R) throws -> R {
        let path = arguments.positionals.first ?? "-"
        if path == "-" { return try body(AnyByteSource(context.stdin), "<stdin>") }
        let source = try FileDescriptorSource(path: context.resolve(path))
        defer { source.close() }
        return try body(AnyByteSource(source), path)
    }

    /// A reporter that prints problems as `input:line: description [code]`, up to the limit.
    static func reporter(_ arguments: ParsedArguments, _ context: CommandContext, input: String) -> (ImportProblem) -> Void {
        let quiet = arguments.flag("quiet")
        var printed = 0
        return { problem in
            guard !quiet else { return }
            printed += 1
            if printed <= problemPrintLimit {
                let kind = problem.refusesRecord ? "" : "warning: "
                context.stderr.writeLine("\(input):\(problem.line): \(kind)\(problem) [\(problem.code)]")
            } else if printed == problemPrintLimit + 1 {
                context.stderr.writeLine("… further problems are counted but not shown")
            }
        }
    }

    /// Writes envelope lines to stdout.
    static func writer(_ context: CommandContext) -> (UnsafeRawBufferPointer) throws -> Void {
        { bytes in context.stdout.write(bytes: bytes) }
    }

    /// Prints the summary line and gives the exit status: 65 when a record was refused.
    static func finish(_ what: String, _ summary: ImportSummary, _ context: CommandContext) -> ExitStatus {
        var text = "\(what): "
        if summary.traces > 0 { text += "\(grouped(summary.traces)) trace\(summary.traces == 1 ? "" : "s"), " }
        text += "\(grouped(summary.records)) \(what == "import csv" ? "row" : "event")\(summary.records == 1 ? "" : "s") read: "
        text += "\(grouped(summary.written)) envelope\(summary.written == 1 ? "" : "s") written, "
        if summary.skipped > 0 { text += "\(grouped(summary.skipped)) skipped (not selected by rows), " }
        text += "\(grouped(summary.refused)) refused, \(grouped(summary.warnings)) warning\(summary.warnings == 1 ? "" : "s")"
        context.stderr.writeLine(text)
        return summary.refused > 0 ? .dataError : .success
    }

    /// Reports a document that cannot be read on (after what was written so far)
    /// and gives exit 65.
    static func stopped(_ input: String, _ error: any Error, _ what: String, _ summary: ImportSummary, _ context: CommandContext) -> ExitStatus {
        context.stderr.writeLine("error: \(input): \(error)")
        _ = finish(what, summary, context)
        return .dataError
    }
}
