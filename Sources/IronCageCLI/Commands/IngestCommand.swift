#if canImport(Glibc)
import Glibc
#endif
import EventLog

/// `ironcage ingest`: append NDJSON envelopes from files or stdin to the log.
enum IngestCommand: Command {
    static let spec = CommandSpec(
        path: ["ingest"],
        abstract: "Append events (NDJSON envelopes) from files or stdin to the log.",
        discussion: """
            Each line is one envelope: {"id","type","at","dept","actor","subject","data"}.
            Good lines are committed in batches (every --batch events or --latency ms,
            whichever comes first); each bad line is reported on stderr with its line number
            and reason, and ingest carries on. The same (dept, id) with the same content is a
            duplicate (skipped); with other content it is a conflict (refused).
            Events of a type documented in Rules/schemas are checked against it: a required
            data field missing, a field of the wrong type or a value outside a closed set
            refuses the line (fields not documented are kept).
            Exit status: 0 when every line was stored or a duplicate, 65 when any was refused.
            """,
        positionals: [PositionalSpec(name: "files", help: "NDJSON files to read, in order; '-' or none reads stdin.", optional: true, repeats: true)],
        options: [
            .database,
            .value("rejects", "file", help: "Copy refused lines here verbatim (the file is replaced)."),
            .value("batch", "n", help: "Commit after this many events (default: 5000)."),
            .value("latency", "ms", help: "Commit once the oldest pending event has waited this long (default: 1000)."),
            .flag("ack", help: "After each commit, print {\"input\",\"line\",\"seq\",\"head\"} on stdout:\neverything up to that line is stored."),
            .format(["text", "json"], default: "text"),
            .value("schemas", "dir", help: "The event vocabulary to check payloads against\n(default: ./Rules/schemas when it exists)."),
            .flag("no-schema-check", help: "Store payloads without checking them against the vocabulary."),
            .flag("quiet", short: "q", help: "Print only the summary, not each refused line."),
            .value("backfill", "reason", help: "Declare this input a backfill (补录) of old events, with the reason:\nrecorded in the log, it exempts them from the late-entry rule."),
            .value("as", "who", help: "Who declares the backfill (default: $USER)."),
        ]
    )

    /// Refused lines printed one by one before the rest are only counted.
    static let rejectionPrintLimit = 1_000

    /// The vocabulary to check against: `--schemas`, else ./Rules/schemas when present.
    static func schemas(_ arguments: ParsedArguments, _ context: CommandContext) throws -> EventSchemas? {
        if arguments.flag("no-schema-check") {
            guard arguments.value("schemas") == nil else { throw UsageError("give --schemas or --no-schema-check, not both") }
            return nil
        }
        let given = arguments.value("schemas")
        let directory = context.resolve(given ?? "Rules/schemas")
        guard given != nil || isDirectory(directory) else { return nil }
        do {
            return try EventSchemas.load(directory: directory)
        } catch {
            throw CommandFailure("schemas: \(error)", status: .dataError)
        }
    }

    private static func isDirectory(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
    }

