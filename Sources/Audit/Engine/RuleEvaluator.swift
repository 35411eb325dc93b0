import EventLog

/// How one kind of rule turns events into facts and facts into findings.
///
/// Findings are a pure function of a key's facts: the engine re-judges a key only when
/// one of its facts changes, and clocks carry their own thresholds (`Finding.redFrom`)
/// so that the passing of time needs no re-judging.
protocol RuleEvaluator: Sendable {
    var rule: Rule { get }
    /// The event types the rule reads; nil reads every type.
    var eventTypes: Set<String>? { get }
    /// The facts `event` contributes, each under its key.
    func facts(for event: AuditEvent, calendar: WorkCalendar) throws -> [KeyedFact]
    /// The findings for one key, from its facts in chronological order.
    func findings(key: String, facts: [Fact], calendar: WorkCalendar) throws -> [Finding]
    /// A key's facts folded once for every rule judged from them (see `sharedFacts`), so
    /// that rules sharing facts need not each build the same picture of a key; nil when the
    /// rule folds nothing worth sharing.
    func folded(key: String, facts: [Fact]) -> (any Sendable)?
    /// The findings for one key, from its facts and the fold of the rule that keeps them
    /// (`folded(key:facts:)`; nil, or of another kind, when it has none): the same findings
    /// as `findings(key:facts:calendar:)`.
    func findings(key: String, facts: [Fact], folded: (any Sendable)?, calendar: WorkCalendar) throws -> [Finding]
    /// Whether the rule's keys are judged once at the end of a catch-up instead of after
    /// every flush: for keys that gather a large share of the log (every bid in the
    /// market), whose judgement is costly and only needed once the log is read.
    var judgesAtEndOfCatchUp: Bool { get }
    /// Whether the rule keeps a tally of each key's facts (`tally(of:)`) that new facts can be
    /// judged against, so that a key with many facts is not read back whole for a few new ones.
    var keepsTally: Bool { get }
    /// Whether the rule's tally can add aggregated facts (`KeyedFact.aggregate`) as their stored
    /// rows add them; otherwise a key with new aggregated facts is judged from every fact.
    var tallyTakesAggregates: Bool { get }
    /// The tally of a key's facts (all of them, in chronological order), encoded; nil when
    /// the rule keeps none.
    func tally(of facts: [Fact]) -> [UInt8]?
    /// Adds a key's new facts to its stored tally and judges the key (`key`) from it, when the
    /// tally is enough to tell.
    ///
    /// - Returns: the key's findings (exactly those judging every fact would give) and the
    ///   new tally; nil when only every fact can tell (or the tally is damaged).
    func findings(key: String, adding facts: [Fact], toTally tally: UnsafeRawBufferPointer, calendar: WorkCalendar)
        -> (findings: TallyJudgement, tally: [UInt8])?
    /// Whether, in a catch-up from the start of the log, the rule's facts are held in memory
    /// until its end and its keys then judged from them and stored once (`HeldFacts`),
    /// rather than stored at every flush and read back: for rules judged at the end of a
    /// catch-up with many small keys whose events span many flushes (a tender's weeks).
    /// Only for rules whose facts are not aggregated.
    var holdsKeysThroughRebuild: Bool { get }
    /// Rules whose evaluators name the same shared facts keep the same facts under the same
    /// keys (the same `eventTypes`, the same `facts(for:calendar:)`, whatever their
    /// parameters): the engine collects and stores them once, under the first of those rules,
    /// and judges every one of them from them. Nil: the rule's facts are its own.
    var sharedFacts: String? { get }
    /// Whether the rule reads the payloads of the events it keeps from their bytes
    /// (`facts(for:dataBytes:calendar:)`): an event only such rules read is then collected
    /// without building a JSON tree of its `data`.
    var readsDataBytes: Bool { get }
    /// The facts `event` contributes, its payload read from `data`, the canonical bytes of
    /// its `data` object (`event.data` is empty); nil when only a tree of the payload tells
    /// (an escape: see `DataMembers`), and the engine then parses it for
    /// `facts(for:calendar:)`, which must give the same facts.
    func facts(for event: AuditEvent, dataBytes data: UnsafeRawBufferPointer, calendar: WorkCalendar) throws -> [KeyedFact]?
}

/// What a key's tally and its new facts tell of its findings.
enum TallyJudgement {
    case findings([Finding])
    /// The findings stored for the key stand as they are.
    case unchanged
    /// The findings stored for the key stand, and these join them.
    case added([Finding])
}

extension RuleEvaluator {
    var judgesAtEndOfCatchUp: Bool { false }
    func folded(key: String, facts: [Fact]) -> (any Sendable)? { nil }
    func findings(key: String, facts: [Fact], folded: (any Sendable)?, calendar: WorkCalendar) throws -> [Finding] {
        try findings(key: key, facts: facts, calendar: calendar)
    }
    var keepsTally: Bool { false }
    var tallyTakesAggregates: Bool { false }
    func tally(of facts: [Fact]) -> [UInt8]? { nil }
    func findings(key: String, adding facts: [Fact], toTally tally: UnsafeRawBufferPointer, calendar: WorkCalendar)
        -> (findings: TallyJudgement, tally: [UInt8])?
    { nil }
    var holdsKeysThroughRebuild: Bool { false }
    var sharedFacts: String? { nil }
    var readsDataBytes: Bool { false }
    func facts(for event: AuditEvent, dataBytes data: UnsafeRawBufferPointer, calendar: WorkCalendar) throws -> [KeyedFact]? { nil }

    /// A finding of this rule anchored on `anchor`.
    func finding(
        key: String, code: String, anchor: Fact, began: Instant, evidence: [Int64], level: FindingLevel? = nil,
        redFrom: Instant? = nil, due: Instant? = nil, details: [String: String] = [:]
    ) -> Finding {
        Finding(
            id: Finding.makeID(rule: rule.id, key: key, anchor: anchor, code: code), rule: rule.id, code: code,
            severity: rule.severity, subject: anchor.subject, dept: anchor.dept, actor: anchor.actor, began: began,
            redFrom: redFrom, level: level ?? rule.level, due: due, evidence: evidence, details: details)
    }

    /// The key text of `paths` in `event`, joined by U+001F; nil when any is absent.
    func key(_ paths: [FieldPath], in event: AuditEvent, calendar: WorkCalendar) throws -> String? {
        var parts: [String] = []
        for path in paths {
            guard let text = try path.keyTexts(in: event, calendar: calendar).first else { return nil }
            parts.append(text)
        }
        return parts.joined(separator: "\u{1F}")
    }
}

/// The types a set of filters can match, or nil when any of them is open.
func union(of filters: [Filter?]) -> Set<String>? {
    var types: Set<String> = []
    for filter in filters.compactMap({ $0 }) {
        guard let possible = filter.possibleTypes else { return nil }
        types.formUnion(possible)
    }
    return types
}
