public import EventLog

/// An inspector's decision on a finding, itself an event in the log (`finding.explained`,
/// `finding.dismissed`, `finding.escalated`, `finding.rectified`).
public struct Disposition: Sendable, Equatable {
    public enum Action: String, Sendable, CaseIterable {
        case explain, dismiss, escalate, rectify

        /// The event type that records it.
        public var eventType: String {
            switch self {
            case .explain: "finding.explained"
            case .dismiss: "finding.dismissed"
            case .escalate: "finding.escalated"
            case .rectify: "finding.rectified"
            }
        }

        init?(eventType: String) {
            guard let action = Self.allCases.first(where: { $0.eventType == eventType }) else { return nil }
            self = action
        }
    }

    public var finding: String
    public var action: Action
    public var at: Instant
    public var by: String
    public var reason: String
    public var seq: Int64

    public init(finding: String, action: Action, at: Instant, by: String, reason: String, seq: Int64) {
        self.finding = finding
        self.action = action
        self.at = at
        self.by = by
        self.reason = reason
        self.seq = seq
    }

    /// The disposition an event records, if it is one.
    init?(_ event: AuditEvent) {
        guard let action = Action(eventType: event.type), let finding = event.data["finding"]?.stringValue else { return nil }
        self.finding = finding
        self.action = action
        self.at = event.at
        self.by = event.actor ?? ""
        self.reason = event.data["reason"]?.stringValue ?? ""
        self.seq = event.seq
    }
}

/// Where a finding stands at an instant: its dispositions and the escalation ladder.
public struct FindingState: Sendable, Equatable {
    public enum Status: String, Sendable {
        case open, explained, escalated, dismissed, rectified
    }

    public var status: Status
    /// Whether it still counts: a red card turns off only when rectified (整改不完成，预警不变色);
    /// a yellow one also when explained or dismissed.
    public var active: Bool
    /// The ladder step reached while unexplained, or escalated by hand.
    public var escalatedTo: LocalizedText?
    public var last: Disposition?

    static func resolve(
        _ finding: Finding, level: FindingLevel, dispositions: [Disposition], at instant: Instant, ladder: EscalationLadder,
        calendar: WorkCalendar
    ) throws -> FindingState {
        let relevant = dispositions.filter { $0.at <= instant }.sorted { $0.at != $1.at ? $0.at < $1.at : $0.seq < $1.seq }
        let last = relevant.last
        var status: Status = .open
        if relevant.contains(where: { $0.action == .rectify }) {
            status = .rectified
        } else if let last {
            switch last.action {
            case .explain: status = .explained
            case .dismiss: status = .dismissed
            case .escalate: status = .escalated
            case .rectify: status = .rectified
            }
        }
        let active: Bool
        switch status {
        case .rectified: active = false
        case .explained, .dismissed: active = level == .red
        case .open, .escalated: active = true
        }
        var escalatedTo: LocalizedText?
        if status == .open || status == .escalated {
            escalatedTo = try ladder.step(began: finding.began, at: instant, calendar: calendar)?.to
            if status == .escalated, escalatedTo == nil { escalatedTo = ladder.steps.first?.to }
        }
        return FindingState(status: status, active: active, escalatedTo: escalatedTo, last: last)
    }
}
