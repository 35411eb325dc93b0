import EventLog
import Interchange

/// `ironcage export`: stored envelopes as NDJSON, ready to ingest elsewhere.
enum ExportCommand: Command {
    static let spec = CommandSpec(
        path: ["export"],
        abstract: "Write stored events as envelope NDJSON (id, type, at, dept, actor, subject, data).",
        discussion: """
            Each line is the envelope as its department submitted it, in canonical
            JSON, without the seq and recorded the log assigned: ingesting the output
            into a fresh log stores byte-identical content for every event, and into
            this log only duplicates.
              ironcage export --db old.db | ironcage ingest --db new.db
            """,
        options: [
            .database,
            .value("from", "seq", help: "Start at this seq (default: 1)."),
            .value("subject", "subject", help: "Only this subject's events."),
            .value("type", "type", repeats: true, help: "Only events of this type (repeat for several)."),
        ]
    )

    static func run(_ arguments: ParsedArguments, in context: CommandContext) throws -> ExitStatus {
        var filter = ExportFilter()
        if let from = try arguments.integer("from", in: 1...Int.max) { filter.fromSeq = Int64(from) }
        filter.subject = arguments.value("subject")
        filter.types = arguments.allValues("type")
        let store = try EventStore(path: context.databasePath(arguments), create: false)
        let count = try LogExporter.export(store, filter: filter) { context.stdout.write(bytes: $0) }
        context.stderr.writeLine("export: \(grouped(count)) event\(count == 1 ? "" : "s")")
        return .success
    }
}
