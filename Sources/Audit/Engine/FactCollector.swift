/// Hands each event to the rules that read its type and gathers the facts they keep.
struct FactCollector: Sendable {
    let rules: RuleSet
    /// Evaluator indexes for each event type named by some rule (those that read every
    /// type included), in rule order.
    private let byType: [String: [Int]]
    /// Evaluator indexes for the other types.
    private let forEveryType: [Int]

    init(rules: RuleSet) {
        self.rules = rules
        var byType: [String: [Int]] = [:]
        var every: [Int] = []
        for (index, evaluator) in rules.evaluators.enumerated() {
            if let types = evaluator.eventTypes {
                for type in types { byType[type, default: []].append(index) }
            } else {
                every.append(index)
            }
        }
        self.byType = byType.mapValues { ($0 + every).sorted() }
        forEveryType = every
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
