import Dispatch
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
    /// This batch's keys in the order first seen, where each is among them, and whether
    /// any of its facts is aggregated.
    private var slots: [RuleKey: Int] = [:]
    private var keys: [RuleKey] = []
    private var aggregated: [Bool] = []
    /// This batch's rows in the order the events gave them, each with its key's slot; and
    /// its facts likewise (for judging keys from the batch alone). Kept flat,
    /// not in an array per key: a batch has a hundred thousand keys.
    private var rows: [FactBatch.Row] = []
    private var rowSlots: [Int32] = []
    private var facts: [Fact] = []
    private var factSlots: [Int32] = []
    private var payloads = BinaryRecordWriter(capacity: 1 << 20)
    private var dispositions: [Disposition] = []
    private var events = 0
    private var position: Int64
    private var maxAt: Int64
    private var collected: [(rule: Int, keyed: KeyedFact)] = []
    /// In a catch-up from the start of the log: the facts of the rules that hold their keys
    /// until its end (`RuleEvaluator.holdsKeysThroughRebuild`), while `holding`.
    private var held = HeldFacts()
    private var holding: Bool
    /// Which rules hold their keys, by index.
    private let holds: [Bool]
    /// Held bytes beyond which the held facts go to the store after all, as they would
    /// without holding, so that memory stays bounded however large the log.
    let holdingBudget: Int
    /// The position and latest `at` of the last batch handed out: what the store has read.
    private var batchedPosition: Int64
    private var batchedMaxAt: Int64

    /// - Parameters:
    ///   - position: the seq of the last event already read into the projections.
    ///   - maxAt: the latest `at` read so far (`Int64.min`: none).
    ///   - fromStart: whether the projections are empty (a rebuild).
    ///   - holdingBudget: the bytes of facts a rebuild may hold in memory.
    init(collector: FactCollector, batchSize: Int, position: Int64, maxAt: Int64, fromStart: Bool, holdingBudget: Int = 768 << 20) {
        self.collector = collector
        self.batchSize = batchSize
        self.position = position
        self.maxAt = maxAt
        batchedPosition = position
        batchedMaxAt = maxAt
        earlierKeys = fromStart ? [] : nil
        holds = collector.rules.evaluators.map { $0.judgesAtEndOfCatchUp && $0.holdsKeysThroughRebuild }
        holding = fromStart && holds.contains(true)
        self.holdingBudget = holdingBudget
    }

    /// Reads one stored event.
    ///
    /// - Returns: a full batch, when this event completes one.
    /// - Throws: `StoredEventError` for a body that is not a stored event; `CalendarError`.
    mutating func add(seq: Int64, body: UnsafeRawBufferPointer) throws -> FactBatch? {
        guard let (envelope, data) = AuditEvent.scannedEnvelope(body) else { return try add(AuditEvent(body: body), seq: seq) }
        // An event only rules that read payload bytes read needs no tree of its payload.
        if collector.readsDataBytes(of: envelope.type) {
            collected.removeAll(keepingCapacity: true)
            let read = try data.map { try collector.collect(envelope, dataBytes: UnsafeRawBufferPointer(rebasing: body[$0]), into: &collected) }
                ?? Self.withEmptyObject { try collector.collect(envelope, dataBytes: $0, into: &collected) }
            if read { return try filed(envelope, seq: seq) }
        }
        // The envelope is read already: only the payload is left to parse.
        guard let event = envelope.withData(data, of: body) else { return try add(AuditEvent(body: body), seq: seq) }
        return try add(event, seq: seq)
    }

    /// Calls `body` with the bytes of `{}`: the payload of an event without `data`.
    private static func withEmptyObject<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        let empty: StaticString = "{}"
        return try body(UnsafeRawBufferPointer(start: empty.utf8Start, count: empty.utf8CodeUnitCount))
    }

    /// Reads one stored event, parsed already.
    ///
    /// - Returns: a full batch, when this event completes one.
    /// - Throws: `CalendarError`.
    mutating func add(_ event: AuditEvent, seq: Int64) throws -> FactBatch? {
        collected.removeAll(keepingCapacity: true)
        try collector.collect(event, into: &collected)
        return try filed(event, seq: seq)
    }

    /// Files the facts collected from `event` and counts it.
    ///
    /// - Returns: a full batch, when this event completes one.
    private mutating func filed(_ event: AuditEvent, seq: Int64) throws -> FactBatch? {
        if let disposition = Disposition(event) { dispositions.append(disposition) }
        for (rule, keyed) in collected { file(keyed, rule: rule) }
        maxAt = max(maxAt, event.at.millisecondsSinceEpoch)
        position = seq
        events += 1
        return events >= batchSize ? try batch(isFinal: false) : nil
    }

    /// The last batch of the catch-up (possibly empty).
    mutating func finish() throws -> FactBatch {
        // Held keys not handed out by `nextHeldBatch()` are stored and judged the usual way.
        if holding { stopHolding() }
        return try batch(isFinal: true)
    }

    /// Files a fact under its key, encoded as its row, or holds it.
    private mutating func file(_ keyed: KeyedFact, rule: Int) {
        let key = RuleKey(rule: rule, key: keyed.key)
        if holding && holds[rule] {
            if !keyed.aggregate {
                held.add(keyed.fact, encodedValues: keyed.encodedValues, key: key)
                if held.byteCount <= holdingBudget { return }
            }
            // Over budget, or a fact held rows cannot add up: the held facts go the usual way.
            stopHolding()
            if !keyed.aggregate { return }
        }
        let slot = self.slot(key)
        let fact = keyed.aggregate ? keyed.decodedFact : keyed.fact
        let start = payloads.count
        fact.writePayload(to: &payloads, encodedValues: keyed.aggregate ? nil : keyed.encodedValues)
        // Aggregated facts share one row per (values, role): its seq is a hash of the values.
        let seq = keyed.aggregate ? ProjectionStore.aggregateSeq(fact.values) : fact.seq
        rows.append(FactBatch.Row(
            seq: seq, role: fact.role, at: fact.at.millisecondsSinceEpoch, count: fact.count, payload: start ..< payloads.count,
            aggregate: keyed.aggregate))
        rowSlots.append(Int32(slot))
        if keyed.aggregate { aggregated[slot] = true }
        // Only a key judged from its batch needs its facts decoded.
        if !keyed.aggregate && !collector.rules.evaluators[rule].judgesAtEndOfCatchUp {
            facts.append(keyed.decodedFact)
            factSlots.append(Int32(slot))
        }
    }

    /// A key's slot in this batch.
    private mutating func slot(_ key: RuleKey) -> Int {
        if let known = slots[key] { return known }
        let slot = keys.count
        slots[key] = slot
        keys.append(key)
        aggregated.append(false)
        return slot
    }

    /// Moves the held facts into this batch, as if they had come with its events (none of
    /// them is stored yet), and holds no more in this catch-up.
    private mutating func stopHolding() {
        holding = false
        var taken = held
        held = HeldFacts()
        taken.drain { key, row, payload in
            let slot = self.slot(key)
            var moved = row
            let start = payloads.count
            payloads.raw(payload)
            moved.payload = start ..< payloads.count
            rows.append(moved)
            rowSlots.append(Int32(slot))
        }
    }

    /// Once the log is read and before `nextHeldBatch()`: the events since the last batch, as
    /// a batch of their own that ends the log (`FactBatch.endsLog`), so that the keys judged
    /// at the end of the catch-up (the market) have all their facts stored while the held keys
    /// are judged, and can be judged meanwhile. Its keys judged from it keep their tallies, as
    /// in a final batch.
    ///
    /// - Returns: nil when no key is held: `finish()` takes those events, as before.
    mutating func batchBeforeHeld() throws -> FactBatch? {
        guard holding, !held.isEmpty else { return nil }
        return try batch(isFinal: false, endsLog: true)
    }

    /// The held keys, a batch at a time in key order, each judged from its facts in hand
    /// (all it has): called once the log is read, before `finish()`. Each batch keeps the
    /// position of the last batch before it, since the facts of the events after that are
    /// not all in it; the last clears `holdsFacts`.
    ///
    /// - Returns: nil once no key is held.
    /// - Throws: what the evaluators throw, other than `CalendarError`.
    mutating func nextHeldBatch() throws -> FactBatch? {
        guard holding, var out = held.next(rowLimit: min(batchSize, Self.heldBatchRows)) else {
            holding = false
            return nil
        }
        out.position = batchedPosition
        out.maxAt = batchedMaxAt
        let keys = out.entries.map(\.key)
        let judged = try Self.judgedInParallel(out, collector: collector)
        for index in out.entries.indices {
            out.entries[index].isNew = earlierKeys?.insert(keys[index].hashValue).inserted == true
            out.entries[index].judged = judged[index]
        }
        out.holdsFacts = !held.isExhausted
        return out
    }

    /// Rows per batch of held keys: each batch's facts are decoded at once, beside all those
    /// still held, so batches are kept small.
    static let heldBatchRows = 20_000

    /// Judges a held batch's keys on two threads, each key's facts decoded by the thread that
    /// judges it: once the log is read, the batcher has nothing else to do, and the store is
    /// busy writing the previous held batch.
    ///
    /// - Throws: the first error an evaluator threw (by key order), other than `CalendarError`.
    private static func judgedInParallel(
        _ batch: FactBatch, collector: FactCollector
    ) throws -> [[(rule: Int, judgement: FactBatch.Judgement)]] {
        typealias Judged = Result<[(rule: Int, judgement: FactBatch.Judgement)], any Error>
        let entries = batch.entries
        var results = [Judged](repeating: .success([]), count: entries.count)
        let threads = 2
        results.withUnsafeMutableBufferPointer { buffer in
            // Each thread writes only its own indexes.
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: threads) { thread in
                for index in stride(from: thread, to: entries.count, by: threads) {
                    let facts = HeldFacts.facts(of: entries[index], in: batch)
                    slots[index] = Result { try collector.judgements(entries[index].key, facts: facts).map { ($0.key.rule, encoded($0.judgement)) } }
                }
            }
        }
        return try results.map { try $0.get() }
    }

    private mutating func batch(isFinal: Bool, endsLog: Bool = false) throws -> FactBatch {
        // Stored in key order, a batch's facts go to neighbouring pages.
        let order = keys.indices.sorted { keys[$0] < keys[$1] }
        let rowOrder = Self.grouped(rowSlots, slots: keys.count, order: order)
        var batch = FactBatch(dispositions: dispositions, events: events, position: position, maxAt: maxAt, isFinal: isFinal)
        batch.holdsFacts = holding && !held.isEmpty
        batch.endsLog = endsLog
        batchedPosition = position
        batchedMaxAt = maxAt
        batch.entries.reserveCapacity(keys.count)
        batch.rows.reserveCapacity(rows.count)
        for item in rowOrder.items { batch.rows.append(rows[Int(item)]) }
        let factOrder = Self.grouped(factSlots, slots: keys.count, order: order)
        for (rank, slot) in order.enumerated() {
            var entry = FactBatch.Entry(key: keys[slot], rows: rowOrder.ranges[rank])
            entry.isNew = earlierKeys?.insert(entry.key.hashValue).inserted == true
            // A key met before in a rebuild has stored facts; in any other catch-up, whether
            // a key is stored only the store knows, and a judgement from the batch holds if not.
            if !aggregated[slot] && !collector.rules.evaluators[entry.key.rule].judgesAtEndOfCatchUp && (entry.isNew || earlierKeys == nil) {
                let own = factOrder.ranges[rank].map { facts[Int(factOrder.items[$0])] }.sorted(by: Fact.chronological)
                entry.judged = try collector.judgements(entry.key, facts: own).map { ($0.key.rule, Self.encoded($0.judgement)) }
                if isFinal || endsLog { entry.tally = collector.rules.evaluators[entry.key.rule].tally(of: own) }
            }
            batch.entries.append(entry)
        }
        batch.payloads = payloads.bytes
        payloads.removeAll()
        slots.removeAll(keepingCapacity: true)
        keys.removeAll(keepingCapacity: true)
        aggregated.removeAll(keepingCapacity: true)
        rows.removeAll(keepingCapacity: true)
        rowSlots.removeAll(keepingCapacity: true)
        facts.removeAll(keepingCapacity: true)
        factSlots.removeAll(keepingCapacity: true)
        dispositions = []
        events = 0
        return batch
    }

    /// Items (by their slots) grouped in the slots' `order`, each group in arrival order: a
    /// counting sort, linear in the items.
    ///
    /// - Returns: the items' indexes in that order, and each group's range in it by rank.
    static func grouped(_ itemSlots: [Int32], slots: Int, order: [Int]) -> (items: [Int32], ranges: [Range<Int>]) {
        var counts = [Int](repeating: 0, count: slots)
        for slot in itemSlots { counts[Int(slot)] += 1 }
        var starts = [Int](repeating: 0, count: slots)
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(slots)
        var next = 0
        for slot in order {
            starts[slot] = next
            ranges.append(next ..< next + counts[slot])
            next += counts[slot]
        }
        var items = [Int32](repeating: 0, count: itemSlots.count)
        for (item, slot) in itemSlots.enumerated() {
            items[starts[Int(slot)]] = Int32(item)
            starts[Int(slot)] += 1
        }
        return (items, ranges)
    }

    static func encoded(_ judgement: KeyJudgement) -> FactBatch.Judgement {
        switch judgement {
        case .findings(let findings):
            .findings(findings.map(FactBatch.EncodedFinding.init))
        case .problem(let message):
            .problem(message)
        }
    }
}
