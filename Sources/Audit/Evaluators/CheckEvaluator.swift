import EventLog

/// `check`: an event's own fields fail a condition — a rejection without a legal reason,
/// an amount just under a tender threshold, a look-up at 02:30.
///
/// `{"when": {"type": "application.rejected"}, "violation": {"data.reason": {"exists": false}}}`;
/// `show` names fields whose values the finding carries for the inspector.
struct CheckEvaluator: RuleEvaluator {
    let rule: Rule
    let when: Filter
    let violation: Filter
    let show: [FieldPath]
    let eventTypes: Set<String>?

    init(rule: Rule) throws {
        self.rule = rule
        var params = ParamReader(rule)
        when = try params.requiredFilter("when")
        violation = try params.requiredFilter("violation")
        show = try params.fields("show") ?? []
        try params.finish()
        eventTypes = when.possibleTypes
    }

    func facts(for event: AuditEvent, calendar: WorkCalendar) throws -> [KeyedFact] {
        guard try when.matches(event, calendar: calendar), try violation.matches(event, calendar: calendar) else { return [] }
        let values = try show.map { try $0.keyTexts(in: event, calendar: calendar).first ?? "" }
        return [KeyedFact(key: event.subject, fact: Fact(event, role: 0, values: values))]
    }

    func findings(key: String, facts: [Fact], calendar: WorkCalendar) throws -> [Finding] {
        facts.map { fact in
            var details = ["at": DeadlineEvaluator.local(fact.at, calendar)]
            for (path, value) in zip(show, fact.values) { details[path.description] = value }
            return finding(key: key, code: "violation", anchor: fact, began: fact.at, evidence: [fact.seq], details: details)
        }
    }
}
