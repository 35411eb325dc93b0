import EventLog

/// `join`: an event matches a registry fact whose dates make it wrong — a subsidy paid
/// for a period after the recipient's death; a subsidy paid to an official or a relative.
///
/// Dates are compared, not flags: a payment for September to someone who died on
/// 14 September is not flagged, one for October is.
/// `{"when": {"type": "subsidy.paid"}, "when_key": "data.recipient",
///   "registry": {"type": "registry.person_died"}, "registry_key": "subject",
///   "compare": {"when": "data.period", "op": "after", "registry": "data.date"}}`
/// Dates may be `YYYY-MM` (its first day), `YYYY-MM-DD`, or an RFC 3339 instant (its local date).
struct JoinEvaluator: RuleEvaluator {
    enum Operator: String { case after, on_or_after, before, on_or_before }

    let rule: Rule
    let when: Filter
    let whenKey: FieldPath
    let registry: Filter
    let registryKey: FieldPath
    let compare: (when: FieldPath, op: Operator, registry: FieldPath)?
    let eventTypes: Set<String>?

    init(rule: Rule) throws {
        self.rule = rule
        var params = ParamReader(rule)
        when = try params.requiredFilter("when")
        registry = try params.requiredFilter("registry")
        guard let whenKey = try params.field("when_key") else { throw params.fail("when_key", "required") }
        guard let registryKey = try params.field("registry_key") else { throw params.fail("registry_key", "required") }
        self.whenKey = whenKey
        self.registryKey = registryKey
        if var comparison = try params.nested("compare") {
            guard let whenField = try comparison.field("when"), let registryField = try comparison.field("registry") else {
                throw comparison.fail("when", "compare needs when and registry fields")
            }
            let opText = try comparison.string("op") ?? "after"
            guard let op = Operator(rawValue: opText) else { throw comparison.fail("op", "expected after, on_or_after, before or on_or_before") }
            try comparison.finish()
            compare = (whenField, op, registryField)
        } else {
            compare = nil
        }
        try params.finish()
        eventTypes = union(of: [when, registry])
    }

    func facts(for event: AuditEvent, calendar: WorkCalendar) throws -> [KeyedFact] {
        var facts: [KeyedFact] = []
        if try registry.matches(event, calendar: calendar) {
            let date = try compare.map { try Self.date($0.registry, event, calendar) } ?? ""
            for key in Set(try registryKey.keyTexts(in: event, calendar: calendar)) {
                facts.append(KeyedFact(key: key, fact: Fact(event, role: 0, values: [date])))
            }
        }
        if try when.matches(event, calendar: calendar), let key = try whenKey.keyTexts(in: event, calendar: calendar).first {
            let date = try compare.map { try Self.date($0.when, event, calendar) } ?? ""
            facts.append(KeyedFact(key: key, fact: Fact(event, role: 1, values: [date])))
        }
        return facts
    }

    func findings(key: String, facts: [Fact], calendar: WorkCalendar) throws -> [Finding] {
        let registryFacts = facts.filter { $0.role == 0 }
        guard !registryFacts.isEmpty else { return [] }
        return facts.filter { $0.role == 1 }.compactMap { fact in
            let match = registryFacts.first { entry in
                guard let compare else { return entry.seq != fact.seq }
                let a = fact.values.first ?? ""
                let b = entry.values.first ?? ""
                guard !a.isEmpty, !b.isEmpty else { return false }
                switch compare.op {
                case .after: return a > b
                case .on_or_after: return a >= b
                case .before: return a < b
                case .on_or_before: return a <= b
                }
            }
            guard let match else { return nil }
            var details = ["key": key, "registry_subject": match.subject]
            if compare != nil {
                details["when_date"] = fact.values.first ?? ""
                details["registry_date"] = match.values.first ?? ""
            }
            return finding(
                key: key, code: "registry_conflict", anchor: fact, began: max(fact.at, match.at), evidence: [match.seq, fact.seq],
                details: details)
        }
    }

    /// A field as a `YYYY-MM-DD` date (ISO dates order as text).
    static func date(_ path: FieldPath, _ event: AuditEvent, _ calendar: WorkCalendar) throws -> String {
        if path.isInstant { return calendar.localDate(of: path.root == .at ? event.at : event.recorded).description }
        guard let text = try path.keyTexts(in: event, calendar: calendar).first else { return "" }
        if CalendarDate(iso: text) != nil { return text }
        if text.count == 7, CalendarDate(iso: text + "-01") != nil { return text + "-01" }
        if let instant = Instant(rfc3339: text) { return calendar.localDate(of: instant).description }
        return ""
    }
}
