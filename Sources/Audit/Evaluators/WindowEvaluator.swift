import EventLog

/// `window`: a count or a sum per group passes a threshold — non-open purchases per
/// budget item, category and fiscal year above the open-tender threshold (split purchases,
/// 政府采购法 art. 41 and 实施条例 art. 28).
///
/// `{"when": {"type": "procurement.awarded", "data.method": {"ne": "open_tender"}},
///   "group": ["dept", "data.budget_item", "data.category", "at.fiscal_year"],
///   "sum": "data.amount", "threshold": 2000000, "min_events": 2}`
struct WindowEvaluator: RuleEvaluator {
    let rule: Rule
    let when: Filter
    let group: [FieldPath]
    let sum: FieldPath?
    let threshold: Double
    let minimumEvents: Int
    let eventTypes: Set<String>?

    init(rule: Rule) throws {
        self.rule = rule
        var params = ParamReader(rule)
        when = try params.requiredFilter("when")
        guard let group = try params.fields("group"), !group.isEmpty else { throw params.fail("group", "required") }
        self.group = group
        sum = try params.field("sum")
        let counts = params.has("count")
        if counts == (sum != nil) { throw params.fail("sum", "give either sum (a field) or count: true") }
        guard let threshold = try params.number("threshold") else { throw params.fail("threshold", "required") }
        self.threshold = threshold
        minimumEvents = try params.integer("min_events", in: 1 ... 1_000_000) ?? 1
        try params.finish()
        eventTypes = when.possibleTypes
    }

    func facts(for event: AuditEvent, calendar: WorkCalendar) throws -> [KeyedFact] {
        guard try when.matches(event, calendar: calendar), let key = try key(group, in: event, calendar: calendar) else { return [] }
        let amount = try sum.map { try $0.keyTexts(in: event, calendar: calendar).first ?? "0" } ?? "1"
        return [KeyedFact(key: key, fact: Fact(event, role: 0, values: [amount]))]
    }

    func findings(key: String, facts: [Fact], calendar: WorkCalendar) throws -> [Finding] {
        var total = 0.0
        for (index, fact) in facts.enumerated() {
            total += Double(fact.values.first ?? "0") ?? 0
            guard total > threshold, index + 1 >= minimumEvents else { continue }
            let grandTotal = facts.reduce(0.0) { $0 + (Double($1.values.first ?? "0") ?? 0) }
            var details = ["total": format3(grandTotal), "threshold": format3(threshold), "count": String(facts.count)]
            for (path, part) in zip(group, key.split(separator: "\u{1F}", omittingEmptySubsequences: false)) {
                details[path.description] = String(part)
            }
            return [finding(key: key, code: "threshold_passed", anchor: fact, began: fact.at, evidence: facts.map(\.seq), details: details)]
        }
        return []
    }
}
