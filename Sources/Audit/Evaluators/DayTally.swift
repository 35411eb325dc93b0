/// How many events an actor has on each day: all an `outlier` rule in `history` mode needs to
/// know whether new events change its findings.
///
/// A person's look-ups gather for years under one key, and each new look-up made the key
/// stale: at 5M events an incremental audit read back over 200,000 of them to re-judge
/// about 300 people whose findings almost never change. With the day counts stored beside
/// the facts, the new look-ups are added to them; when the median day and the outlying days
/// (with their counts) stay as they were, the stored findings stand. Otherwise the key is
/// judged from every fact (a finding's evidence is every look-up of its day).
struct DayTally: Equatable {
    /// Events per local day (`YYYY-MM-DD`, the fact's first value).
    var counts: [String: Int] = [:]
    /// The highest seq added: a fact at or below it is in the tally already.
    var lastSeq: Int64 = 0

    /// Adds facts; those at or below `lastSeq` are skipped.
    mutating func add(_ facts: [Fact]) {
        let known = lastSeq
        for fact in facts where fact.seq > known {
            counts[fact.values.first ?? "", default: 0] += 1
            lastSeq = max(lastSeq, fact.seq)
        }
    }

    /// The tally as the projections store it, days in the dictionary's order: reading it back
    /// does not depend on the order, and sorting a person's years of days as text for every
    /// new look-up was the larger part of judging the key from its tally.
    func encoded() -> [UInt8] {
        var writer = BinaryRecordWriter(capacity: 8 + counts.count * 16)
        writer.integer(lastSeq)
        writer.integer(Int64(counts.count))
        for (day, count) in counts {
            writer.string(day)
            writer.integer(Int64(count))
        }
        return writer.bytes
    }

    /// Reads a tally written by `encoded()`; nil when damaged.
    init?(encoded bytes: UnsafeRawBufferPointer) {
        var reader = BinaryRecordReader(bytes)
        guard let lastSeq = reader.integer(), let days = reader.count() else { return nil }
        var counts = [String: Int](minimumCapacity: Int(days))
        for _ in 0 ..< days {
            guard let day = reader.requiredString(), let count = reader.integer(), count >= 0 else { return nil }
            counts[day] = Int(count)
        }
        guard reader.isAtEnd else { return nil }
        self.lastSeq = lastSeq
        self.counts = counts
    }

    init() {}
}
