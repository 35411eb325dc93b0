public import Audit
public import EventLog

/// The log judged as of one instant — the audit's findings, the runs of every deadline clock,
/// the census of events — from which reports for any period and department are cut.
///
/// One snapshot serves many reports (`ironcage report --every` writes a file set per period
/// from one), so the audit runs once. Everything is judged as of `asOf`: the events that
/// happened by then, the findings visible then with their cards and dispositions then.
///
/// Not `Sendable`: it reads the log through its connection.
public final class OversightSnapshot {
    public let asOf: Instant
    public let rules: RuleSet
    public let audit: AuditResult
    /// Every deadline clock's runs, each with what its rule's findings say about it.
    let runs: [ClockRun]
    let census: EventCensus
    let evidence: EvidenceReader
    let logID: String
    let logHead: ChainHead

    /// A run of a clock and what its rule's findings say about it.
    struct ClockRun {
        let span: ClockSpan
        /// The due instant, from the run's `overdue` or `closed_late` finding; nil when it has
        /// none (it closed on time, or is open and not yet near its limit).
        let due: Instant?
        /// Whether the rule found it closed late.
        let closedLate: Bool
    }

    /// A clock run: its rule and the seq of the event that opened it.
    private struct RunKey: Hashable {
        var rule: String
        var start: Int64
    }

    /// Judges the log as of `asOf`.
    ///
    /// - Parameters:
    ///   - engine: the audit engine over the log (its projections are caught up).
    ///   - census: the log's census (caught up here).
    ///   - asOf: the instant to judge as of.
    ///   - progress: called with (events read, log size) while the projections catch up.
    /// - Throws: `SQLiteError`, `StoredEventError`, `CalendarError` from the escalation ladder.
    public init(engine: AuditEngine, census: EventCensus, asOf: Instant, progress: ((Int64, Int64) -> Void)? = nil) throws {
        self.asOf = asOf
        rules = engine.rules
        audit = try engine.audit(asOf: asOf, progress: progress)
        let spans = try engine.clockSpans(asOf: asOf)
        try census.catchUp()
        self.census = census
        evidence = try EvidenceReader(log: engine.log)
        logID = engine.log.logID
        logHead = try engine.log.head()
        var dues: [RunKey: Instant] = [:]
        var closedLate: Set<RunKey> = []
        for item in audit.findings where item.rule.kind == "deadline" {
            guard let start = item.finding.evidence.first, let due = item.finding.due else { continue }
            let key = RunKey(rule: item.finding.rule, start: start)
            dues[key] = due
            if item.finding.code == "closed_late" { closedLate.insert(key) }
        }
        runs = spans.map { span in
            let key = RunKey(rule: span.rule, start: span.startSeq)
            return ClockRun(span: span, due: dues[key], closedLate: closedLate.contains(key))
        }
    }
}
