public import EventLog
import SQLite

/// One finding as an audit reports it at an instant: its card, its state, its rule.
public struct AuditedFinding: Sendable {
    public let finding: Finding
    public let rule: Rule
    public let level: FindingLevel
    public let state: FindingState
}

/// The outcome of `AuditEngine.audit(asOf:)`.
public struct AuditResult: Sendable {
    public enum Mode: String, Sendable {
        /// From the stored projections (the as-of instant is after every event).
        case projection
        /// Replayed in memory over the events that happened up to the as-of instant.
        case replay
    }

    public let asOf: Instant
    public let mode: Mode
    /// Events newly read from the log to bring the projections up to date.
    public let eventsRead: Int
    /// In a fixed order: when each began, then rule, then id.
    public let findings: [AuditedFinding]
    /// Why some keys could not be judged (e.g. a due date in a year the calendar lacks), with how many keys.
    public let problems: [(message: String, keys: Int)]
}

/// Turns the log into findings: keeps the projections caught up, and judges as of an instant.
///
/// An audit as of T covers the events that happened (`at`) up to T, so the same log and
/// the same T give the same findings. When T is after every event in the log — the usual
/// case, "now" — the stored projections answer and only events new since the last audit
/// are read. Otherwise the events up to T are replayed in memory by the same evaluators.
///
/// Not `Sendable`: it owns connections.
public final class AuditEngine {
    public let log: EventStore
    public let rules: RuleSet
    let projection: ProjectionStore
    /// Evaluator indexes by event type, and those that read every type.
    private let byType: [String: [Int]]
    private let forEveryType: [Int]
    /// Events read between commits of the projections. Larger batches judge a key once for
    /// many of its events (most lifecycles end within one batch). Tests set it lower.
    var flushEvery = 100_000
    /// During a catch-up from the start of the log: the keys already stored, so that a key
    /// first seen in this batch is judged from the batch alone, without reading it back.
    private var storedKeys: Set<TouchedKey>?
    /// Keys of evaluators that judge at the end of a catch-up, touched since it began.
    private var deferredKeys: Set<TouchedKey> = []

    /// - Parameters:
    ///   - log: the event log.
    ///   - rules: the loaded rule set.
    ///   - projectionPath: where the projections live (default: the log's path + `.audit`).
    public init(log: EventStore, rules: RuleSet, projectionPath: String? = nil) throws {
        self.log = log
        self.rules = rules
        projection = try ProjectionStore(path: projectionPath ?? log.path + ".audit")
        var byType: [String: [Int]] = [:]
        var every: [Int] = []
        for (index, evaluator) in rules.evaluators.enumerated() {
            if let types = evaluator.eventTypes {
                for type in types { byType[type, default: []].append(index) }
            } else {
                every.append(index)
            }
        }
        self.byType = byType
        forEveryType = every
        if try projection.meta("fingerprint") != rules.fingerprint || projection.meta("log_id") != log.logID {
            try projection.reset()
            try projection.setMeta("fingerprint", rules.fingerprint)
            try projection.setMeta("log_id", log.logID)
        }
    }

    /// Discards the projections; the next catch-up replays the whole log.
    public func rebuild(progress: ((Int64, Int64) -> Void)? = nil) throws -> Int {
        try projection.reset()
        try projection.setMeta("fingerprint", rules.fingerprint)
        try projection.setMeta("log_id", log.logID)
        return try catchUp(progress: progress)
    }

    /// Reads the events appended since the last catch-up into the projections.
    ///
    /// - Returns: how many events were read.
    @discardableResult
    public func catchUp(progress: ((Int64, Int64) -> Void)? = nil) throws -> Int {
        let position = Int64(try projection.meta("position") ?? "0") ?? 0
        var maxAt = Int64(try projection.meta("max_at") ?? "") ?? Int64.min
        let size = try log.head().size
        storedKeys = position == 0 ? [] : nil
        deferredKeys = try storedDeferredKeys()
        defer {
            storedKeys = nil
            deferredKeys = []
        }
        var pending = Pending()
        var read = 0
        var lastSeq = position
        try log.forEachBody(from: position + 1) { seq, body in
            let event = try AuditEvent(body: body)
            try collect(event, into: &pending)
            maxAt = max(maxAt, event.at.millisecondsSinceEpoch)
            read += 1
            lastSeq = seq
            if pending.events >= flushEvery {
                try flush(&pending, position: lastSeq, maxAt: maxAt)
                progress?(seq, size)
            }
            return true
        }
        try flush(&pending, position: lastSeq, maxAt: maxAt, last: true)
        return read
    }

