import EventLog

/// The half of a catch-up that needs no database: parses the events read from the log,
/// collects the rules' facts, groups and encodes them by key into `FactBatch`es, and judges
/// the keys no earlier batch had. It runs on a thread of its own while the engine stores the
/// previous batch.
struct FactBatcher: Sendable {
    let collector: FactCollector
    /// Events per batch.
    let batchSize: Int
    /// In a catch-up from the start of the log: fingerprints (`hashValue`) of the keys in
    /// earlier batches; a key not among them has no stored facts and is judged at once. A
    /// fingerprint two keys share only sends the second the slow way, through the store.
    private var earlierKeys: Set<Int>?
    /// This batch's keys, in the order first seen, and where each is in `groups`.
    private var slots: [RuleKey: Int] = [:]
    private var groups: [Group] = []
    private var payloads = BinaryRecordWriter(capacity: 1 << 20)
    private var dispositions: [Disposition] = []
    private var events = 0
    private var position: Int64
    private var maxAt: Int64
    private var collected: [(rule: Int, keyed: KeyedFact)] = []

    /// One key's facts in the batch being made.
    private struct Group {
        var key: RuleKey
        var rows: [FactBatch.Row] = []
        /// Kept only while the key may be judged from the batch alone.
        var facts: [Fact] = []
        var hasAggregate = false
    }

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
        collected.removeAll(keepingCapacity: true)
        try collector.collect(event, into: &collected)
        for (rule, keyed) in collected { file(keyed, rule: rule) }
        maxAt = max(maxAt, event.at.millisecondsSinceEpoch)
        position = seq
        events += 1
        return events >= batchSize ? try batch(isFinal: false) : nil
    }

    /// The last batch of the catch-up (possibly empty).
    mutating func finish() throws -> FactBatch {
        try batch(isFinal: true)
    }

    /// Files a fact under its key, encoded as its row.
    private mutating func file(_ keyed: KeyedFact, rule: Int) {
        let key = RuleKey(rule: rule, key: keyed.key)
        let slot: Int
        if let known = slots[key] {
            slot = known
        } else {
            slot = groups.count
            slots[key] = slot
            groups.append(Group(key: key))
        }
        let fact = keyed.fact
        let start = payloads.count
        fact.writePayload(to: &payloads)
        // Aggregated facts share one row per (values, role): its seq is a hash of the values.
        let seq = keyed.aggregate ? ProjectionStore.aggregateSeq(fact.values) : fact.seq
        groups[slot].rows.append(FactBatch.Row(
            seq: seq, role: fact.role, at: fact.at.millisecondsSinceEpoch, count: fact.count, payload: start ..< payloads.count,
            aggregate: keyed.aggregate))
        if keyed.aggregate { groups[slot].hasAggregate = true }
        if earlierKeys != nil && !groups[slot].hasAggregate { groups[slot].facts.append(fact) }
    }

    private mutating func batch(isFinal: Bool) throws -> FactBatch {
        // Stored in key order, a batch's facts go to neighbouring pages.
        groups.sort { $0.key < $1.key }
        var batch = FactBatch(dispositions: dispositions, events: events, position: position, maxAt: maxAt, isFinal: isFinal)
        batch.entries.reserveCapacity(groups.count)
        batch.rows.reserveCapacity(groups.reduce(0) { $0 + $1.rows.count })
        for group in groups {
            let first = batch.rows.count
            batch.rows += group.rows
            var judged: FactBatch.Judgement?
            var isNew = false
            if earlierKeys != nil {
                let fingerprint = group.key.hashValue
                isNew = earlierKeys?.insert(fingerprint).inserted == true
                if isNew && !group.hasAggregate {
                    judged = try Self.encoded(KeyJudgement(group.key, facts: group.facts.sorted(by: Fact.chronological), rules: collector.rules))
                }
            }
            batch.entries.append(FactBatch.Entry(key: group.key, rows: first ..< batch.rows.count, isNew: isNew, judged: judged))
        }
        batch.payloads = payloads.bytes
        payloads.removeAll()
        slots.removeAll(keepingCapacity: true)
        groups.removeAll(keepingCapacity: true)
        dispositions = []
        events = 0
        return batch
    }

    static func encoded(_ judgement: KeyJudgement) -> FactBatch.Judgement {
        switch judgement {
        case .findings(let findings):
            .findings(findings.map { FactBatch.EncodedFinding(id: $0.id, began: $0.began.millisecondsSinceEpoch, body: $0.encoded()) })
        case .problem(let message):
            .problem(message)
        }
    }
}
