import EventLog

/// The half of a catch-up that needs no database: parses the events read from the log,
/// collects the rules' facts, groups them by key into `FactBatch`es, and judges the keys no
/// earlier batch had. It runs on a thread of its own while the engine stores the previous
/// batch.
struct FactBatcher: Sendable {
    let collector: FactCollector
    /// Events per batch.
    let batchSize: Int
    /// In a catch-up from the start of the log: fingerprints (`hashValue`) of the keys in
    /// earlier batches; a key not among them has no stored facts and is judged at once. A
    /// fingerprint two keys share only sends the second the slow way, through the store.
    private var earlierKeys: Set<Int>?
    private var facts: [(rule: Int, keyed: KeyedFact)] = []
    private var dispositions: [Disposition] = []
    private var events = 0
    private var position: Int64
    private var maxAt: Int64

    /// - Parameters:
    ///   - position: the seq of the last event already read into the projections.
    ///   - maxAt: the latest `at` read so far (`Int64.min`: none).
    ///   - fromStart: whether the projections are empty (a rebuild).
    init(collector: FactCollector, batchSize: Int, position: Int64, maxAt: Int64, fromStart: Bool) {
        self.collector = collector
        self.batchSize = batchSize
        self.position = position
        self.maxAt = maxAt
        earlierKeys = fromStart ? [] : nil
    }

    /// Reads one stored event.
    ///
    /// - Returns: a full batch, when this event completes one.
    /// - Throws: `StoredEventError` for a body that is not a stored event; `CalendarError`.
    mutating func add(seq: Int64, body: UnsafeRawBufferPointer) throws -> FactBatch? {
        let event = try AuditEvent(body: body)
        if let disposition = Disposition(event) { dispositions.append(disposition) }
        try collector.collect(event, into: &facts)
        maxAt = max(maxAt, event.at.millisecondsSinceEpoch)
        position = seq
        events += 1
        return events >= batchSize ? try batch(isFinal: false) : nil
    }

    /// The last batch of the catch-up (possibly empty).
    mutating func finish() throws -> FactBatch {
        try batch(isFinal: true)
    }

    private mutating func batch(isFinal: Bool) throws -> FactBatch {
        var slots: [RuleKey: Int] = [:]
        var entries: [FactBatch.Entry] = []
        for (rule, keyed) in facts {
            let key = RuleKey(rule: rule, key: keyed.key)
            let slot: Int
            if let known = slots[key] {
                slot = known
            } else {
                slot = entries.count
                slots[key] = slot
                entries.append(FactBatch.Entry(key: key))
            }
            if keyed.aggregate { entries[slot].aggregated.append(keyed.fact) } else { entries[slot].facts.append(keyed.fact) }
        }
        facts.removeAll(keepingCapacity: true)
        // Stored in key order, a batch's facts go to neighbouring pages.
        entries.sort { $0.key < $1.key }
        if earlierKeys != nil {
            for index in entries.indices {
                let fingerprint = entries[index].key.hashValue
                if entries[index].aggregated.isEmpty, earlierKeys?.contains(fingerprint) == false {
                    entries[index].judged = try KeyJudgement(
                        entries[index].key, facts: entries[index].facts.sorted(by: Fact.chronological), rules: collector.rules)
                }
                earlierKeys?.insert(fingerprint)
            }
        }
        let batch = FactBatch(entries: entries, dispositions: dispositions, events: events, position: position, maxAt: maxAt, isFinal: isFinal)
        dispositions = []
        events = 0
        return batch
    }
}