    /// The findings as of `instant`.
    public func audit(asOf instant: Instant, progress: ((Int64, Int64) -> Void)? = nil) throws -> AuditResult {
        let read = try catchUp(progress: progress)
        let maxAt = Int64(try projection.meta("max_at") ?? "") ?? Int64.min
        let findings: [Finding]
        let dispositions: [Disposition]
        let mode: AuditResult.Mode
        let problems: [(message: String, keys: Int)]
        if instant.millisecondsSinceEpoch >= maxAt {
            findings = try projection.findings(visibleAt: instant)
            dispositions = try projection.allDispositions()
            problems = try projection.problems()
            mode = .projection
        } else {
            (findings, dispositions, problems) = try replay(upTo: instant)
            mode = .replay
        }
        var byFinding: [String: [Disposition]] = [:]
        for disposition in dispositions { byFinding[disposition.finding, default: []].append(disposition) }
        let rulesByID = Dictionary(uniqueKeysWithValues: rules.rules.map { ($0.id, $0) })
        var audited: [AuditedFinding] = []
        var unladdered: [String: Int] = [:]
        for finding in findings where finding.began <= instant {
            guard let rule = rulesByID[finding.rule] else { continue }
            let level = finding.level(at: instant)
            let state: FindingState
            do {
                state = try FindingState.resolve(
                    finding, level: level, dispositions: byFinding[finding.id] ?? [], at: instant, ladder: rules.ladder, calendar: rules.calendar)
            } catch let error as CalendarError {
                // A finding the ladder cannot place (its wait crosses a year the calendar lacks)
                // is still reported, without an escalation step.
                unladdered["escalation: \(error)", default: 0] += 1
                state = try FindingState.resolve(
                    finding, level: level, dispositions: byFinding[finding.id] ?? [], at: instant, ladder: EscalationLadder(steps: []),
                    calendar: rules.calendar)
            }
            audited.append(AuditedFinding(finding: finding, rule: rule, level: level, state: state))
        }
        audited.sort { a, b in
            if a.finding.began != b.finding.began { return a.finding.began < b.finding.began }
            if a.finding.rule != b.finding.rule { return a.finding.rule < b.finding.rule }
            return a.finding.id < b.finding.id
        }
        let allProblems = problems + unladdered.sorted { $0.key < $1.key }.map { (message: $0.key, keys: $0.value) }
        return AuditResult(asOf: instant, mode: mode, eventsRead: read, findings: audited, problems: allProblems)
    }

    /// Whether a finding with this id exists in the projections.
    public func findingExists(_ id: String) throws -> Bool {
        try !projection.database.prepare("SELECT 1 FROM findings WHERE id = ?").query([.text(id)]) { $0.int64(at: 0) }.isEmpty
    }

    // MARK: - Folding events

    /// Facts and dispositions read but not yet stored.
    private struct Pending {
        var facts: [(rule: Int, keyed: KeyedFact)] = []
        var dispositions: [Disposition] = []
        var events = 0
    }

    private func collect(_ event: AuditEvent, into pending: inout Pending) throws {
        pending.events += 1
        if let disposition = Disposition(event) { pending.dispositions.append(disposition) }
        for index in (byType[event.type] ?? []) + forEveryType {
            for keyed in try rules.evaluators[index].facts(for: event, calendar: rules.calendar) {
                pending.facts.append((index, keyed))
            }
        }
    }

