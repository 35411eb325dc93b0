import EventLog

/// The facts a catch-up from the start of the log holds in memory until its end instead of
/// storing them at every flush (`RuleEvaluator.holdsKeysThroughRebuild`): encoded as the
/// projections store them, in the order the events gave them.
///
/// A tender's events span weeks, many flushes of a rebuild. Stored at every flush, its rows
/// go into the middle of the facts table beside those of every other open tender, so each
/// commit rewrites most pages of the open tenders' facts (a 16 KiB page holds a few
/// tenders). Held, every key is complete when the log is read: it is judged from what is in
/// hand, with no read-back, and stored once, in key order, at the end of the table.
struct HeldFacts {
    private struct Row {
        var seq: Int64
        var at: Int64
        var count: Int
        var role: Int
        /// Where its payload ends in `payloads`; it starts where the row before it ends.
        var payloadEnd: Int
    }

    private var keys: [RuleKey] = []
    private var slots: [RuleKey: Int32] = [:]
    /// In arrival order, each with its key's slot.
    private var rows: [Row] = []
    private var rowSlots: [Int32] = []
    private var payloads = BinaryRecordWriter(capacity: 1 << 20)
    /// Once handing out has begun: the keys' slots in key order, each one's rows (indexes
    /// into `rows`) by rank, and the rank of the next key to hand out.
    private var handing: (order: [Int], items: [Int32], ranges: [Range<Int>])?
    private var nextRank = 0

    var isEmpty: Bool { rows.isEmpty }

    /// Whether every key has been handed out (or none was held).
    var isExhausted: Bool { handing.map { nextRank >= $0.order.count } ?? isEmpty }

    /// Memory held, roughly: payload bytes and rows.
    var byteCount: Int { payloads.count + rows.count * (MemoryLayout<Row>.stride + MemoryLayout<Int32>.stride) }

    /// Holds a fact (not aggregated) of a key, its values encoded already where
    /// `encodedValues` is given (`KeyedFact.encodedValues`).
    mutating func add(_ fact: Fact, encodedValues: [UInt8]? = nil, key: RuleKey) {
        precondition(handing == nil, "no fact is held once handing out has begun")
        let slot: Int32
        if let known = slots[key] {
            slot = known
        } else {
            slot = Int32(keys.count)
            slots[key] = slot
            keys.append(key)
        }
        fact.writePayload(to: &payloads, encodedValues: encodedValues)
        rows.append(Row(seq: fact.seq, at: fact.at.millisecondsSinceEpoch, count: fact.count, role: fact.role, payloadEnd: payloads.count))
        rowSlots.append(slot)
    }

    /// Calls `body` with every held row in arrival order, then forgets them all.
    mutating func drain(_ body: (RuleKey, FactBatch.Row, UnsafeRawBufferPointer) -> Void) {
        precondition(handing == nil, "drained only before handing out")
        payloads.withBytes { raw in
            var start = 0
            for (row, slot) in zip(rows, rowSlots) {
                let encoded = FactBatch.Row(seq: row.seq, role: row.role, at: row.at, count: row.count, payload: 0 ..< 0, aggregate: false)
                body(keys[Int(slot)], encoded, UnsafeRawBufferPointer(rebasing: raw[start ..< row.payloadEnd]))
                start = row.payloadEnd
            }
        }
        self = HeldFacts()
    }

    /// The next keys in key order, about `rowLimit` rows of them, as a batch's entries, rows
    /// and payloads; nil once every key has been handed out (and the memory is freed). Their
    /// facts are decoded for judging by `facts(of:in:)`, on the judging threads.
    ///
    /// - Complexity: the first call groups the rows by key, linear in the rows.
    mutating func next(rowLimit: Int) -> FactBatch? {
        if handing == nil {
            let order = keys.indices.sorted { keys[$0] < keys[$1] }
            let grouped = FactBatcher.grouped(rowSlots, slots: keys.count, order: order)
            handing = (order, grouped.items, grouped.ranges)
        }
        guard let (order, items, ranges) = handing, nextRank < order.count else {
            self = HeldFacts()
            return nil
        }
        var batch = FactBatch(position: 0, maxAt: Int64.min)
        var writer = BinaryRecordWriter(capacity: 1 << 20)
        payloads.withBytes { raw in
            while nextRank < order.count && batch.rows.count < rowLimit {
                let first = batch.rows.count
                for item in items[ranges[nextRank]] {
                    let row = rows[Int(item)]
                    let start = item == 0 ? 0 : rows[Int(item) - 1].payloadEnd
                    let from = writer.count
                    writer.raw(UnsafeRawBufferPointer(rebasing: raw[start ..< row.payloadEnd]))
                    batch.rows.append(FactBatch.Row(
                        seq: row.seq, role: row.role, at: row.at, count: row.count, payload: from ..< writer.count, aggregate: false))
                }
                batch.entries.append(FactBatch.Entry(key: keys[order[nextRank]], rows: first ..< batch.rows.count))
                nextRank += 1
            }
        }
        batch.payloads = writer.bytes
        return batch
    }

    /// The facts of a key `next(rowLimit:)` handed out in `batch`, decoded in chronological
    /// order for judging: called for each key on the thread that judges it, so that decoding
    /// is shared out with the judging rather than done beforehand by the batcher alone.
    static func facts(of entry: FactBatch.Entry, in batch: FactBatch) -> [Fact] {
        var decoded: [Fact] = []
        decoded.reserveCapacity(entry.rows.count)
        batch.payloads.withUnsafeBytes { raw in
            for row in batch.rows[entry.rows] {
                let likely = (dept: decoded.last?.dept ?? "", subject: entry.key.key)
                let payload = UnsafeRawBufferPointer(rebasing: raw[row.payload])
                if let fact = Fact(seq: row.seq, role: row.role, at: row.at, count: row.count, payload: payload, likely: likely) {
                    decoded.append(fact)
                }
            }
        }
        return decoded.sorted(by: Fact.chronological)
    }
}
