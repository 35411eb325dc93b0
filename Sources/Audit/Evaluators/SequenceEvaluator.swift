import EventLog

/// `sequence`: a forbidden pattern — `then` follows `first` for the same key, with the
/// `same` fields equal (or `different` fields unequal), within a window.
///
/// The same person submitting and approving; a case closed then reopened within 30
/// days; an officer revoking their own penalty.
/// `{"first": {"type": "payment.requested"}, "then": {"type": "payment.approved"}, "same": ["actor"]}`
struct SequenceEvaluator: RuleEvaluator {
    let rule: Rule
    let key: FieldPath
    let first: Filter
    let then: Filter
    let same: [FieldPath]
    let different: [FieldPath]
    let withinMilliseconds: Int64?
    let eventTypes: Set<String>?

    init(rule: Rule) throws {
        self.rule = rule
        var params = ParamReader(rule)
        key = try params.field("key") ?? FieldPath("subject").unsafelyUnwrappedPath
        first = try params.requiredFilter("first")
        then = try params.requiredFilter("then")
        same = try params.fields("same") ?? []
        different = try params.fields("different") ?? []
        if let days = try params.number("within_days") {
            withinMilliseconds = Int64(days * 86_400_000)
        } else if let hours = try params.number("within_hours") {
            withinMilliseconds = Int64(hours * 3_600_000)
        } else {
            withinMilliseconds = nil
        }
        try params.finish()
        eventTypes = union(of: [first, then])
    }

    func facts(for event: AuditEvent, calendar: WorkCalendar) throws -> [KeyedFact] {
        let isFirst = try first.matches(event, calendar: calendar)
        let isThen = try then.matches(event, calendar: calendar)
        guard isFirst || isThen, let key = try key.keyTexts(in: event, calendar: calendar).first else { return [] }
        let values = try (same + different).map { try $0.keyTexts(in: event, calendar: calendar).first ?? "\u{0}" }
        // Role bits: 1 = first, 2 = then (an event may be both).
        return [KeyedFact(key: key, fact: Fact(event, role: (isFirst ? 1 : 0) | (isThen ? 2 : 0), values: values))]
    }

    func findings(key: String, facts: [Fact], calendar: WorkCalendar) throws -> [Finding] {
        var findings: [Finding] = []
        for (index, later) in facts.enumerated() where later.role & 2 != 0 {
            // The latest earlier `first` that pairs with it.
            let match = facts[..<index].last { earlier in
                guard earlier.role & 1 != 0, earlier.seq != later.seq else { return false }
                if let window = withinMilliseconds, later.at.millisecondsSinceEpoch - earlier.at.millisecondsSinceEpoch > window { return false }
                for offset in same.indices where earlier.values[offset] != later.values[offset] || earlier.values[offset] == "\u{0}" {
                    return false
                }
                for offset in different.indices where earlier.values[same.count + offset] == later.values[same.count + offset] {
                    return false
                }
                return true
            }
            guard let match else { continue }
            var details = ["first_at": DeadlineEvaluator.local(match.at, calendar), "then_at": DeadlineEvaluator.local(later.at, calendar)]
            for (offset, path) in same.enumerated() { details[path.description] = later.values[offset] }
            findings.append(finding(
                key: key, code: "sequence", anchor: later, began: later.at, evidence: [match.seq, later.seq], details: details))
        }
        return findings
    }
}
