import EventLog

#if canImport(Glibc)
    import Glibc
#endif

/// The facts a catch-up from the start of the log holds in memory until its end instead of
/// storing them at every flush (`RuleEvaluator.holdsKeysThroughRebuild`): encoded as the
/// projections store them, in the order the events gave them.
///
/// A tender's events span weeks, many flushes of a rebuild. Stored at every flush, its rows
/// go into the middle of the facts table beside those of every other open tender, so each
/// commit rewrites most pages of the open tenders' facts (a 16 KiB page holds a few
/// tenders). Held, every key is complete when the log is read: it is judged from what is in
/// hand, with no read-back, and stored once, in key order, at the end of the table.
///
/// The payloads are kept in segments of a fixed size rather than one buffer: a buffer grown by
/// doubling copies everything held so far at each step (about a second of the batcher's thread
/// at 100,000 tenders, on the rebuild's critical path), and a segment can be freed as soon as
/// every key with a row in it has been handed out.
struct HeldFacts {
    private struct Row {
        var seq: Int64
        var at: Int64
        var count: Int
        var role: Int32
        /// Its payload: `segments[segment][start ..< end]`.
        var segment: Int32
        var start: Int32
        var end: Int32
    }

    /// Bytes a segment is filled to before the next one starts. A payload is never split:
    /// the segment it starts in takes it whole, past this size if need be.
    let segmentBytes: Int

    /// A key with its hash taken once, compared by hash before text: the table probes a few
    /// buckets per look-up, and a tender's subject is too long to be a small string, so
    /// comparing `RuleKey`s would compare their text's bytes at every bucket probed.
    private struct SlotKey: Hashable {
        let key: RuleKey
        let hash: Int

        init(_ key: RuleKey) {
            self.key = key
            hash = key.hashValue
        }

        static func == (a: SlotKey, b: SlotKey) -> Bool { a.hash == b.hash && a.key == b.key }

        func hash(into hasher: inout Hasher) { hasher.combine(hash) }
    }

    private var keys: [RuleKey] = []
    private var slots: [SlotKey: Int32] = [:]
    /// In arrival order, each with its key's slot.
    private var rows: [Row] = []
    private var rowSlots: [Int32] = []
    /// The payloads, the last segment being filled; a segment freed once handed out is empty.
    private var segments: [BinaryRecordWriter] = []
    /// Per segment, its rows not handed out yet.
    private var unhanded: [Int32] = []
    private var payloadBytes = 0
    /// Once handing out has begun: the keys' slots in key order, each one's rows (indexes
    /// into `rows`) by rank, and the rank of the next key to hand out.
    private var handing: (order: [Int], items: [Int32], ranges: [Range<Int>])?
    private var nextRank = 0

    /// - Parameter segmentBytes: the size of a payload segment (tests make it small, to
    ///   cross segments often).
    init(segmentBytes: Int = 4 << 20) {
        precondition(segmentBytes > 0 && segmentBytes <= Int(Int32.max) / 2, "a segment's offsets fit 32 bits")
        self.segmentBytes = segmentBytes
    }

    var isEmpty: Bool { rows.isEmpty }

    /// Whether every key has been handed out (or none was held).
    var isExhausted: Bool { handing.map { nextRank >= $0.order.count } ?? isEmpty }

    /// Memory held, roughly: payload bytes and rows.
    var byteCount: Int { payloadBytes + rows.count * (MemoryLayout<Row>.stride + MemoryLayout<Int32>.stride) }

    /// Payload segments in use (not freed): for tests.
    var segmentsHeld: Int { segments.lazy.filter { $0.count > 0 }.count }

    /// Holds a fact (not aggregated) of a key, its values encoded already where
    /// `encodedValues` is given (`KeyedFact.encodedValues`).
    mutating func add(_ fact: Fact, encodedValues: [UInt8]? = nil, key: RuleKey) {
        precondition(handing == nil, "no fact is held once handing out has begun")
        let slot: Int32
        let slotKey = SlotKey(key)
        if let known = slots[slotKey] {
            slot = known
        } else {
            slot = Int32(keys.count)
            slots[slotKey] = slot
            keys.append(key)
        }
        if segments.isEmpty || segments[segments.count - 1].count >= segmentBytes {
            segments.append(BinaryRecordWriter(capacity: segmentBytes + Self.slack))
            unhanded.append(0)
        }
        let segment = segments.count - 1
        let start = segments[segment].count
        fact.writePayload(to: &segments[segment], encodedValues: encodedValues)
        let end = segments[segment].count
        // A payload starts below `segmentBytes`; only one larger than 2 GiB could pass 32 bits.
        precondition(end <= Int(Int32.max), "a held payload of 2 GiB")
        payloadBytes += end - start
        unhanded[segment] += 1
        rows.append(Row(
            seq: fact.seq, at: fact.at.millisecondsSinceEpoch, count: fact.count, role: Int32(fact.role), segment: Int32(segment),
            start: Int32(start), end: Int32(end)))
        rowSlots.append(slot)
    }

