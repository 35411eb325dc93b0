/// What happened to one envelope offered to the log.
public enum AppendResult: Sendable, Equatable {
    /// Stored at this `seq`.
    case appended(seq: Int64)
    /// Same (dept, id) and same content as the event at this `seq`: skipped.
    case duplicate(of: Int64)
    /// Same (dept, id) as the event at this `seq` but different content: rejected.
    case conflict(with: Int64)
}

/// The outcome of one appended batch.
public struct BatchOutcome: Sendable, Equatable {
    /// One result per envelope, in the order given.
    public var results: [AppendResult]
    /// The chain head after the batch.
    public var head: ChainHead
    /// The `recorded` instant given to every event of the batch.
    public var recorded: Instant

    public var appended: Int { results.count { if case .appended = $0 { true } else { false } } }
    public var duplicates: Int { results.count { if case .duplicate = $0 { true } else { false } } }
    public var conflicts: Int { results.count { if case .conflict = $0 { true } else { false } } }
}
