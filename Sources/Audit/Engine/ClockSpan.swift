/// One run of a deadline rule's clock on one key: the start event that opened it and the
/// stop event that closed it, if one has.
///
/// The runs are paired exactly as the deadline evaluator pairs them: a start opens a clock
/// only when none is running for the key (a second start while it runs is ignored), and the
/// first stop after it closes it (a stop with no running clock is ignored). Reports count
/// these runs as the matters started and finished under a time limit; whether a closed run
/// was on time is told by the rule's `closed_late` finding, whose evidence begins with
/// `start.seq` and ends with `stop.seq`.
public struct ClockSpan: Sendable, Equatable {
    /// The deadline rule's id.
    public let rule: String
    /// The key the rule files the clock under (by default the subject).
    public let key: String
    /// The event that opened the clock.
    public let start: Fact
    /// The event that closed it; nil while it runs.
    public let stop: Fact?

    public init(rule: String, key: String, start: Fact, stop: Fact?) {
        self.rule = rule
        self.key = key
        self.start = start
        self.stop = stop
    }
}
