import EventLog

/// `requires`: an event lacks a matching earlier (or nearby) event — a permit issued
/// with no exam passed; 三重一大 spending with no collective decision before it.
///
/// `{"when": {"type": "permit.issued"}, "when_key": "data.holder",
///   "requires": {"type": "prerequisite.passed"}, "requires_key": "data.holder", "grace_hours": 0}`
/// A `requires_key` ending in `[]` matches any element of a list (`data.items[]`).
struct RequiresEvaluator: RuleEvaluator {
    let rule: Rule
    let when: Filter
    let whenKey: FieldPath
    let requires: Filter
    let requiresKey: FieldPath
    let graceMilliseconds: Int64
    let eventTypes: Set<String>?

    init(rule: Rule) throws {
        self.rule = rule
        var params = ParamReader(rule)
        when = try params.requiredFilter("when")
        requires = try params.requiredFilter("requires")
        guard let whenKey = try params.field("when_key") else { throw params.fail("when_key", "required") }
        guard let requiresKey = try params.field("requires_key") else { throw params.fail("requires_key", "required") }
        self.whenKey = whenKey
        self.requiresKey = requiresKey
        graceMilliseconds = Int64((try params.number("grace_hours") ?? 0) * 3_600_000)
        try params.finish()
        eventTypes = union(of: [when, requires])
    }

    func facts(for event: AuditEvent, calendar: WorkCalendar) throws -> [KeyedFact] {
        var facts: [KeyedFact] = []
        if try requires.matches(event, calendar: calendar) {
            for key in Set(try requiresKey.keyTexts(in: event, calendar: calendar)) {
                facts.append(KeyedFact(key: key, fact: Fact(event, role: 0)))
            }
        }
        if try when.matches(event, calendar: calendar), let key = try whenKey.keyTexts(in: event, calendar: calendar).first {
            facts.append(KeyedFact(key: key, fact: Fact(event, role: 1)))
        }
        return facts
    }

    func findings(key: String, facts: [Fact], calendar: WorkCalendar) throws -> [Finding] {
        let required = facts.filter { $0.role == 0 }
        return facts.filter { $0.role == 1 }.compactMap { fact in
            let deadline = fact.at.advanced(by: graceMilliseconds)
            if required.contains(where: { $0.at <= deadline && $0.seq != fact.seq }) { return nil }
            return finding(
                key: key, code: "missing_prerequisite", anchor: fact, began: deadline, evidence: [fact.seq],
                details: ["key": key, "at": DeadlineEvaluator.local(fact.at, calendar)])
        }
    }
}
