/// A running tally of a `share` window group: how many events, their total, and each
/// member's part — all a share rule needs to know that no member holds more than its line.
///
/// A unit's year of awards gathers tens of thousands of facts; each new award makes the
/// group's key stale, and reading all of them back to learn that nobody passed the line
/// cost most of an incremental audit at 5M events. With the tally stored beside the facts,
/// the new awards are added to it and, when every member stays clearly below the line,
/// the group has no finding. Only when some member is at or near the line are the facts
/// read back and judged whole (the finding's start and evidence need every award).
///
/// Sums are order-independent only up to rounding, so "clearly below" leaves a margin
/// (`margin`) that no difference in summing order can cross.
struct ShareTally: Equatable {
    /// Member facts added.
    var count = 0
    var total = 0.0
    /// Each member's part (facts with an empty member count towards the total only).
    var parts: [String: Double] = [:]
    /// The highest seq added: a fact at or below it is in the tally already (another
    /// process caught up over the same events first).
    var lastSeq: Int64 = 0

    /// Relative slack against rounding: far above what summing a million amounts in
    /// another order can move a share, far below any share a rule sets.
    static let margin = 1e-9

    /// Adds member facts (`values`: amount, member); facts at or below `lastSeq` are skipped.
    mutating func add(_ facts: [Fact], amount: (Fact) -> Double) {
        let known = lastSeq
        for fact in facts where fact.seq > known {
            let value = amount(fact)
            count += 1
            total += value
            if fact.values.count > 1, !fact.values[1].isEmpty { parts[fact.values[1], default: 0] += value }
            lastSeq = max(lastSeq, fact.seq)
        }
    }

    /// Whether the group surely has no finding: too few events, or every member's share
    /// clearly at or below `above`.
    func surelyNone(minimumEvents: Int, above: Double) -> Bool {
        if count < minimumEvents { return true }
        guard total > 0, let largest = parts.values.max() else { return true }
        return largest / total < above * (1 - Self.margin)
    }

    /// The tally as the projections store it.
    func encoded() -> [UInt8] {
        var writer = BinaryRecordWriter(capacity: 16 + parts.count * 24)
        writer.integer(Int64(count))
        writer.integer(Int64(bitPattern: total.bitPattern))
        writer.integer(lastSeq)
        writer.integer(Int64(parts.count))
        for (member, part) in parts.sorted(by: { $0.key < $1.key }) {
            writer.string(member)
            writer.integer(Int64(bitPattern: part.bitPattern))
        }
        return writer.bytes
    }

    /// Reads a tally written by `encoded()`; nil when damaged.
    init?(encoded bytes: UnsafeRawBufferPointer) {
        var reader = BinaryRecordReader(bytes)
        guard let count = reader.integer(), let total = reader.integer(), let lastSeq = reader.integer(), let members = reader.count(),
            count >= 0
        else { return nil }
        var parts = [String: Double](minimumCapacity: Int(members))
        for _ in 0 ..< members {
            guard let member = reader.requiredString(), let part = reader.integer() else { return nil }
            parts[member] = Double(bitPattern: UInt64(bitPattern: part))
        }
        guard reader.isAtEnd else { return nil }
        self.count = Int(count)
        self.total = Double(bitPattern: UInt64(bitPattern: total))
        self.lastSeq = lastSeq
        self.parts = parts
    }

    init() {}
}
