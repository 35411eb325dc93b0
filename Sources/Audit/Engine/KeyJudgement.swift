/// What judging one key gave: its findings, or why it could not be judged.
enum KeyJudgement: Sendable {
    case findings([Finding])
    /// Why not, naming the rule (a due date in a year the calendar lacks): one such key
    /// must not stop the audit.
    case problem(String)

    /// Judges a key of a rule from its facts in chronological order, and their fold by the
    /// rule that keeps them (`RuleEvaluator.folded(key:facts:)`).
    ///
    /// - Throws: whatever the evaluator throws other than `CalendarError`.
    init(_ key: RuleKey, facts: [Fact], folded: (any Sendable)? = nil, rules: RuleSet) throws {
        do {
            self = .findings(try rules.evaluators[key.rule].findings(key: key.key, facts: facts, folded: folded, calendar: rules.calendar))
        } catch let error as CalendarError {
            self = .problem("\(rules.rules[key.rule].id): \(error)")
        }
    }
}
