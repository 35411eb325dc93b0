/// One department's late entries in the period: `late_entry` findings (events recorded long
/// after they happened with no declared backfill) that began — were recorded — in it.
public struct LateEntries: Sendable, Equatable {
    public let dept: String
    /// Findings: one per department and ingest batch.
    public let batches: Int
    /// Events in those batches.
    public let events: Int
    /// The longest lag, in hours, as the findings give it (`max_lag_hours`).
    public let maximumLagHours: String
}