    /// Room reserved past `segmentBytes` in each segment, so that the payload that crosses
    /// the size rarely makes the segment grow (a copy of one segment if it does).
    private static let slack = 64 << 10

    /// Calls `body` with every held row in arrival order, then forgets them all.
    mutating func drain(_ body: (RuleKey, FactBatch.Row, UnsafeRawBufferPointer) -> Void) {
        precondition(handing == nil, "drained only before handing out")
        for (row, slot) in zip(rows, rowSlots) {
            let encoded = FactBatch.Row(seq: row.seq, role: Int(row.role), at: row.at, count: row.count, payload: 0 ..< 0, aggregate: false)
            segments[Int(row.segment)].withBytes { raw in
                body(keys[Int(slot)], encoded, UnsafeRawBufferPointer(rebasing: raw[Int(row.start) ..< Int(row.end)]))
            }
        }
        self = HeldFacts(segmentBytes: segmentBytes)
    }

    /// The next keys in key order, about `rowLimit` rows of them, as a batch's entries, rows
    /// and payloads; nil once every key has been handed out (and the memory is freed). Their
    /// facts are decoded for judging by `facts(of:in:)`, on the judging threads. A segment
    /// whose rows have all been handed out is freed then: keys come out roughly in the order
    /// they began (a tender's subject grows with its notice), so memory falls as they do.
    ///
    /// - Complexity: the first call groups the rows by key, linear in the rows.
    mutating func next(rowLimit: Int) -> FactBatch? {
        if handing == nil {
            let order = keys.indices.sorted { keys[$0] < keys[$1] }
            let grouped = FactBatcher.grouped(rowSlots, slots: keys.count, order: order)
            handing = (order, grouped.items, grouped.ranges)
            slots = [:]
        }
        guard let (order, items, ranges) = handing, nextRank < order.count else {
            let handedOut = handing != nil
            self = HeldFacts(segmentBytes: segmentBytes)
            if handedOut { releaseFreedMemory() }
            return nil
        }
        var batch = FactBatch(position: 0, maxAt: Int64.min)
        // The batch's payload bytes, counted first so that its buffer is allocated once.
        var end = nextRank
        var rowCount = 0
        var byteCount = 0
        while end < order.count && rowCount < rowLimit {
            for item in items[ranges[end]] {
                let row = rows[Int(item)]
                byteCount += Int(row.end - row.start)
            }
            rowCount += ranges[end].count
            end += 1
        }
        var writer = BinaryRecordWriter(capacity: byteCount)
        batch.rows.reserveCapacity(rowCount)
        batch.entries.reserveCapacity(end - nextRank)
        for rank in nextRank ..< end {
            let first = batch.rows.count
            for item in items[ranges[rank]] {
                let row = rows[Int(item)]
                let segment = Int(row.segment)
                let from = writer.count
                segments[segment].withBytes { raw in
                    writer.raw(UnsafeRawBufferPointer(rebasing: raw[Int(row.start) ..< Int(row.end)]))
                }
                batch.rows.append(FactBatch.Row(
                    seq: row.seq, role: Int(row.role), at: row.at, count: row.count, payload: from ..< writer.count, aggregate: false))
                unhanded[segment] -= 1
                if unhanded[segment] == 0 {
                    payloadBytes -= segments[segment].count
                    segments[segment] = BinaryRecordWriter(capacity: 0)
                }
            }
            batch.entries.append(FactBatch.Entry(key: keys[order[rank]], rows: first ..< batch.rows.count))
        }
        nextRank = end
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

#if canImport(Glibc)
    /// glibc's `malloc_trim`, found at run time: malloc.h is not among the headers the Glibc
    /// module imports, and a C function is called only through a C function pointer. Nil on
    /// a C library without it.
    private let mallocTrim: (@convention(c) (Int) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
    }()
#endif

/// Gives the memory the held facts took, all freed once they are handed out, back to the
/// system.
///
/// Their segments come from the batcher thread's arena of the C allocator and, freed, stay
/// there, out of reach of the other threads: after a rebuild of 100,000 tenders the process
/// kept ~620 MB, and the incremental audit after it peaked at 1,061 MB in two of three runs.
/// Segments large enough for glibc to map each from the system (over 32 MiB) went back by
/// themselves, but cost the batcher's thread about a second more of page clearing.
private func releaseFreedMemory() {
    #if canImport(Glibc)
        _ = mallocTrim?(0)
    #endif
}
