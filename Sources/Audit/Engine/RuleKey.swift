/// One key of one rule (by its index in the rule set): the unit the engine judges.
struct RuleKey: Hashable, Comparable, Sendable {
    var rule: Int
    var key: String

    /// Rule order, then the key's text.
    static func < (a: RuleKey, b: RuleKey) -> Bool {
        a.rule != b.rule ? a.rule < b.rule : a.key < b.key
    }
}
