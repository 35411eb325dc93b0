import Audit
import EventLog

/// Writes a report as JSON, schema `ironcage-report/1` (documented in the README's "Reports"
/// section): the same figures as the other formats, with rates as exact parts and a fraction,
/// every piece of evidence with its full chain head and leaf hash, and names, bases and
/// messages in both languages. Members appear in a fixed order; the file ends with a newline.
enum JSONReport {
    static let schema = "ironcage-report/1"

    static func render(_ report: OversightReport) -> String {
        let offset = report.calendar.utcOffsetSeconds
        func local(_ instant: Instant) -> JSONNode { .string(instant.string(offsetSeconds: offset)) }
        func period(_ period: ReportPeriod) -> JSONNode {
            .object([
                ("label", .string(period.label)), ("unit", .optional(period.unit?.rawValue)), ("first", .string(period.first.description)),
                ("last", .string(period.last.description)), ("start", local(period.start(in: report.calendar))),
                ("end", local(period.end(in: report.calendar))),
            ])
        }
        let root: JSONNode = .object([
            ("schema", .string(schema)),
            ("period", period(report.period)),
            ("previous_period", period(report.previousPeriod)),
            ("as_of", local(report.asOf)),
            ("dept", .optional(report.dept)),
            ("calendar", .string(report.calendar.name)),
            ("log", .object([("id", .string(report.logID)), ("size", .int(report.logHead.size)), ("head", .string(report.logHead.hash.hex))])),
            ("figures", .object([("current", figures(report.current)), ("previous", figures(report.previous))])),
            ("departments", .array(report.departments.map { row in
                .object([("rank", .int(row.rank)), ("dept", .string(row.dept)), ("current", figures(row.current)), ("previous", figures(row.previous))])
            })),
            ("rules", .array(report.rules.map(rule))),
            ("weeks", .array(report.weeks.map { week in
                .object([
                    ("week", .string(week.label)), ("first", .string(week.first.description)), ("last", .string(week.last.description)),
                    ("events", .int(week.events)), ("findings", .int(week.findings)),
                ])
            })),
            ("findings", .array(report.findings.map { finding($0, local: local) })),
            ("procurement", .array(report.tenders.map { tender in
                var seen: Set<Int64> = []
                let traces = tender.findings.flatMap(\.evidence).sorted { $0.seq < $1.seq }.filter { seen.insert($0.seq).inserted }
                return .object([
                    ("subject", .string(tender.subject)), ("dept", .string(tender.dept)),
                    ("findings", .array(tender.findings.map { .string($0.finding.id) })),
                    ("traces", .array(traces.map { evidence($0, data: true) })),
                ])
            })),
            ("data_quality", .object([
                ("late_entries", .array(report.dataQuality.lateEntries.map { entry in
                    .object([
                        ("dept", .string(entry.dept)), ("batches", .int(entry.batches)), ("events", .int(entry.events)),
                        ("max_lag_hours", decimal(entry.maximumLagHours)),
                    ])
                })),
                ("rejected_input", .object([("counted", .bool(false)), ("note", .string(ReportWording.rejectedNote.en))])),
                ("silent_departments", .array(report.dataQuality.silentDepartments.map { .string($0) })),
                ("not_judged", .array(report.dataQuality.notJudged.map { .object([("message", .string($0.message)), ("keys", .int($0.keys))]) })),
            ])),
            ("inspectors", .array(report.escalated.map { escalated($0, local: local) })),
        ])
        return root.rendered() + "\n"
    }

    /// A decimal the audit wrote as text (`432`, `499.355`) as a JSON number; anything else as a string.
    static func decimal(_ text: String) -> JSONNode {
        var digits = 0
        var point = false
        for (index, character) in text.enumerated() {
            switch character {
            case "0"..."9": digits += 1
            case "." where !point && digits > 0: point = true
            case "-" where index == 0: continue
            default: return .string(text)
            }
        }
        let unsigned = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        let leadingZero = unsigned.count > 1 && unsigned.hasPrefix("0") && !unsigned.hasPrefix("0.")
        return digits > 0 && !text.hasSuffix(".") && !leadingZero ? .number(text) : .string(text)
    }

    static func rate(_ ratio: Ratio?) -> JSONNode {
        ratio.map { .number(FigureText.fraction($0)) } ?? .null
    }

