import Audit
import EventLog

/// Writes a report as CSV tables, one per file (documented in the README's "Reports"
/// section): UTF-8 with a byte-order mark (so spreadsheets read Chinese correctly), CRLF line
/// ends, a header row of stable English column names. Rates are fractions rounded to four
/// decimals beside the counts they come from; names, bases and messages are in both languages.
enum CSVReport {
    /// The tables, in order: name (the file name's last part) and content.
    static func tables(_ report: OversightReport) -> [(name: String, text: String)] {
        let texts = [
            summary(report), departments(report), rules(report), weeks(report), findings(report), evidence(report), procurement(report),
            dataQuality(report), inspectors(report),
        ]
        return Array(zip(tableNames, texts))
    }

    /// The tables' names, in order.
    static let tableNames = ["summary", "departments", "rules", "weeks", "findings", "evidence", "procurement", "data-quality", "inspectors"]

    static let bom = "\u{FEFF}"

    static func table(_ header: [String], _ rows: [[String]]) -> String {
        bom + CSVText.record(header) + rows.map(CSVText.record).joined()
    }

    static func rate(_ ratio: Ratio?) -> String { ratio.map(FigureText.fraction) ?? "" }
    static func median(_ median: Median?) -> String { median.map(FigureText.number) ?? "" }

    /// The figures in a fixed order: (column name, value).
    static func values(_ figures: PeriodFigures) -> [(String, String)] {
        var values: [(String, String)] = [
            ("events", String(figures.events)), ("started", String(figures.started)), ("finished", String(figures.finished)),
            ("on_time", String(figures.onTime)), ("on_time_rate", rate(figures.onTimeRate)),
            ("median_handling_workdays", median(figures.medianHandlingWorkdays)), ("overdue_open", String(figures.overdueOpen)),
            ("findings", String(figures.findings)), ("red", String(figures.red)), ("yellow", String(figures.yellow)),
        ]
        for severity in Severity.allCases.reversed() { values.append(("severity_" + severity.rawValue, String(figures.bySeverity[severity] ?? 0))) }
        values += [
            ("disposed", String(figures.disposed)), ("disposal_rate", rate(figures.disposalRate)),
            ("median_workdays_to_dispose", median(figures.medianWorkdaysToDispose)), ("rectified_red", String(figures.rectifiedRed)),
            ("rectification_rate", rate(figures.rectificationRate)),
        ]
        return values
    }

    /// `metric,current,previous`: the report's identity first, then every figure.
    static func summary(_ report: OversightReport) -> String {
        let offset = report.calendar.utcOffsetSeconds
        var rows: [[String]] = [
            ["schema", CSVText.text(JSONReport.schema), ""],
            ["period", CSVText.text(report.period.label), CSVText.text(report.previousPeriod.label)],
            ["first_day", report.period.first.description, report.previousPeriod.first.description],
            ["last_day", report.period.last.description, report.previousPeriod.last.description],
            ["as_of", CSVText.text(report.asOf.string(offsetSeconds: offset)), ""],
            ["dept", report.dept.map(CSVText.text) ?? "", ""],
            ["calendar", CSVText.text(report.calendar.name), ""],
            ["log_id", CSVText.text(report.logID), ""], ["log_size", String(report.logHead.size), ""], ["log_head", report.logHead.hash.hex, ""],
        ]
        for ((name, now), (_, before)) in zip(values(report.current), values(report.previous)) { rows.append([name, now, before]) }
        return table(["metric", "current", "previous"], rows)
    }

    /// `rank,dept,` then each figure for this period and `<figure>_previous` for the one before.
    static func departments(_ report: OversightReport) -> String {
        let names = values(PeriodFigures()).map(\.0)
        let header = ["rank", "dept"] + names.flatMap { [$0, $0 + "_previous"] }
        return table(header, report.departments.map { row in
            [String(row.rank), CSVText.text(row.dept)] + zip(values(row.current), values(row.previous)).flatMap { [$0.1, $1.1] }
        })
    }

    static func weeks(_ report: OversightReport) -> String {
        table(["week", "first_day", "last_day", "events", "findings"], report.weeks.map { week in
            [week.label, week.first.description, week.last.description, String(week.events), String(week.findings)]
        })
    }

    /// One row per rule with anything in the period; the clock columns are empty for rules
    /// that are not deadlines.
    static func rules(_ report: OversightReport) -> String {
        let header = [
            "rule", "pack", "kind", "severity", "name_zh", "name_en", "basis_zh", "basis_en", "findings", "red", "yellow", "disposed", "started",
            "finished", "on_time", "on_time_rate", "overdue_open",
        ]
        return table(header, report.rules.map { row in
            let deadline = row.rule.kind == "deadline"
            func clock(_ value: Int) -> String { deadline ? String(value) : "" }
            return [
                CSVText.text(row.rule.id), CSVText.text(row.rule.pack), CSVText.text(row.rule.kind), row.rule.severity.rawValue,
                CSVText.text(row.rule.name.zh), CSVText.text(row.rule.name.en), CSVText.text(row.rule.basis.zh), CSVText.text(row.rule.basis.en),
                String(row.findings), String(row.red), String(row.yellow), String(row.disposed), clock(row.started), clock(row.finished),
                clock(row.onTime), deadline ? rate(row.onTimeRate) : "", clock(row.overdueOpen),
            ]
        })
    }