    /// Stores pending facts, re-judges every key they touched, and records the position.
    ///
    /// Keys of evaluators that judge at the end of a catch-up wait for the `last` flush.
    private func flush(_ pending: inout Pending, position: Int64, maxAt: Int64, last: Bool = false) throws {
        let facts = pending.facts
        let dispositions = pending.dispositions
        pending = Pending()
        try projection.database.transaction { _ in
            var touched: [TouchedKey: [Fact]] = [:]
            var aggregated: Set<TouchedKey> = []
            for (rule, keyed) in facts {
                try projection.add(keyed.fact, rule: rule, key: keyed.key, aggregate: keyed.aggregate)
                let key = TouchedKey(rule: rule, key: keyed.key)
                touched[key, default: []].append(keyed.fact)
                if keyed.aggregate { aggregated.insert(key) }
            }
            var judged: [TouchedKey] = []
            for key in touched.keys {
                if rules.evaluators[key.rule].judgesAtEndOfCatchUp {
                    deferredKeys.insert(key)
                    storedKeys?.insert(key)
                } else {
                    judged.append(key)
                }
            }
            if last {
                judged += deferredKeys
                deferredKeys = []
            }
            // Kept with the position, so that keys left unjudged by a process that dies
            // before its last flush are judged by the next catch-up.
            // In no particular order: it is read back into a set, so sorting every deferred key of
            // a long catch-up (200,000 at 100,000 tenders) at every flush would be wasted work.
            try projection.setMeta("deferred_keys", deferredKeys.map { "\($0.rule)\u{1E}\($0.key)" }.joined(separator: "\u{1D}"))
            for key in judged.sorted(by: { $0.rule != $1.rule ? $0.rule < $1.rule : $0.key < $1.key }) {
                let facts: [Fact]
                if !rules.evaluators[key.rule].judgesAtEndOfCatchUp, let stored = storedKeys, !stored.contains(key), !aggregated.contains(key), let batch = touched[key] {
                    // New in this batch: its facts are the batch's, already in hand.
                    facts = batch.sorted(by: Fact.chronological)
                    storedKeys?.insert(key)
                } else {
                    facts = try projection.facts(rule: key.rule, key: key.key)
                    storedKeys?.insert(key)
                }
                do {
                    let findings = try rules.evaluators[key.rule].findings(key: key.key, facts: facts, calendar: rules.calendar)
                    try projection.replaceFindings(rule: key.rule, key: key.key, with: findings)
                    try projection.setProblem(rule: key.rule, key: key.key, message: nil)
                } catch let error as CalendarError {
                    // One case whose limit runs into a year the calendar lacks must not stop the audit.
                    try projection.replaceFindings(rule: key.rule, key: key.key, with: [])
                    try projection.setProblem(rule: key.rule, key: key.key, message: "\(rules.rules[key.rule].id): \(error)")
                }
            }
            for disposition in dispositions { try projection.add(disposition) }
            try projection.setMeta("position", String(position))
            if maxAt != Int64.min { try projection.setMeta("max_at", String(maxAt)) }
        }
    }

    private func storedDeferredKeys() throws -> Set<TouchedKey> {
        guard let text = try projection.meta("deferred_keys"), !text.isEmpty else { return [] }
        return Set(
            text.split(separator: "\u{1D}").compactMap { entry in
                let parts = entry.split(separator: "\u{1E}", maxSplits: 1, omittingEmptySubsequences: false)
                guard parts.count == 2, let rule = Int(parts[0]), rule < rules.evaluators.count else { return nil }
                return TouchedKey(rule: rule, key: String(parts[1]))
            })
    }

    private struct TouchedKey: Hashable {
        var rule: Int
        var key: String
    }

    /// Judges the events that happened up to `instant` without the projections.
    private func replay(upTo instant: Instant) throws -> ([Finding], [Disposition], [(message: String, keys: Int)]) {
        var facts: [TouchedKey: [Fact]] = [:]
        var aggregates: [TouchedKey: [String: Int]] = [:]
        var dispositions: [Disposition] = []
        try log.forEachBody { _, body in
            let event = try AuditEvent(body: body)
            guard event.at <= instant else { return true }
            if let disposition = Disposition(event) { dispositions.append(disposition) }
            for index in (byType[event.type] ?? []) + forEveryType {
                for keyed in try rules.evaluators[index].facts(for: event, calendar: rules.calendar) {
                    let key = TouchedKey(rule: index, key: keyed.key)
                    if keyed.aggregate {
                        var fact = keyed.fact
                        fact.seq = ProjectionStore.aggregateSeq(fact.values)
                        let identity = "\(fact.role)\u{1F}" + fact.values.joined(separator: "\u{1F}")
                        if let position = aggregates[key]?[identity], var list = facts[key] {
                            list[position].count += fact.count
                            list[position].at = max(list[position].at, fact.at)
                            facts[key] = list
                        } else {
                            aggregates[key, default: [:]][identity] = facts[key]?.count ?? 0
                            facts[key, default: []].append(fact)
                        }
                    } else {
                        facts[key, default: []].append(keyed.fact)
                    }
                }
            }
            return true
        }
        var findings: [Finding] = []
        var problems: [String: Int] = [:]
        for (key, list) in facts {
            do {
                findings += try rules.evaluators[key.rule].findings(key: key.key, facts: list.sorted(by: Fact.chronological), calendar: rules.calendar)
            } catch let error as CalendarError {
                problems["\(rules.rules[key.rule].id): \(error)", default: 0] += 1
            }
        }
        return (findings, dispositions, problems.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    }
}
