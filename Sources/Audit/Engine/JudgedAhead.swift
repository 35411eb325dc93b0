import Dispatch

/// The keys judged at the end of a catch-up (`RuleEvaluator.judgesAtEndOfCatchUp`: the
/// market), judged ahead of that end in a rebuild that holds keys.
///
/// Once the batch that ends the log is stored (`FactBatch.endsLog`), such a key has all its
/// facts stored, and the held keys' batches that follow bring none of its rules. Judged then,
/// on a thread of its own, it takes a core the held keys' judging leaves partly idle, instead
/// of running alone after them. Nothing is stored early: the final batch stores these
/// judgements in the transaction that clears the stale keys, as before, so a catch-up cut
/// short still leaves them stale. A key that gets facts after all is forgotten here and
/// judged from its stored facts at the end.
struct JudgedAhead {
    private var jobs: [RuleKey: JudgingJob] = [:]

    var isEmpty: Bool { jobs.isEmpty }

    init() {}

    /// Reads and decodes each key's stored facts on this thread (it owns the connection; the
    /// held keys' batches leave it time) and starts judging them, a key at a time, on a queue
    /// of its own. Decoded as they are read, a market's facts are never in memory twice
    /// beside the held keys'.
    init(_ keys: [RuleKey], from store: ProjectionStore, collector: FactCollector) throws {
        let queue = DispatchQueue(label: "ironcage.audit.ahead")
        for key in keys {
            jobs[key] = JudgingJob.start(key, facts: try store.decodedFacts(of: key), collector: collector, on: queue)
        }
    }

    /// Drops a key whose facts changed since it was read.
    mutating func forget(_ key: RuleKey) {
        jobs[key] = nil
    }

    /// A key's judging, if it was judged ahead and its facts have not changed since.
    mutating func take(_ key: RuleKey) -> JudgingJob? {
        jobs.removeValue(forKey: key)
    }
}
