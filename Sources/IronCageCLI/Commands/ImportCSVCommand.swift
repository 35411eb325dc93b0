import EventLog
import Interchange

/// `ironcage import csv [FILE|-] --map MAPPING.json`.
enum ImportCSVCommand: Command {
    static let spec = CommandSpec(
        path: ["import", "csv"],
        abstract: "Convert CSV rows (RFC 4180) into envelope NDJSON, one event per row.",
        discussion: """
            The mapping (JSON) names the column or constant for id, type, at (with its
            format — rfc3339, iso8601, or a pattern such as yyyy-MM-dd HH:mm:ss — and
            time_zone), dept, actor and subject, and the data members with their types
            (string, int, number, bool, date). Quoted fields, embedded line breaks and
            quotes, CR LF and a UTF-8 byte-order mark are read as RFC 4180 and Excel
            write them. A row that cannot be mapped is reported with its row number,
            line and column — never the cell's value — and the other rows still flow.
            Exit status: 0 when every row was written, 65 when any was refused.
            """,
        positionals: [ImportOptions.input],
        options: [
            .value("map", "file", help: "The mapping file (JSON); required. See Samples/interchange/hotline.map.json."),
            ImportOptions.quiet,
        ]
    )

    static func run(_ arguments: ParsedArguments, in context: CommandContext) throws -> ExitStatus {
        guard let path = arguments.value("map") else { throw UsageError("Missing expected option '--map <file>'") }
        let mapping: CSVMapping
        do {
            mapping = try CSVMapping(try ImportOptions.loadMapping(path, context))
        } catch let error as MappingError {
            // Keys inside the file are at fault even when the error did not name it.
            throw CommandFailure("mapping: \(MappingError(file: path, key: error.key, message: error.message))", status: .dataError)
        }
        return try ImportOptions.withInput(arguments, context) { source, input in
            let importer = CSVImporter(source: source, mapping: mapping)
            let summary: ImportSummary
            do {
                summary = try importer.run(
                    write: ImportOptions.writer(context), report: ImportOptions.reporter(arguments, context, input: input))
            } catch let error as CSVFormatError {
                return ImportOptions.stopped(input, error, "import csv", importer.summary, context)
            }
            for (name, type) in importer.hashedNames where !arguments.flag("quiet") {
                context.stderr.writeLine(
                    "note: type name '\(EnvelopeRejection.printableFieldName(name))' has no ASCII slug; typed \(type) (map it under \"type\".\"map\")")
            }
            return ImportOptions.finish("import csv", summary, context)
        }
    }
}
