#if canImport(Glibc)
import Glibc
#endif
import Audit
import EventLog
import Foundation
import Reports

/// Measures `ironcage report` on a generated log: a month's file set in all four formats
/// (Markdown and HTML in Chinese, CSV, JSON), once the audit's projections and the census are
/// current — the situation of a scheduled monthly run, since every audit and report keeps them
/// current. Also times bringing them current from nothing, and peak RSS.
struct ReportBenchmark {
    let events: Int
    let rulesPath: String
    let directory: String

    func run() throws -> [(String, String)] {
        let database = directory + "/report.db"
        for suffix in ["", "-wal", "-shm", ".audit", ".audit-wal", ".audit-shm", ".census", ".census-wal", ".census-shm"] {
            unlink(database + suffix)
        }
        let store = try EventStore(path: database)
        var workload = AuditWorkload()
        log("report: generating and appending about \(events) events")
        // Lifecycles average 3.45 events: ask for enough of them to reach `events`.
        let (written, end) = try workload.writeLog(events: events, lifecycles: events * 100 / 345 + 1, to: store)

        let rules = try RuleSet.load(path: rulesPath)
        log("report: bringing the projections and the census up to date")
        let catchUpStart = Date()
        let engine = try AuditEngine(log: store, rules: rules)
        try engine.catchUp()
        let census = try EventCensus(log: store)
        try census.catchUp()
        let catchUpSeconds = Date().timeIntervalSince(catchUpStart)

        // A month in the middle of the log, as a scheduled run writes it: everything is judged
        // as of the end of the log, so the projections answer.
        let period = ReportPeriod.month(year: 2026, month: 6)
        let output = ReportDirectory(path: directory + "/reports")
        var seconds: [Double] = []
        var files = 0
        var bytes = 0
        var report: OversightReport?
        for run in 1 ... 3 {
            log("report: month \(period.label), run \(run)")
            let start = Date()
            let snapshot = try OversightSnapshot(engine: engine, census: census, asOf: end)
            let made = try snapshot.report(for: period, dept: nil)
            let set = ReportFileSet(made, formats: ReportFormat.allCases, language: .zh)
            for file in set.files { try output.write(file.contents, named: file.name) }
            seconds.append(Date().timeIntervalSince(start))
            files = set.files.count
            bytes = set.files.reduce(0) { $0 + $1.contents.utf8.count }
            report = made
        }
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return [
            ("report_events", String(written)), ("report_rules", String(rules.rules.count)),
            ("report_catch_up_seconds", fixed(catchUpSeconds, 2)),
            ("report_month_seconds", fixed(seconds.min() ?? 0, 2)), ("report_month_first_seconds", fixed(seconds.first ?? 0, 2)),
            ("report_month_events", String(report?.current.events ?? 0)), ("report_month_findings", String(report?.current.findings ?? 0)),
            ("report_month_started", String(report?.current.started ?? 0)), ("report_files", String(files)), ("report_bytes", String(bytes)),
            ("report_peak_rss_mb", fixed(Double(usage.ru_maxrss) * 1024 / 1e6, 1)),
        ]
    }

    private func log(_ message: String) {
        FileHandle.standardError.write(Data("\(message)\n".utf8))
    }
}
