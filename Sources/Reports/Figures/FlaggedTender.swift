/// A tender (`tender:` subject) with findings that began in the period: the procurement
/// section's entry. The traces are its findings' evidence, with the events' data — the shared
/// machine codes, accounts and prices that point to 陪标, 围标 or 串标.
public struct FlaggedTender: Sendable {
    public let subject: String
    public let dept: String
    /// The findings on it, in the report's order.
    public let findings: [ReportedFinding]
}
