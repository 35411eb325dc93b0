import EventLog

/// What a `late_entry` key (a department) has seen: the declared backfill ranges and the
/// instants its late events were recorded at — all a new ingest batch needs to know that the
/// department's earlier findings stand and its own finding can be made from its own events.
///
/// Findings are one per ingest batch (events recorded at the same instant). A department
/// that types in late entries every day gathers thousands of them, and reading them all back
/// for each new batch cost an incremental audit as much as the rest of its judging. New late
/// events recorded at an instant no earlier event of the key was recorded at form batches of
/// their own: their findings are added beside the stored ones. A new backfill declaration
/// (it may cover events already judged) or a batch that shares its instant with an earlier
/// one sends the key back to be judged from every fact.
struct LateEntryTally: Equatable {
    /// Declared backfill ranges (`first_seq ... last_seq`): late events inside them are not flagged.
    var declared: [ClosedRange<Int64>] = []
    /// When the key's late events were recorded (milliseconds since the epoch).
    var batches: Set<Int64> = []
    /// The highest seq added: a fact at or below it is in the tally already.
    var lastSeq: Int64 = 0

    /// The range a declaration fact names, nil when malformed (as judging every fact reads it).
    static func range(of declaration: Fact) -> ClosedRange<Int64>? {
        guard let first = Int64(declaration.values.first ?? ""), let last = Int64(declaration.values.last ?? ""), first <= last else {
            return nil
        }
        return first ... last
    }

    /// Adds facts (role 0 a declaration, role 1 a late event); those at or below `lastSeq` are skipped.
    mutating func add(_ facts: [Fact]) {
        let known = lastSeq
        for fact in facts where fact.seq > known {
            if fact.role == 0 {
                if let range = Self.range(of: fact) { declared.append(range) }
            } else {
                batches.insert(fact.recorded.millisecondsSinceEpoch)
            }
            lastSeq = max(lastSeq, fact.seq)
        }
    }

    /// The tally as the projections store it.
    func encoded() -> [UInt8] {
        var writer = BinaryRecordWriter(capacity: 16 + declared.count * 8 + batches.count * 8)
        writer.integer(lastSeq)
        writer.integer(Int64(declared.count))
        for range in declared {
            writer.integer(range.lowerBound)
            writer.integer(range.upperBound)
        }
        writer.integer(Int64(batches.count))
        for batch in batches.sorted() { writer.integer(batch) }
        return writer.bytes
    }

    /// Reads a tally written by `encoded()`; nil when damaged.
    init?(encoded bytes: UnsafeRawBufferPointer) {
        var reader = BinaryRecordReader(bytes)
        guard let lastSeq = reader.integer(), let ranges = reader.count() else { return nil }
        var declared: [ClosedRange<Int64>] = []
        for _ in 0 ..< ranges {
            guard let first = reader.integer(), let last = reader.integer(), first <= last else { return nil }
            declared.append(first ... last)
        }
        guard let count = reader.count() else { return nil }
        var batches = Set<Int64>(minimumCapacity: Int(count))
        for _ in 0 ..< count {
            guard let batch = reader.integer() else { return nil }
            batches.insert(batch)
        }
        guard reader.isAtEnd else { return nil }
        self.lastSeq = lastSeq
        self.declared = declared
        self.batches = batches
    }

    init() {}
}
