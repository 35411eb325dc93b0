import EventLog
import Interchange

/// `ironcage import xes [FILE|-]`.
enum ImportXESCommand: Command {
    static let spec = CommandSpec(
        path: ["import", "xes"],
        abstract: "Convert an XES event log (IEEE 1849) into envelope NDJSON, streaming.",
        discussion: """
            Each trace is a subject, each event an envelope: concept:name gives the type
            (through --map's "types", else a slug: 'Send Fine' → event.send_fine; names
            outside ASCII → event.x<16 hex digits of SHA-256>, listed at the end),
            time:timestamp gives at, org:resource the actor, identity:id or
            <subject>#<position> the id; the other attributes, typed, go into data.
            The same file always gives the same envelopes, so ingesting it twice
            stores nothing new. Events without a usable timestamp are reported and
            skipped, never given an invented time.
            Mapping file (--map, JSON; flags override it): dept, dept_attribute,
            subject_prefix, type_prefix, types {name: type}, actor_attribute,
            actor_prefix, trace_attributes, case_opened_type, time_zone, lifecycle.
            Exit status: 0 when every event was written, 65 when any was refused or
            the document is not well-formed XES.
            """,
        positionals: [ImportOptions.input],
        options: [
            .value("map", "file", help: "Mapping file (JSON) with the options below and an event-name → type table."),
            .value("dept", "dept", help: "The department of every event (or of those without --dept-attribute)."),
            .value("dept-attribute", "key", help: "The event (else trace) attribute naming the department, e.g. org:group."),
            .value("subject-prefix", "text", help: "Put before each trace's concept:name to make the subject, e.g. permit:."),
            .value("type-prefix", "name", help: "First segment(s) of derived types (default: event)."),
            .value("actor-attribute", "key", help: "The attribute holding the actor (default: org:resource)."),
            .value("actor-prefix", "text", help: "Put before each actor, e.g. officer:."),
            .value("trace-attributes", "where", help: "first-event (into data.trace of the trace's first event, the default),\nfirst-event-merged (into that event's data itself),\ncase-opened (a case.opened event before it), or none."),
            ImportOptions.timeZone,
            .flag("lifecycle", help: "Add lifecycle:transition to the type: event.review.complete."),
            ImportOptions.quiet,
        ]
    )

    static func run(_ arguments: ParsedArguments, in context: CommandContext) throws -> ExitStatus {
        var options = XESImportOptions()
        do {
            if let path = arguments.value("map") { try options.apply(try ImportOptions.loadMapping(path, context)) }
            try applyFlags(arguments, to: &options)
        } catch let error as MappingError {
            throw ImportOptions.failure(error)
        }
        return try ImportOptions.withInput(arguments, context) { source, input in
            let importer: XESImporter
            do {
                importer = try XESImporter(source: source, options: options)
            } catch let error as MappingError {
                throw ImportOptions.failure(error)
            }
            let summary: ImportSummary
            do {
                summary = try importer.run(
                    write: ImportOptions.writer(context), report: ImportOptions.reporter(arguments, context, input: input))
            } catch let error as XMLError {
                return ImportOptions.stopped(input, error, "import xes", importer.summary, context)
            } catch let error as XESFormatError {
                return ImportOptions.stopped(input, error, "import xes", importer.summary, context)
            }
            for (name, type) in importer.hashedNames where !arguments.flag("quiet") {
                context.stderr.writeLine(
                    "note: event name '\(EnvelopeRejection.printableFieldName(name))' has no ASCII slug; typed \(type) (map it under \"types\")")
            }
            return ImportOptions.finish("import xes", summary, context)
        }
    }

    /// Flags override the mapping file.
    private static func applyFlags(_ arguments: ParsedArguments, to options: inout XESImportOptions) throws {
        if let value = arguments.value("dept") { options.dept = value }
        if let value = arguments.value("dept-attribute") { options.deptAttribute = value }
        if let value = arguments.value("subject-prefix") { options.subjectPrefix = value }
        if let value = arguments.value("type-prefix") { options.typePrefix = value }
        if let value = arguments.value("actor-attribute") { options.actorAttribute = value }
        if let value = arguments.value("actor-prefix") { options.actorPrefix = value }
        if let value = arguments.value("trace-attributes") {
            guard let placement = XESImportOptions.TracePlacement(rawValue: value) else {
                throw UsageError("--trace-attributes takes first-event, first-event-merged, case-opened or none, not '\(value)'")
            }
            options.traceAttributes = placement
        }
        if let value = arguments.value("tz") {
            guard let zone = ImportTimeZone(value) else {
                throw UsageError("--tz takes Z, UTC, an offset such as +08:00, or a zone name such as Asia/Shanghai, not '\(value)'")
            }
            options.timeZone = zone
        }
        if arguments.flag("lifecycle") { options.lifecycle = true }
    }
}
