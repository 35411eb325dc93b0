/// Several facts of one key in one row of the `facts` table (role `role`): a batch's facts of
/// a key come to the store together (a tender held through a rebuild,
/// `RuleEvaluator.holdsKeysThroughRebuild`, has some fifteen), and one row with one payload
/// costs SQLite far less than fifteen rows to insert and to commit.
///
/// The row's seq and `at` are the smallest of its facts' (so that a query that selects facts
/// by `at <= instant` still finds it, and expands it to see which of its facts qualify), and
/// its count is how many facts it holds. Its payload is, for each fact in the order given:
/// seq and `at` as their distance from the fact before (the first from zero), role, count,
/// then the fact's own payload (`Fact.writePayload(to:)`) after its length. A key's facts of
/// later batches (an incremental catch-up's) go to rows of their own, packed or not; readers
/// merge them all in time.
enum PackedFacts {
    /// The role of a packed row: every rule's roles are 0 or more.
    static let role = -1

    /// The most facts a packed row holds: a key with more in one batch (a market's tens of
    /// thousands) takes several rows, so that no row's payload is megabytes to build, to
    /// read back whole, and to hold in memory while the held tenders are.
    static let limit = 256

    /// One fact of a packed row.
    struct Item {
        var seq: Int64
        var role: Int
        var at: Int64
        var count: Int
        var payload: UnsafeRawBufferPointer
    }

    /// The columns and payload of the packed row of `rows` (each row's payload in `payloads`),
    /// its payload written to `writer`, which is emptied first.
    ///
    /// - Returns: nil when a row cannot be packed (an aggregated fact, a negative role).
    static func pack(
        _ rows: ArraySlice<FactBatch.Row>, payloads: UnsafeRawBufferPointer, into writer: inout BinaryRecordWriter
    ) -> (seq: Int64, at: Int64, count: Int)? {
        guard let first = rows.first else { return nil }
        writer.removeAll()
        var seq = first.seq
        var at = first.at
        var previous: (seq: Int64, at: Int64) = (0, 0)
        for row in rows {
            guard !row.aggregate, row.role >= 0 else { return nil }
            seq = min(seq, row.seq)
            at = min(at, row.at)
            writer.integer(row.seq &- previous.seq)
            writer.integer(row.at &- previous.at)
            writer.integer(Int64(row.role))
            writer.integer(Int64(row.count))
            writer.integer(Int64(row.payload.count))
            writer.raw(UnsafeRawBufferPointer(rebasing: payloads[row.payload]))
            previous = (row.seq, row.at)
        }
        return (seq, at, rows.count)
    }

    /// Calls `body` with each fact of a packed row's payload, in the order packed.
    ///
    /// - Returns: false when the payload is damaged (the facts before the damage were given).
    static func forEach(in payload: UnsafeRawBufferPointer, _ body: (Item) throws -> Void) rethrows -> Bool {
        var reader = BinaryRecordReader(payload)
        var previous: (seq: Int64, at: Int64) = (0, 0)
        while !reader.isAtEnd {
            guard let seqStep = reader.integer(), let atStep = reader.integer(), let role = reader.integer(), let count = reader.integer(),
                let length = reader.count(), length <= payload.count - reader.offset
            else { return false }
            let start = reader.offset
            reader.skip(length)
            let item = Item(
                seq: previous.seq &+ seqStep, role: Int(truncatingIfNeeded: role), at: previous.at &+ atStep,
                count: Int(truncatingIfNeeded: count), payload: UnsafeRawBufferPointer(rebasing: payload[start ..< start + length]))
            previous = (item.seq, item.at)
            try body(item)
        }
        return true
    }
}