    static func run(_ arguments: ParsedArguments, in context: CommandContext) throws -> ExitStatus {
        var options = IngestOptions()
        options.batchSize = try arguments.integer("batch", in: 1 ... 1_000_000) ?? options.batchSize
        options.maximumLatencyMilliseconds = try arguments.integer("latency", in: 0 ... 3_600_000) ?? options.maximumLatencyMilliseconds
        options.schemas = try schemas(arguments, context)
        let format = try arguments.choice("format", from: ["text", "json"], default: "text")
        let inputs = arguments.positionals.isEmpty ? ["-"] : arguments.positionals

        let store = try EventStore(path: context.databasePath(arguments))
        let ingestor = Ingestor(store: store, options: options)
        if let rejectsPath = arguments.value("rejects") {
            ingestor.rejects = try FileWriter(path: context.resolve(rejectsPath))
        }
        let before = try store.head()
        var printed = 0
        var currentInput = "<stdin>"
        let quiet = arguments.flag("quiet")
        ingestor.onRejected = { rejection in
            guard !quiet else { return }
            printed += 1
            if printed <= rejectionPrintLimit {
                context.stderr.writeLine("\(currentInput):\(rejection.line): \(rejection.reason) [\(rejection.code)]")
            } else if printed == rejectionPrintLimit + 1 {
                context.stderr.writeLine("… further refused lines are counted but not shown (use --rejects FILE to keep them)")
            }
        }
        if arguments.flag("ack") {
            ingestor.onCommitted = { ack in
                context.stdout.writeLine(#"{"input":\#(JSONText.string(currentInput)),"line":\#(ack.lastLine),"seq":\#(ack.lastSeq),"head":"\#(ack.head.hex)"}"#)
                context.stdout.flush()
            }
        }
        for input in inputs {
            if input == "-" {
                currentInput = "<stdin>"
                try ingestor.ingest(AnyByteSource(context.stdin))
            } else {
                currentInput = input
                let source = try FileDescriptorSource(path: context.resolve(input))
                defer { source.close() }
                try ingestor.ingest(source)
            }
        }
        let tally = ingestor.tally
        if let reason = arguments.value("backfill"), let first = tally.firstSeq, let last = tally.lastSeq {
            let declarer = arguments.value("as") ?? context.environment["USER"].map { "user:\($0)" } ?? "unknown"
            let seq = try declareBackfill(reason: reason, by: declarer, store: store, first: first, last: last)
            context.stderr.writeLine("backfill: seq \(first)–\(last) declared by \(declarer) at seq \(seq)")
        }
        let after = try store.head()
        report(tally, before: before, after: after, format: format, context: context)
        return tally.refused > 0 ? .dataError : .success
    }

    private static func report(_ tally: IngestTally, before: ChainHead, after: ChainHead, format: String, context: CommandContext) {
        let lines = tally.lines - tally.blank
        var summary = "ingest: \(grouped(lines)) lines: \(grouped(tally.accepted)) accepted, \(grouped(tally.duplicates)) duplicate"
        summary += tally.duplicates == 1 ? "" : "s"
        summary += ", \(grouped(tally.conflicts)) conflict" + (tally.conflicts == 1 ? "" : "s")
        summary += ", \(grouped(tally.rejected)) rejected"
        context.stderr.writeLine(summary)
        if let first = tally.firstSeq, let last = tally.lastSeq {
            context.stderr.writeLine("log: seq \(first)–\(last) appended; size \(grouped(after.size)); head \(after.hash.hex.prefix(16))…")
        } else {
            context.stderr.writeLine("log: nothing appended; size \(grouped(after.size)); head \(after.hash.hex.prefix(16))…")
        }
        if format == "json" {
            var fields = [
                #""lines":\#(lines)"#, #""accepted":\#(tally.accepted)"#, #""duplicates":\#(tally.duplicates)"#,
                #""conflicts":\#(tally.conflicts)"#, #""rejected":\#(tally.rejected)"#, #""size":\#(after.size)"#,
                #""head":"\#(after.hash.hex)""#,
            ]
            if let first = tally.firstSeq, let last = tally.lastSeq {
                fields += [#""first_seq":\#(first)"#, #""last_seq":\#(last)"#]
            }
            context.stdout.writeLine("{" + fields.joined(separator: ",") + "}")
        }
    }
}

/// Lends a `ByteSource` existential to generic code.
struct AnyByteSource: ByteSource {
    var base: any ByteSource
    init(_ base: any ByteSource) { self.base = base }
    mutating func read(into buffer: UnsafeMutableRawBufferPointer, timeoutMilliseconds: Int?) throws -> ReadOutcome {
        try base.read(into: buffer, timeoutMilliseconds: timeoutMilliseconds)
    }
}
