/// The facts of a run of events, grouped by rule and key in key order, ready to store: what
/// the projections take in one commit.
struct FactBatch: Sendable {
    /// One key's new facts.
    struct Entry: Sendable {
        var key: RuleKey
        /// In the order the events gave them.
        var facts: [Fact] = []
        /// Facts that add to an aggregated one (see `KeyedFact.aggregate`).
        var aggregated: [Fact] = []
        /// For a key first seen in a catch-up from the start of the log: its judgement from
        /// these facts, which are all it has. Nil: judge it from the stored facts.
        var judged: KeyJudgement?
    }

    /// In `RuleKey` order.
    var entries: [Entry] = []
    var dispositions: [Disposition] = []
    /// Events read.
    var events = 0
    /// The seq of the last event read, and the latest `at` of all read so far.
    var position: Int64
    var maxAt: Int64
    /// Whether it ends the catch-up: the keys noted stale are judged with it.
    var isFinal = false
}
