/// Hands each event to the rules that read its type and gathers the facts they keep.
struct FactCollector: Sendable {
    let rules: RuleSet
    /// Evaluator indexes for each event type named by some rule (those that read every
    /// type included), in rule order.
    private let byType: [String: [Int]]
    /// Evaluator indexes for the other types.
    private let forEveryType: [Int]
    /// For each rule (by index), the rules judged from its keys' facts: itself and the later
    /// rules that share its facts (`RuleEvaluator.sharedFacts`); none for a rule whose facts
    /// an earlier rule keeps.
    let judgedTogether: [[Int]]

    init(rules: RuleSet) {
        self.rules = rules
        var together = Array(repeating: [Int](), count: rules.evaluators.count)
        var keeper: [String: Int] = [:]
        for (index, evaluator) in rules.evaluators.enumerated() {
            if let shared = evaluator.sharedFacts, let first = keeper[shared] {
                together[first].append(index)
            } else {
                if let shared = evaluator.sharedFacts { keeper[shared] = index }
                together[index] = [index]
            }
        }
        judgedTogether = together
        var byType: [String: [Int]] = [:]
        var every: [Int] = []
        for (index, evaluator) in rules.evaluators.enumerated() where !together[index].isEmpty {
            if let types = evaluator.eventTypes {
                for type in types { byType[type, default: []].append(index) }
            } else {
                every.append(index)
            }
        }
        self.byType = byType.mapValues { ($0 + every).sorted() }
        forEveryType = every
        readFromBytes = Set(
            self.byType.filter { type, indexes in
                Disposition.Action(eventType: type) == nil && indexes.allSatisfy { rules.evaluators[$0].readsDataBytes }
            }.keys)
    }

    /// The event types whose every rule reads their payloads from bytes
    /// (`RuleEvaluator.readsDataBytes`); dispositions are not among them (the engine reads
    /// their payloads itself).
    private let readFromBytes: Set<String>

    /// Whether the facts of an event of `type` can be collected from its payload's bytes.
    func readsDataBytes(of type: String) -> Bool {
        readFromBytes.contains(type)
    }

    /// Judges a key from its facts in chronological order, for its rule and the rules that
    /// share its facts, these from the facts folded once (`RuleEvaluator.folded(key:facts:)`).
    ///
    /// - Throws: whatever the evaluators throw other than `CalendarError`.
    func judgements(_ key: RuleKey, facts: [Fact]) throws -> [(key: RuleKey, judgement: KeyJudgement)] {
        let together = judgedTogether[key.rule]
        let folded = together.count > 1 ? rules.evaluators[key.rule].folded(key: key.key, facts: facts) : nil
        return try together.map { rule in
            let each = RuleKey(rule: rule, key: key.key)
            return (each, try KeyJudgement(each, facts: facts, folded: folded, rules: rules))
        }
    }

    /// Appends the facts `event` gives each rule, in rule order, its payload read from
    /// `data` (the canonical bytes of its `data` object; see `readsDataBytes(of:)`).
    ///
    /// - Returns: false, with nothing appended, when some rule needs a tree of the payload.
    /// - Throws: whatever the evaluators throw.
    func collect(_ event: AuditEvent, dataBytes data: UnsafeRawBufferPointer, into facts: inout [(rule: Int, keyed: KeyedFact)]) throws
        -> Bool
    {
        let start = facts.count
        for index in byType[event.type] ?? forEveryType {
            guard let kept = try rules.evaluators[index].facts(for: event, dataBytes: data, calendar: rules.calendar) else {
                facts.removeSubrange(start...)
                return false
            }
            for keyed in kept { facts.append((index, keyed)) }
        }
        return true
    }

    /// Appends the facts `event` gives each rule, in rule order.
    ///
    /// - Throws: `CalendarError` from a filter on `at.workday`.
    func collect(_ event: AuditEvent, into facts: inout [(rule: Int, keyed: KeyedFact)]) throws {
        for index in byType[event.type] ?? forEveryType {
            for keyed in try rules.evaluators[index].facts(for: event, calendar: rules.calendar) {
                facts.append((index, keyed))
            }
        }
    }
}
