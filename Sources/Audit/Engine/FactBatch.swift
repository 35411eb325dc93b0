import EventLog

/// The facts of a run of events, grouped by rule and key in key order and encoded as the
/// projections store them: what the engine writes in one commit. Everything is encoded
/// already, so that the thread that writes does nothing but write.
struct FactBatch: Sendable {
    /// One fact as a row of the `facts` table.
    struct Row: Sendable {
        /// For an aggregated fact, the seq that stands for its values (`ProjectionStore.aggregateSeq`).
        var seq: Int64
        var role: Int
        var at: Int64
        var count: Int
        /// Where its payload (`Fact.writePayload(to:)`) is in `payloads`.
        var payload: Range<Int>
        /// Whether it adds to an aggregated fact (`KeyedFact.aggregate`).
        var aggregate: Bool
    }

    /// A finding as the `findings` table stores it.
    struct EncodedFinding: Sendable {
        var id: String
        var began: Int64
        /// The card's columns, counted without decoding the body (`AuditListing.count(_:)`).
        var dept: String
        var redFrom: Int64?
        var red: Bool
        /// `Finding.encoded()`.
        var body: [UInt8]

        init(_ finding: Finding) {
            id = finding.id
            began = finding.began.millisecondsSinceEpoch
            dept = finding.dept
            redFrom = finding.redFrom?.millisecondsSinceEpoch
            red = finding.level == .red
            body = finding.encoded()
        }
    }

    /// What judging a key gave, encoded.
    enum Judgement: Sendable {
        case findings([EncodedFinding])
        case problem(String)
    }

    /// One key's new facts.
    struct Entry: Sendable {
        var key: RuleKey
        /// Its rows in `rows`, in the order the events gave them.
        var rows: Range<Int>
        /// Whether the key is surely not stored yet (first seen in a catch-up from the start
        /// of the log).
        var isNew = false
        /// For a key first seen in a catch-up from the start of the log: its judgement from
        /// these facts, which are all it has, for each rule judged from them
        /// (`FactCollector.judgedTogether`). Nil: judge it from the stored facts.
        var judged: [(rule: Int, judgement: Judgement)]?
        /// With `judged`, in the final batch of a catch-up: the key's tally, for a rule that
        /// keeps one (`RuleEvaluator.tally(of:)`), so that the next catch-up can judge the key
        /// from it rather than read the key back once first.
        var tally: [UInt8]?
    }

    /// In `RuleKey` order.
    var entries: [Entry] = []
    var rows: [Row] = []
    var payloads: [UInt8] = []
    var dispositions: [Disposition] = []
    /// Events read.
    var events = 0
    /// The seq of the last event read, and the latest `at` of all read so far.
    var position: Int64
    var maxAt: Int64
    /// Whether it ends the catch-up: the keys noted stale are judged with it.
    var isFinal = false
    /// Whether it holds the last of the log's events in a rebuild that holds keys, ahead of
    /// the held keys' batches (`FactBatcher.batchBeforeHeld()`): once it is stored, every key
    /// judged at the end of the catch-up has all its facts stored and can be judged while the
    /// held keys are (`JudgedAhead`).
    var endsLog = false
    /// Whether facts of events up to `position` are held in memory rather than stored
    /// (`HeldFacts`): until a batch without it commits, the projections do not hold all the
    /// facts of the events before their position, and a catch-up that finds them so starts
    /// again from the start of the log.
    var holdsFacts = false
}
