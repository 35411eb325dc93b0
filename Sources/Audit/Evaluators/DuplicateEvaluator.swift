import EventLog

/// `duplicate`: two events share a key — the same act fined twice, the same benefit
/// paid twice for one period.
///
/// `{"when": {"type": "subsidy.paid"}, "key": ["data.recipient", "data.scheme", "data.period"], "distinct": "subject"}`:
/// events count as repeats when their `distinct` field differs (two payments, not one re-sent).
struct DuplicateEvaluator: RuleEvaluator {
    let rule: Rule
    let when: Filter
    let keyFields: [FieldPath]
    let distinct: FieldPath
    let eventTypes: Set<String>?

    init(rule: Rule) throws {
        self.rule = rule
        var params = ParamReader(rule)
        when = try params.requiredFilter("when")
        guard let keyFields = try params.fields("key"), !keyFields.isEmpty else { throw params.fail("key", "required: the fields that must not repeat") }
        self.keyFields = keyFields
        distinct = try params.field("distinct") ?? FieldPath("subject").unsafelyUnwrappedPath
        try params.finish()
        eventTypes = when.possibleTypes
    }

    func facts(for event: AuditEvent, calendar: WorkCalendar) throws -> [KeyedFact] {
        guard try when.matches(event, calendar: calendar), let key = try key(keyFields, in: event, calendar: calendar) else { return [] }
        let distinctValue = try distinct.keyTexts(in: event, calendar: calendar).first ?? ""
        return [KeyedFact(key: key, fact: Fact(event, role: 0, values: [distinctValue]))]
    }

    func findings(key: String, facts: [Fact], calendar: WorkCalendar) throws -> [Finding] {
        var seen: Set<String> = []
        var repeats: [Fact] = []
        for fact in facts {
            let value = fact.values.first ?? ""
            if seen.contains(value) { continue }
            seen.insert(value)
            repeats.append(fact)
        }
        guard repeats.count >= 2 else { return [] }
        let second = repeats[1]
        var details = ["count": String(repeats.count)]
        for (path, part) in zip(keyFields, key.split(separator: "\u{1F}", omittingEmptySubsequences: false)) {
            details[path.description] = String(part)
        }
        return [finding(key: key, code: "duplicate", anchor: second, began: second.at, evidence: repeats.map(\.seq), details: details)]
    }
}
