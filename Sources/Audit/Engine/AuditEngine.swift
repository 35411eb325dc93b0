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
    /// Evaluator indexes for each event type (those that read every type included), and
    /// for types no rule names.
    private let byType: [String: [Int]]
    private let forEveryType: [Int]
    /// Events read between commits of the projections. Larger batches judge a key once for
    /// many of its events (most lifecycles end within one batch).
    let flushEvery: Int
    /// During a catch-up from the start of the log: fingerprints of the keys already stored,
    /// so that a key first seen in this batch is judged from the batch alone, without
    /// reading it back. A fingerprint shared by two keys only sends the second the slow way.
    private var storedKeys: Set<Int>?

    /// - Parameters:
    ///   - log: the event log.
    ///   - rules: the loaded rule set.
    ///   - projectionPath: where the projections live (default: the log's path + `.audit`).
    public convenience init(log: EventStore, rules: RuleSet, projectionPath: String? = nil) throws {
        try self.init(log: log, rules: rules, projectionPath: projectionPath, flushEvery: 100_000)
    }

    /// - Parameter flushEvery: events read between commits (tests make it small).
    init(log: EventStore, rules: RuleSet, projectionPath: String?, flushEvery: Int) throws {
        precondition(flushEvery > 0, "flushEvery must be positive")
        self.log = log
        self.rules = rules
        self.flushEvery = flushEvery
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
        // In rule order, as the facts of one event are collected.
        self.byType = byType.mapValues { ($0 + every).sorted() }
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
        defer { storedKeys = nil }
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
                try flush(&pending, position: lastSeq, maxAt: maxAt, final: false)
                progress?(seq, size)
            }
            return true
        }
        try flush(&pending, position: lastSeq, maxAt: maxAt, final: true)
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
        for finding in findings where finding.began <= instant {
            guard let rule = rulesByID[finding.rule] else { continue }
            let level = finding.level(at: instant)
            let state = try FindingState.resolve(
                finding, level: level, dispositions: byFinding[finding.id] ?? [], at: instant, ladder: rules.ladder, calendar: rules.calendar)
            audited.append(AuditedFinding(finding: finding, rule: rule, level: level, state: state))
        }
        audited.sort { a, b in
            if a.finding.began != b.finding.began { return a.finding.began < b.finding.began }
            if a.finding.rule != b.finding.rule { return a.finding.rule < b.finding.rule }
            return a.finding.id < b.finding.id
        }
        return AuditResult(asOf: instant, mode: mode, eventsRead: read, findings: audited, problems: problems)
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
        for index in byType[event.type] ?? forEveryType {
            for keyed in try rules.evaluators[index].facts(for: event, calendar: rules.calendar) {
                pending.facts.append((index, keyed))
            }
        }
    }

    /// One key's facts in a batch.
    private struct KeyBatch {
        var key: TouchedKey
        var facts: [Fact]
        /// Whether each fact adds to an aggregated one.
        var aggregated: [Bool]
        var anyAggregated: Bool
    }

    /// Stores pending facts, judges the keys they touched, and records the position.
    ///
    /// A key first seen in this catch-up from the start of the log is judged from the
    /// batch's facts at once. Any other key is judged from its stored facts, by the final
    /// flush of the catch-up: until then it is noted stale in the same transaction, so that a
    /// key whose facts run through many batches (a unit's look-ups, a budget line) is read
    /// back and judged once, not after every batch.
    private func flush(_ pending: inout Pending, position: Int64, maxAt: Int64, final: Bool) throws {
        let batch = pending
        pending = Pending()
        var slots: [TouchedKey: Int] = [:]
        var keys: [KeyBatch] = []
        for (rule, keyed) in batch.facts {
            let key = TouchedKey(rule: rule, key: keyed.key)
            if let slot = slots[key] {
                keys[slot].facts.append(keyed.fact)
                keys[slot].aggregated.append(keyed.aggregate)
                keys[slot].anyAggregated = keys[slot].anyAggregated || keyed.aggregate
            } else {
                slots[key] = keys.count
                keys.append(KeyBatch(key: key, facts: [keyed.fact], aggregated: [keyed.aggregate], anyAggregated: keyed.aggregate))
            }
        }
        // Stored in key order, the facts of one batch go to neighbouring pages.
        keys.sort { $0.key < $1.key }
        try projection.database.transaction { _ in
            var later: [TouchedKey] = []
            for entry in keys {
                let key = entry.key
                for (fact, aggregate) in zip(entry.facts, entry.aggregated) {
                    try projection.add(fact, rule: key.rule, key: key.key, aggregate: aggregate)
                }
                let fingerprint = key.hashValue
                if let stored = storedKeys, !entry.anyAggregated, !stored.contains(fingerprint) {
                    // New: nothing stored to replace, and its facts are all in hand.
                    switch try judge(key, facts: entry.facts.sorted(by: Fact.chronological)) {
                    case .findings(let findings): try projection.addFindings(rule: key.rule, key: key.key, findings)
                    case .problem(let message): try projection.setProblem(rule: key.rule, key: key.key, message: message)
                    }
                } else if final {
                    later.append(key)
                } else {
                    try projection.markStale(rule: key.rule, key: key.key)
                }
                storedKeys?.insert(fingerprint)
            }
            for disposition in batch.dispositions { try projection.add(disposition) }
            try projection.setMeta("position", String(position))
            if maxAt != Int64.min { try projection.setMeta("max_at", String(maxAt)) }
            if final {
                var seen = Set(later)
                for (rule, key) in try projection.staleKeys() where seen.insert(TouchedKey(rule: rule, key: key)).inserted {
                    later.append(TouchedKey(rule: rule, key: key))
                }
                for key in later.sorted() {
                    let facts = try projection.facts(rule: key.rule, key: key.key)
                    switch try judge(key, facts: facts) {
                    case .findings(let findings):
                        try projection.replaceFindings(rule: key.rule, key: key.key, with: findings)
                        try projection.setProblem(rule: key.rule, key: key.key, message: nil)
                    case .problem(let message):
                        // One case whose limit runs into a year the calendar lacks must not stop the audit.
                        try projection.replaceFindings(rule: key.rule, key: key.key, with: [])
                        try projection.setProblem(rule: key.rule, key: key.key, message: message)
                    }
                }
                try projection.clearStale()
            }
        }
    }

    /// What judging one key gave.
    private enum Judgement {
        case findings([Finding])
        /// Why it could not be judged (a calendar year missing).
        case problem(String)
    }

    private func judge(_ key: TouchedKey, facts: [Fact]) throws -> Judgement {
        do {
            return .findings(try rules.evaluators[key.rule].findings(key: key.key, facts: facts, calendar: rules.calendar))
        } catch let error as CalendarError {
            return .problem("\(rules.rules[key.rule].id): \(error)")
        }
    }

    private struct TouchedKey: Hashable, Comparable {
        var rule: Int
        var key: String

        static func < (a: TouchedKey, b: TouchedKey) -> Bool {
            a.rule != b.rule ? a.rule < b.rule : a.key < b.key
        }
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
            for index in byType[event.type] ?? forEveryType {
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
