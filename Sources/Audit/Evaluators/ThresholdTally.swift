import EventLog

/// A running tally of a threshold `window` group (split purchases: one budget item, category
/// and fiscal year): its awards' count, their total summed in chronological order, their seqs,
/// and the award with which the total passed the threshold — all a finding is built from.
///
/// A unit's budget line gathers hundreds of awards a year, and once its total has passed the
/// threshold every new award makes the key stale: at 5M events an incremental audit read back
/// some 48,000 awards of 175 such groups only to extend their findings by one award each.
/// The finding begins with the first award whose running total passes the threshold; an award
/// dated after every award already counted cannot move that point (it comes after it in the
/// order the total is summed in), so it is added to the tally and the finding rebuilt from it
/// — whatever its amount, a negative one included. An award dated before the group's latest
/// (a late entry, a backfill) changes the order of the sum: the key is then judged from every
/// award, as without a tally.
struct ThresholdTally: Equatable {
    /// The award with which the running total passed the threshold: what a finding's id,
    /// subject, dept, actor and start are taken from.
    struct Anchor: Equatable {
        var seq: Int64
        var at: Instant
        var dept: String
        var actor: String?
        var subject: String
        var id: String

        init(_ fact: Fact) {
            seq = fact.seq
            at = fact.at
            dept = fact.dept
            actor = fact.actor
            subject = fact.subject
            id = fact.id
        }

        init(seq: Int64, at: Instant, dept: String, actor: String?, subject: String, id: String) {
            self.seq = seq
            self.at = at
            self.dept = dept
            self.actor = actor
            self.subject = subject
            self.id = id
        }

        /// The anchor as the fact a finding is made from (its other fields are not read).
        var fact: Fact { Fact(seq: seq, role: 0, at: at, recorded: at, dept: dept, actor: actor, subject: subject, id: id) }
    }

    /// The total, summed award by award in chronological order — the order judging every
    /// award sums them in, so that the two agree to the last bit.
    var total = 0.0
    /// Every award's seq, in chronological order: a finding's evidence.
    var seqs: [Int64] = []
    /// When the chronologically last award happened: an award before it cannot be added.
    var lastAt = Instant(millisecondsSinceEpoch: Int64.min)
    /// The highest seq added: an award at or below it is in the tally already (another
    /// process caught up over the same events first).
    var lastSeq: Int64 = 0
    var anchor: Anchor?

    var count: Int { seqs.count }

    /// Adds awards in chronological order, noting the anchor once the total passes
    /// `threshold` with at least `minimumEvents` awards; awards at or below `lastSeq` are skipped.
    ///
    /// - Returns: false when an award happened before the latest one counted (the tally is
    ///   then left part-way and must be discarded).
    mutating func add(_ facts: [Fact], threshold: Double, minimumEvents: Int, amount: (Fact) -> Double) -> Bool {
        let known = lastSeq
        for fact in facts where fact.seq > known {
            guard fact.at >= lastAt else { return false }
            total += amount(fact)
            seqs.append(fact.seq)
            lastAt = fact.at
            lastSeq = max(lastSeq, fact.seq)
            if anchor == nil, total > threshold, seqs.count >= minimumEvents { anchor = Anchor(fact) }
        }
        return true
    }

    /// The tally as the projections store it (seqs as differences from the one before).
    func encoded() -> [UInt8] {
        var writer = BinaryRecordWriter(capacity: 48 + seqs.count * 3)
        writer.integer(Int64(bitPattern: total.bitPattern))
        writer.integer(lastAt.millisecondsSinceEpoch)
        writer.integer(lastSeq)
        writer.integer(Int64(seqs.count))
        var previous: Int64 = 0
        for seq in seqs {
            writer.integer(seq &- previous)
            previous = seq
        }
        if let anchor {
            writer.integer(1)
            writer.integer(anchor.seq)
            writer.integer(anchor.at.millisecondsSinceEpoch)
            writer.string(anchor.dept)
            writer.string(anchor.actor)
            writer.string(anchor.subject)
            writer.string(anchor.id)
        } else {
            writer.integer(0)
        }
        return writer.bytes
    }

    /// Reads a tally written by `encoded()`; nil when damaged.
    init?(encoded bytes: UnsafeRawBufferPointer) {
        var reader = BinaryRecordReader(bytes)
        guard let total = reader.integer(), let lastAt = reader.integer(), let lastSeq = reader.integer(), let count = reader.count()
        else { return nil }
        var seqs: [Int64] = []
        seqs.reserveCapacity(Int(count))
        var previous: Int64 = 0
        for _ in 0 ..< count {
            guard let difference = reader.integer() else { return nil }
            previous = previous &+ difference
            seqs.append(previous)
        }
        guard let hasAnchor = reader.integer() else { return nil }
        switch hasAnchor {
        case 0:
            anchor = nil
        case 1:
            guard let seq = reader.integer(), let at = reader.integer(), let dept = reader.requiredString(), let actor = reader.string(),
                let subject = reader.requiredString(), let id = reader.requiredString()
            else { return nil }
            anchor = Anchor(seq: seq, at: Instant(millisecondsSinceEpoch: at), dept: dept, actor: actor, subject: subject, id: id)
        default:
            return nil
        }
        guard reader.isAtEnd else { return nil }
        self.total = Double(bitPattern: UInt64(bitPattern: total))
        self.lastAt = Instant(millisecondsSinceEpoch: lastAt)
        self.lastSeq = lastSeq
        self.seqs = seqs
    }

    init() {}
}
