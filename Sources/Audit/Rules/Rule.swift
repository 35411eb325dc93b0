public import EventLog

/// One rule of a pack: what it reads, what it flags, how serious, and on what basis.
public struct Rule: Sendable {
    public let id: String
    public let pack: String
    public let name: LocalizedText
    public let kind: String
    public let severity: Severity
    /// The law or policy the rule encodes, in both languages.
    public let basis: LocalizedText
    /// The level of findings that have no clock (deadline findings go yellow, then red).
    public let level: FindingLevel
    /// The pack file it came from.
    public let file: String
    public let params: JSONObject
}
