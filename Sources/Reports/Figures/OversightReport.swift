public import Audit
public import EventLog

/// Everything one report says, ready for the renderers: a period's figures against the
/// previous period's, per department, week by week, the findings with their evidence, the
/// flagged tenders, the quality of the input, and what the escalation ladder has reached.
///
/// Built by `OversightSnapshot.report(for:dept:)`; every renderer (Markdown, HTML, CSV,
/// JSON) writes the same figures from it, and writes nothing that is not in it — in
/// particular no time of generation other than `asOf` — so the same log and as-of instant
/// give byte-identical files.
public struct OversightReport: Sendable {
    public let period: ReportPeriod
    public let previousPeriod: ReportPeriod
    /// The instant everything is judged as of.
    public let asOf: Instant
    /// The one department the report is about, or nil for all.
    public let dept: String?
    /// For local dates and times (its `utcOffsetSeconds`) and its name.
    public let calendar: WorkCalendar
    /// The log's identity and head when the report was made, to tie it to a checkpoint.
    public let logID: String
    public let logHead: ChainHead
    public let current: PeriodFigures
    public let previous: PeriodFigures
    /// Departments with anything to report in either period, ranked: most red cards first,
    /// then most overdue still open, most yellow cards, lowest on-time rate (none last), most
    /// events, and by name.
    public let departments: [DepartmentFigures]
    /// The rules with anything in the period, in pack order: findings, and the clocks of deadline rules.
    public let rules: [RuleFigures]
    /// ISO weeks from the one holding the previous period's first day to the one holding this
    /// period's last day, whole weeks (their days outside both periods included).
    public let weeks: [WeekCount]
    /// Findings that began in the period: red before yellow, then by severity (critical
    /// first), when they began, and id.
    public let findings: [ReportedFinding]
    public let tenders: [FlaggedTender]
    public let dataQuality: DataQuality
    /// For inspectors: findings still active and neither explained, dismissed nor rectified
    /// that have climbed at least one step of the escalation ladder, whenever they began; most
    /// working days open first.
    public let escalated: [ReportedFinding]
}
