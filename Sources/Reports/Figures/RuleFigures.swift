public import Audit

/// One rule's share of the period: its findings and, for a deadline rule, its clocks.
///
/// The counts follow `PeriodFigures`'s definitions, restricted to the rule; the report lists
/// each rule that has anything in the period once, with its basis, so that the findings need
/// not repeat it.
public struct RuleFigures: Sendable {
    public let rule: Rule
    public var findings = 0
    public var red = 0
    public var yellow = 0
    public var disposed = 0
    /// Deadline rules only: clocks opened, closed, closed on time in the period; open past due at its close.
    public var started = 0
    public var finished = 0
    public var onTime = 0
    public var overdueOpen = 0

    public init(rule: Rule) {
        self.rule = rule
    }

    /// On time ÷ finished.
    public var onTimeRate: Ratio? { Ratio(onTime, of: finished) }

    /// Whether anything at all is counted.
    public var isEmpty: Bool { findings == 0 && started == 0 && finished == 0 && overdueOpen == 0 }
}
