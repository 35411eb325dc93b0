public import Audit

/// The figures of one period, for the whole report or one department.
///
/// The definitions (also in the README's "Reports" section and every report's notes), for a
/// period whose days run from its first instant *S* to its last *E*, judged as of *T*:
///
/// - **events**: department events that happened (`at`) in [*S*, *E*] and by *T*; the log's own
///   records (`log.*`, `finding.*`) are not counted.
/// - **started**: runs of a deadline rule's clock opened in the period — a start event that
///   found no clock of that rule running for its key. A subject bound by two limits (the
///   statutory 20 working days and a promised time) is started once under each.
/// - **finished**: runs closed in the period — the first stop event after the start.
/// - **on time**: finished runs whose stop came at or before the due instant, i.e. that the
///   rule did not find `closed_late`; the on-time rate is on time ÷ finished.
/// - **handling time**: for each finished run, the working days after the start's local date up
///   to and including the stop's (行政许可法 art. 82 counting: 0 on the same day); the median.
/// - **overdue still open**: runs open at the period's close (*E*, or *T* if earlier) whose due
///   instant had passed by then, wherever they started.
/// - **findings**: findings that began in the period; **red** and **yellow** by the card each
///   shows at *T*; by severity.
/// - **disposed**: findings of the period explained, dismissed or rectified by *T* (escalation
///   is not disposal); disposal rate = disposed ÷ findings; the median working days from the
///   day a finding began to the day of its last disposition.
/// - **rectification rate**: red findings of the period rectified by *T* ÷ red findings of the
///   period (a red card turns off only when rectified).
public struct PeriodFigures: Sendable, Equatable {
    public var events = 0
    public var started = 0
    public var finished = 0
    public var onTime = 0
    public var medianHandlingWorkdays: Median?
    public var overdueOpen = 0
    public var findings = 0
    public var red = 0
    public var yellow = 0
    /// Findings by severity; every severity present, zero or not.
    public var bySeverity: [Severity: Int] = Dictionary(uniqueKeysWithValues: Severity.allCases.map { ($0, 0) })
    public var disposed = 0
    public var medianWorkdaysToDispose: Median?
    /// Red findings of the period rectified by the as-of instant.
    public var rectifiedRed = 0

    public init() {}

    /// On time ÷ finished.
    public var onTimeRate: Ratio? { Ratio(onTime, of: finished) }
    /// Disposed ÷ findings.
    public var disposalRate: Ratio? { Ratio(disposed, of: findings) }
    /// Rectified red ÷ red.
    public var rectificationRate: Ratio? { Ratio(rectifiedRed, of: red) }
}
