import EventLog

/// What an `outlier` rule in `peers` mode knows of one group (a unit): each actor's base
/// count and `when` events — all its findings are built from.
///
/// A unit's revocations gather for years under one key, with the penalties decided per
/// officer as aggregated rows beside them, and every new revocation or penalty made the key
/// stale: at 5M events an incremental audit read some 5,300 facts of each unit back every
/// round to find the same officers. With the tally stored beside the facts, the new facts
/// are added to it and the unit judged from it alone. Unlike the other tallies it takes
/// aggregated facts (a base count adds up whatever the order) and late entries (a
/// revocation dated before others takes its place among them), so it never needs the
/// facts read back.
struct PeerTally: Equatable {
    /// One `when` event of an actor: its place in chronological order, and its seq as evidence.
    typealias Mark = EvidenceMark

    /// One actor of the group.
    struct Member: Equatable {
        /// The events of `base` (penalties decided), counted.
        var base = 0
        /// The `when` events (revocations), in chronological order: a finding's evidence.
        var marks: [Mark] = []
        /// The chronologically last `when` event's card: a finding's subject, dept and actor.
        var subject = ""
        var dept = ""
        var actor: String?
    }

    /// By actor (the fact's first value).
    var members: [String: Member] = [:]
    /// The highest seq of a `when` fact added: one at or below it is in the tally already
    /// (another process caught up over the same events first). Base facts are aggregated
    /// rows with no seq of their own; they add to the tally as they add to their stored row.
    var lastSeq: Int64 = 0

    /// Adds facts (role 0: base, counted by `count`; role 1: a `when` event); `when` facts at
    /// or below `lastSeq` are skipped.
    mutating func add(_ facts: [Fact]) {
        let known = lastSeq
        for fact in facts {
            let name = fact.values.first ?? ""
            if fact.role == 0 {
                members[name, default: Member()].base += fact.count
                continue
            }
            guard fact.seq > known else { continue }
            lastSeq = max(lastSeq, fact.seq)
            let mark = Mark(at: fact.at.millisecondsSinceEpoch, seq: fact.seq)
            var member = members[name] ?? Member()
            if member.marks.insertInOrder(mark) == member.marks.endIndex - 1 {
                member.subject = fact.subject
                member.dept = fact.dept
                member.actor = fact.actor
            }
            members[name] = member
        }
    }

    /// The tally as the projections store it: members by name, marks as differences from
    /// the one before.
    func encoded() -> [UInt8] {
        var writer = BinaryRecordWriter(capacity: 16 + members.count * 32 + members.values.reduce(0) { $0 + $1.marks.count * 6 })
        writer.integer(lastSeq)
        writer.integer(Int64(members.count))
        for (name, member) in members.sorted(by: { $0.key < $1.key }) {
            writer.string(name)
            writer.integer(Int64(member.base))
            writer.integer(Int64(member.marks.count))
            writer.marks(member.marks)
            if !member.marks.isEmpty {
                writer.string(member.subject)
                writer.string(member.dept)
                writer.string(member.actor)
            }
        }
        return writer.bytes
    }

    /// Reads a tally written by `encoded()`; nil when damaged.
    init?(encoded bytes: UnsafeRawBufferPointer) {
        var reader = BinaryRecordReader(bytes)
        guard let lastSeq = reader.integer(), let count = reader.count() else { return nil }
        var members = [String: Member](minimumCapacity: count)
        for _ in 0 ..< count {
            guard let name = reader.requiredString(), let base = reader.integer(), base >= 0, let markCount = reader.count(),
                let marks = reader.marks(count: markCount)
            else { return nil }
            var member = Member(base: Int(base), marks: marks)
            if !marks.isEmpty {
                guard let subject = reader.requiredString(), let dept = reader.requiredString(), let actor = reader.string() else {
                    return nil
                }
                member.subject = subject
                member.dept = dept
                member.actor = actor
            }
            members[name] = member
        }
        guard reader.isAtEnd else { return nil }
        self.lastSeq = lastSeq
        self.members = members
    }

    init() {}
}
