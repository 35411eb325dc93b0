/// Where a catch-up's time went on the engine's thread: storing the batches' facts, rows and
/// the findings of new keys; judging the keys left stale (from tallies or stored facts);
/// committing; and the rest — reading the log and waiting for the batcher's thread.
///
/// The benchmark prints them so that an incremental audit at 1M and at 5M events can be
/// compared phase by phase.
public struct CatchUpPhases: Sendable, Equatable {
    public var storing: Duration = .zero
    public var judgingStale: Duration = .zero
    public var commit: Duration = .zero
    public var total: Duration = .zero

    /// Reading the log and waiting for the batcher: what the other phases leave of the total.
    public var readingAndWaiting: Duration { total - storing - judgingStale - commit }

    public init() {}
}