    /// One row per finding of the period; `evidence` lists the seqs separated by spaces (the
    /// hashes are in the evidence table), the rule's basis is in the rules table.
    static func findings(_ report: OversightReport) -> String {
        let offset = report.calendar.utcOffsetSeconds
        let header = [
            "id", "rule", "rule_name_zh", "rule_name_en", "severity", "level", "code", "subject", "dept", "actor", "began", "due", "status",
            "active", "escalated_to_zh", "escalated_to_en", "last_action", "last_by", "last_at", "last_reason", "workdays_open", "message_zh",
            "message_en", "evidence",
        ]
        return table(header, report.findings.map { item in
            let finding = item.finding
            let last = item.state.last
            return [
                finding.id, CSVText.text(finding.rule), CSVText.text(item.rule.name.zh), CSVText.text(item.rule.name.en), finding.severity.rawValue,
                item.level.rawValue, CSVText.text(finding.code), CSVText.text(finding.subject), CSVText.text(finding.dept),
                finding.actor.map(CSVText.text) ?? "", finding.began.string(offsetSeconds: offset), finding.due.map { $0.string(offsetSeconds: offset) } ?? "",
                item.state.status.rawValue, item.state.active ? "true" : "false", item.state.escalatedTo.map { CSVText.text($0.zh) } ?? "",
                item.state.escalatedTo.map { CSVText.text($0.en) } ?? "", last?.action.rawValue ?? "", last.map { CSVText.text($0.by) } ?? "",
                last.map { $0.at.string(offsetSeconds: offset) } ?? "", last.map { CSVText.text($0.reason) } ?? "",
                item.workdaysOpen.map(String.init) ?? "", CSVText.text(item.message.zh), CSVText.text(item.message.en),
                finding.evidence.map(String.init).joined(separator: " "),
            ]
        })
    }

    /// The inspectors' list: findings the escalation ladder has reached, most working days open first.
    static func inspectors(_ report: OversightReport) -> String {
        let offset = report.calendar.utcOffsetSeconds
        let header = [
            "id", "rule", "severity", "level", "code", "subject", "dept", "actor", "began", "workdays_open", "reached_zh", "reached_en", "status",
            "evidence",
        ]
        return table(header, report.escalated.map { item in
            let finding = item.finding
            return [
                finding.id, CSVText.text(finding.rule), finding.severity.rawValue, item.level.rawValue, CSVText.text(finding.code),
                CSVText.text(finding.subject), CSVText.text(finding.dept), finding.actor.map(CSVText.text) ?? "",
                finding.began.string(offsetSeconds: offset), item.workdaysOpen.map(String.init) ?? "",
                item.state.escalatedTo.map { CSVText.text($0.zh) } ?? "", item.state.escalatedTo.map { CSVText.text($0.en) } ?? "",
                item.state.status.rawValue, finding.evidence.map(String.init).joined(separator: " "),
            ]
        })
    }

    /// `finding,seq,head,leaf,…,data`: every event the findings of the period (flagged tenders
    /// included) rest on.
    static func evidence(_ report: OversightReport) -> String {
        var rows: [[String]] = []
        var seen: Set<String> = []
        for item in report.findings where seen.insert(item.finding.id).inserted {
            for event in item.evidence {
                rows.append([
                    item.finding.id, String(event.seq), event.head.hex, event.leaf.hex, CSVText.text(event.type), CSVText.text(event.at),
                    CSVText.text(event.dept), event.actor.map(CSVText.text) ?? "", CSVText.text(event.subject), CSVText.text(event.data),
                ])
            }
        }
        return table(["finding", "seq", "head", "leaf", "type", "at", "dept", "actor", "subject", "data"], rows)
    }

    static func procurement(_ report: OversightReport) -> String {
        var rows: [[String]] = []
        for tender in report.tenders {
            for item in tender.findings {
                rows.append([
                    CSVText.text(tender.subject), CSVText.text(tender.dept), item.finding.id, CSVText.text(item.finding.rule), item.level.rawValue,
                    item.finding.severity.rawValue, CSVText.text(item.finding.code),
                ])
            }
        }
        return table(["subject", "dept", "finding", "rule", "level", "severity", "code"], rows)
    }

    /// `item,dept,batches,events,max_lag_hours,keys,note`: `late_entries` rows by department,
    /// a `rejected_input` row saying the log cannot count them, `silent_department` rows, and
    /// `not_judged` rows.
    static func dataQuality(_ report: OversightReport) -> String {
        let quality = report.dataQuality
        var rows: [[String]] = quality.lateEntries.map { entry in
            ["late_entries", CSVText.text(entry.dept), String(entry.batches), String(entry.events), entry.maximumLagHours, "", ""]
        }
        rows.append(["rejected_input", "", "", "", "", "", CSVText.text(ReportWording.rejectedNote.en)])
        rows += quality.silentDepartments.map { ["silent_department", CSVText.text($0), "", "", "", "", ""] }
        rows += quality.notJudged.map { ["not_judged", "", "", "", "", String($0.keys), CSVText.text($0.message)] }
        return table(["item", "dept", "batches", "events", "max_lag_hours", "keys", "note"], rows)
    }
}
