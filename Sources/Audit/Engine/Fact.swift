public import EventLog

/// What a rule keeps of an event: enough to judge it later without re-reading the log.
public struct Fact: Sendable, Equatable {
    public var seq: Int64
    /// Which part of the rule the event plays (start, stop, pause, …), rule-specific.
    public var role: Int
    public var at: Instant
    public var recorded: Instant
    public var dept: String
    public var actor: String?
    public var subject: String
    /// The event's id (with `dept`, its stable identity).
    public var id: String
    /// Rule-specific values read from the event (amounts, holders, dates …) as text.
    public var values: [String]
    /// How many events this fact stands for (aggregated facts count more than one).
    public var count: Int

    public init(
        seq: Int64, role: Int, at: Instant, recorded: Instant, dept: String, actor: String?, subject: String, id: String,
        values: [String] = [], count: Int = 1
    ) {
        self.seq = seq
        self.role = role
        self.at = at
        self.recorded = recorded
        self.dept = dept
        self.actor = actor
        self.subject = subject
        self.id = id
        self.values = values
        self.count = count
    }

    /// The fact an event plays in a role.
    public init(_ event: AuditEvent, role: Int, values: [String] = []) {
        self.init(
            seq: event.seq, role: role, at: event.at, recorded: event.recorded, dept: event.dept, actor: event.actor,
            subject: event.subject, id: event.id, values: values)
    }

    /// Order of judgement: when it happened, then log order, then role (one event can play
    /// two roles under one key), so that facts in hand and facts read back sort alike.
    static func chronological(_ a: Fact, _ b: Fact) -> Bool {
        if a.at != b.at { return a.at < b.at }
        return a.seq != b.seq ? a.seq < b.seq : a.role < b.role
    }

    /// Keeps one of each (seq, role) in facts in chronological order: a packed row's facts
    /// (`PackedFacts`) and rows stored after it may repeat one, where two processes caught
    /// up on the same events (rows alone cannot: the table's key refuses the second).
    static func removeRepeats(_ facts: inout [Fact]) {
        facts.removeAdjacentRepeats { $0.seq == $1.seq && $0.role == $1.role }
    }
}

/// A fact filed under a key (a subject, a holder, a group …).
struct KeyedFact: Sendable {
    var key: String
    var fact: Fact
    /// Aggregated facts with the same key, role and values add their counts instead of
    /// being stored one by one.
    var aggregate = false
    /// The fact's values already in their stored form (each as `BinaryRecordWriter.string`
    /// writes it), `fact.values` then left empty: values read from an event's bytes need not
    /// become strings only to be encoded again. Never for an aggregated fact.
    var encodedValues: [UInt8]? = nil

    /// The fact with its values, decoded from `encodedValues` where they are encoded.
    var decodedFact: Fact {
        guard let encodedValues else { return fact }
        var decoded = fact
        decoded.values = encodedValues.withUnsafeBytes { raw in
            var reader = BinaryRecordReader(raw)
            var values: [String] = []
            while !reader.isAtEnd, let value = reader.requiredString() { values.append(value) }
            return values
        }
        return decoded
    }
}