    static func figures(_ figures: PeriodFigures) -> JSONNode {
        .object([
            ("events", .int(figures.events)), ("started", .int(figures.started)), ("finished", .int(figures.finished)),
            ("on_time", .int(figures.onTime)), ("on_time_rate", rate(figures.onTimeRate)),
            ("median_handling_workdays", figures.medianHandlingWorkdays.map { .number(FigureText.number($0)) } ?? .null),
            ("overdue_open", .int(figures.overdueOpen)), ("findings", .int(figures.findings)), ("red", .int(figures.red)),
            ("yellow", .int(figures.yellow)),
            ("by_severity", .object(Severity.allCases.reversed().map { ($0.rawValue, .int(figures.bySeverity[$0] ?? 0)) })),
            ("disposed", .int(figures.disposed)), ("disposal_rate", rate(figures.disposalRate)),
            ("median_workdays_to_dispose", figures.medianWorkdaysToDispose.map { .number(FigureText.number($0)) } ?? .null),
            ("rectified_red", .int(figures.rectifiedRed)), ("rectification_rate", rate(figures.rectificationRate)),
        ])
    }

    static func text(_ text: LocalizedText) -> JSONNode {
        .object([("zh", .string(text.zh)), ("en", .string(text.en))])
    }

    static func finding(_ item: ReportedFinding, local: (Instant) -> JSONNode) -> JSONNode {
        let finding = item.finding
        var state: [(String, JSONNode)] = [
            ("status", .string(item.state.status.rawValue)), ("active", .bool(item.state.active)),
            ("escalated_to", item.state.escalatedTo.map(text) ?? .null),
        ]
        state.append(("last", item.state.last.map { last in
            .object([
                ("action", .string(last.action.rawValue)), ("by", .string(last.by)), ("at", local(last.at)), ("reason", .string(last.reason)),
                ("seq", .int(last.seq)),
            ])
        } ?? .null))
        return .object([
            ("id", .string(finding.id)), ("rule", .string(finding.rule)), ("severity", .string(finding.severity.rawValue)),
            ("level", .string(item.level.rawValue)), ("code", .string(finding.code)), ("message", text(item.message)),
            ("subject", .string(finding.subject)), ("dept", .string(finding.dept)), ("actor", .optional(finding.actor)),
            ("began", local(finding.began)), ("due", finding.due.map(local) ?? .null),
            ("details", .object(finding.details.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })),
            ("state", .object(state)), ("workdays_open", item.workdaysOpen.map { .int($0) } ?? .null),
            ("evidence", .array(item.evidence.map { evidence($0, data: false) })),
        ])
    }

    /// A rule with its names, basis and figures; findings refer to it by id.
    static func rule(_ row: RuleFigures) -> JSONNode {
        var members: [(String, JSONNode)] = [
            ("id", .string(row.rule.id)), ("pack", .string(row.rule.pack)), ("kind", .string(row.rule.kind)),
            ("severity", .string(row.rule.severity.rawValue)), ("name", text(row.rule.name)), ("basis", text(row.rule.basis)),
            ("findings", .int(row.findings)), ("red", .int(row.red)), ("yellow", .int(row.yellow)), ("disposed", .int(row.disposed)),
        ]
        if row.rule.kind == "deadline" {
            members += [
                ("started", .int(row.started)), ("finished", .int(row.finished)), ("on_time", .int(row.onTime)),
                ("on_time_rate", rate(row.onTimeRate)), ("overdue_open", .int(row.overdueOpen)),
            ]
        }
        return .object(members)
    }

    /// An entry of the inspectors' list: who it has reached and for how long, without the
    /// evidence's hashes (the finding's seqs only).
    static func escalated(_ item: ReportedFinding, local: (Instant) -> JSONNode) -> JSONNode {
        let finding = item.finding
        return .object([
            ("id", .string(finding.id)), ("rule", .string(finding.rule)), ("severity", .string(finding.severity.rawValue)),
            ("level", .string(item.level.rawValue)), ("code", .string(finding.code)), ("subject", .string(finding.subject)),
            ("dept", .string(finding.dept)), ("actor", .optional(finding.actor)), ("began", local(finding.began)),
            ("workdays_open", item.workdaysOpen.map { .int($0) } ?? .null), ("reached", item.state.escalatedTo.map(text) ?? .null),
            ("status", .string(item.state.status.rawValue)), ("evidence", .array(finding.evidence.map { .int($0) })),
        ])
    }

    static func evidence(_ event: EvidenceEvent, data: Bool) -> JSONNode {
        var members: [(String, JSONNode)] = [
            ("seq", .int(event.seq)), ("head", .string(event.head.hex)), ("leaf", .string(event.leaf.hex)), ("type", .string(event.type)),
            ("at", .string(event.at)), ("dept", .string(event.dept)), ("actor", .optional(event.actor)), ("subject", .string(event.subject)),
        ]
        if data { members.append(("data", .raw(event.data))) }
        return .object(members)
    }
}
