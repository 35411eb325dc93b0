import EventLog
import Interchange

/// `ironcage import ocds [FILE|-] --dept DEPT`.
enum ImportOCDSCommand: Command {
    static let spec = CommandSpec(
        path: ["import", "ocds"],
        abstract: "Convert OCDS releases (Open Contracting Data Standard) into envelope NDJSON.",
        discussion: """
            Reads compiled releases (OCDS 1.1 with the bids extension) as JSON lines —
            a release, a release package {"releases": […]}, a record package
            {"records": [{"compiledRelease": …}]} or an array of releases per line —
            or one such JSON document over many lines, and writes the trading
            vocabulary's events, subject tender:<ocid>: tender.published,
            bid.deposit_paid, bid.submitted, bid.withdrawn, tender.opened,
            bid.disqualified, tender.awarded, contract.signed, contract.amended.
            Parties become org:<identifier.id> (the credit code); ids derive from the
            ocid and OCDS's ids (<ocid>/bid/<bid id>), so importing again gives only
            duplicates to ingest. A release that cannot be mapped (not JSON, no ocid,
            no date for an event, an amount that is not a number …) is reported with
            its line, its number and the field — never a value — and skipped whole;
            the others still flow. Mapping: README.md, "Importing and exporting".
            Exit status: 0 when every release was written, 65 when any was skipped.
            """,
        positionals: [ImportOptions.input],
        options: [
            .value("dept", "dept", help: "The department of every event, e.g. gy.ggzy; required."),
            ImportOptions.timeZone,
            ImportOptions.quiet,
        ]
    )

    static func run(_ arguments: ParsedArguments, in context: CommandContext) throws -> ExitStatus {
        var options = OCDSImportOptions()
        if let dept = arguments.value("dept") { options.dept = dept }
        if let value = arguments.value("tz") {
            guard let zone = ImportTimeZone(value) else {
                throw UsageError("--tz takes Z, UTC, an offset such as +08:00, or a zone name such as Asia/Shanghai, not '\(value)'")
            }
            options.timeZone = zone
        }
        return try ImportOptions.withInput(arguments, context) { source, input in
            let importer: OCDSImporter
            do {
                importer = try OCDSImporter(source: source, options: options)
            } catch let error as MappingError {
                throw ImportOptions.failure(error)
            }
            let summary = try importer.run(
                write: ImportOptions.writer(context), report: ImportOptions.reporter(arguments, context, input: input))
            var text = "import ocds: \(grouped(summary.records)) release\(summary.records == 1 ? "" : "s") read: "
            text += "\(grouped(summary.written)) event\(summary.written == 1 ? "" : "s") written, "
            text += "\(grouped(summary.refused)) release\(summary.refused == 1 ? "" : "s") skipped, "
            text += "\(grouped(summary.warnings)) warning\(summary.warnings == 1 ? "" : "s")"
            context.stderr.writeLine(text)
            return summary.refused > 0 ? .dataError : .success
        }
    }
}
