public import EventLog

/// One run of a deadline rule's clock on one key: the start event that opened it and the
/// stop event that closed it, if one has.
///
/// The runs are paired exactly as the deadline evaluator pairs them: a start opens a clock
/// only when none is running for the key (a second start while it runs is ignored), and the
/// first stop after it closes it (a stop with no running clock is ignored). Reports count
/// these runs as the matters started and finished under a time limit; whether a closed run
/// was on time is told by the rule's `closed_late` finding, whose evidence begins with
/// `startSeq` and ends with `stopSeq`.
public struct ClockSpan: Sendable, Equatable {
    /// The deadline rule's id.
    public let rule: String
    /// The key the rule files the clock under (by default the subject).
    public let key: String
    /// The department of the start event.
    public let dept: String
    /// The start event's seq and when it happened.
    public let startSeq: Int64
    public let start: Instant
    /// The stop event's seq and when it happened; nil while the clock runs.
    public let stopSeq: Int64?
    public let stop: Instant?

    public init(rule: String, key: String, dept: String, startSeq: Int64, start: Instant, stopSeq: Int64?, stop: Instant?) {
        self.rule = rule
        self.key = key
        self.dept = dept
        self.startSeq = startSeq
        self.start = start
        self.stopSeq = stopSeq
        self.stop = stop
    }
}
