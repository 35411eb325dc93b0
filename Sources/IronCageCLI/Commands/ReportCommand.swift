import Audit
import EventLog
import Reports

/// `ironcage report`: oversight reports for a period, written to files.
enum ReportCommand: Command {
    static let spec = CommandSpec(
        path: ["report"],
        abstract: "Write the oversight report for a period: Markdown, HTML with charts, CSV, JSON.",
        discussion: """
            The period's figures against the previous period's (events, matters started and
            finished, on-time rate, overdue still open, red and yellow cards, findings by
            severity, disposal and rectification), per department ranked, week by week, every
            finding with its rule, basis, state and evidence (seqs and chain-head hashes),
            flagged tenders with their traces, data quality, and the findings the escalation
            ladder has reached. Everything is judged as of --as-of (default now); the same log
            and as-of instant give byte-identical files. Definitions: README, "Reports".

            Periods: --period 2026-10-15 | 2026-W44 | 2026-10 | 2026-Q3 | 2026, or --from and
            --to (dates, both included, local time of the work calendar).

            Scheduled: --every day|week|month|quarter|year --since DATE --out-dir DIR writes a
            file set for each completed period from the one holding DATE whose files are not all
            there yet, and prints nothing when there is nothing to do: run it hourly from cron or
            a systemd timer (examples in Samples/scheduling/).

            Prints the path of each file written. Exit status: 0; 64 for a bad command line;
            65 for bad rule packs.
            """,
        options: [
            .database, AuditOptions.rules, AuditOptions.calendar, AuditOptions.asOf,
            .value("period", "period", help: "The period: 2026-10-15, 2026-W44, 2026-10, 2026-Q3 or 2026."),
            .value("from", "date", help: "First day of a range of dates (with --to)."),
            .value("to", "date", help: "Last day of a range of dates (with --from)."),
            .value("every", "unit", help: "Write every completed day|week|month|quarter|year since --since."),
            .value("since", "date", help: "With --every: the first period is the one holding this date (or period)."),
            .value("dept", "dept", help: "One department's report (default: all departments)."),
            AuditOptions.language,
            .value("format", "formats", help: "Comma-separated: md,html,csv,json (default: all four)."),
            .value("out", "file", help: "Write the one format chosen (md, html or json) to this file; - for stdout."),
            .value("out-dir", "dir", help: "Write the file set here, created if missing (default: .)."),
        ]
    )

    static func run(_ arguments: ParsedArguments, in context: CommandContext) throws -> ExitStatus {
        let language = try AuditOptions.language(arguments, context)
        var formats = try arguments.value("format").map { text -> [ReportFormat] in
            guard let formats = ReportFormat.list(text) else { throw UsageError("--format takes a comma-separated list of md, html, csv, json, not '\(text)'") }
            return formats
        }
        let dept = arguments.value("dept")
        if arguments.value("out") != nil && arguments.value("out-dir") != nil { throw UsageError("give --out or --out-dir, not both") }
        if let out = arguments.value("out") {
            if formats == nil, let format = ReportFormat.allCases.first(where: { out.hasSuffix("." + $0.rawValue) }) { formats = [format] }
            guard let chosen = formats, chosen.count == 1, let format = chosen.first, format != .csv else {
                throw UsageError("--out writes one file: choose one of --format md, html or json (CSV is several tables: use --out-dir)")
            }
            if arguments.value("every") != nil { throw UsageError("--every writes a file set per period: use --out-dir") }
        }
        let chosenFormats = formats ?? ReportFormat.allCases
        let rules = try AuditOptions.loadRules(arguments, context)
        let calendar = rules.calendar
        let asOf = try AuditOptions.asOf(arguments, calendar: calendar)
        let directory = ReportDirectory(path: context.resolve(arguments.value("out-dir") ?? "."))

        let periods: [ReportPeriod]
        if let unitText = arguments.value("every") {
            guard arguments.value("period") == nil, arguments.value("from") == nil, arguments.value("to") == nil else {
                throw UsageError("--every chooses its own periods: drop --period, --from and --to")
            }
            guard let unit = PeriodUnit(rawValue: unitText) else { throw UsageError("--every takes day, week, month, quarter or year, not '\(unitText)'") }
            guard let sinceText = arguments.value("since") else { throw UsageError("--every needs --since DATE: the first period to write") }
            guard let since = CalendarDate(iso: sinceText) ?? ReportPeriod(parsing: sinceText)?.first, since.year >= 2, since.year <= 9998 else {
                throw UsageError("--since takes a date (2026-01-01) or a period (2026-01), not '\(sinceText)'")
            }
            let schedule = PeriodicSchedule(unit: unit, since: since)
            periods = schedule.completedPeriods(asOf: asOf, calendar: calendar).filter { period in
                !ReportFileSet.names(period: period, dept: dept, formats: chosenFormats, language: language).allSatisfy(directory.contains)
            }
            if periods.isEmpty { return .success }
        } else {
            periods = [try period(arguments)]
        }

        let store = try EventStore(path: context.databasePath(arguments), create: false)
        let engine = try AuditEngine(log: store, rules: rules)
        let census = try EventCensus(log: store)
        let progress = ProgressLine(sink: context.stderr, label: "report")
        let snapshot = try OversightSnapshot(engine: engine, census: census, asOf: asOf) { done, total in
            progress.update("\(grouped(done)) / \(grouped(total)) events")
        }
        progress.finish()
        for problem in snapshot.audit.problems {
            context.stderr.writeLine("warning: \(problem.keys) key\(problem.keys == 1 ? "" : "s") not judged: \(problem.message)")
        }
        for period in periods {
            let files = ReportFileSet(try snapshot.report(for: period, dept: dept), formats: chosenFormats, language: language)
            if let out = arguments.value("out") {
                guard let file = files.files.first else { continue }
                if out == "-" {
                    context.stdout.write(file.contents)
                } else {
                    let path = context.resolve(out)
                    try FileContents.writeAtomically(Array(file.contents.utf8), to: path)
                    context.stdout.writeLine(path)
                }
                continue
            }
            for file in files.files where arguments.value("every") == nil || !directory.contains(file.name) {
                context.stdout.writeLine(try directory.write(file.contents, named: file.name))
            }
        }
        return .success
    }

    /// The period from --period, or --from and --to.
    static func period(_ arguments: ParsedArguments) throws -> ReportPeriod {
        switch (arguments.value("period"), arguments.value("from"), arguments.value("to")) {
        case (let text?, nil, nil):
            guard let period = ReportPeriod(parsing: text) else { throw UsageError("--period takes \(ReportPeriod.accepted), not '\(text)'") }
            return period
        case (nil, let from?, let to?):
            guard let first = CalendarDate(iso: from) else { throw UsageError("--from takes a date (2026-10-01), not '\(from)'") }
            guard let last = CalendarDate(iso: to) else { throw UsageError("--to takes a date (2026-10-31), not '\(to)'") }
            guard first.year >= 2, last.year <= 9998, let period = ReportPeriod.range(from: first, through: last) else {
                throw UsageError("--from \(from) is after --to \(to)")
            }
            return period
        case (nil, nil, nil):
            throw UsageError("say which period: --period 2026-10 (or 2026-W44, 2026-Q3, 2026, 2026-10-15), --from/--to, or --every")
        case (_?, _, _):
            throw UsageError("give --period or --from/--to, not both")
        default:
            throw UsageError("--from and --to go together")
        }
    }
}
