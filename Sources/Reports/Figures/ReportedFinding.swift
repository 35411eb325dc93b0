public import Audit

/// A finding as a report lists it: the audit's finding with its message in both languages
/// and the events that prove it.
public struct ReportedFinding: Sendable {
    public let audited: AuditedFinding
    /// What was found, in words; empty in the inspectors' list, which does not show it.
    public let message: LocalizedText
    /// In the order the finding names them; a seq the log no longer has is left out. Empty in
    /// the inspectors' list, which gives only the finding's seqs.
    public let evidence: [EvidenceEvent]
    /// Working days from the day it began to the as-of day, as the escalation ladder counts;
    /// nil when the calendar cannot count them.
    public let workdaysOpen: Int?

    public var finding: Finding { audited.finding }
    public var rule: Rule { audited.rule }
    public var state: FindingState { audited.state }
    public var level: FindingLevel { audited.level }
}
