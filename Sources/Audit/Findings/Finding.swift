public import EventLog

/// Something an inspector must look at, with the events that prove it.
public struct Finding: Sendable, Equatable {
    /// Stable: derived from the rule, the key and the anchoring event's (dept, id).
    public var id: String
    public var rule: String
    /// What was found, e.g. `overdue`, `closed_late`, `violation`, `duplicate`.
    public var code: String
    public var severity: Severity
    public var subject: String
    public var dept: String
    public var actor: String?
    /// When the condition began; the finding exists from then on.
    public var began: Instant
    /// For clocks: the instant the finding turns red (before it, yellow). Nil: `level` always.
    public var redFrom: Instant?
    public var level: FindingLevel
    /// The time limit, where there is one.
    public var due: Instant?
    /// The `seq`s of the events that prove it.
    public var evidence: [Int64]
    /// Values for the message, e.g. `["stopped": "2026-11-09T15:40:27+08:00"]`.
    public var details: [String: String]

    public init(
        id: String, rule: String, code: String, severity: Severity, subject: String, dept: String, actor: String?,
        began: Instant, redFrom: Instant? = nil, level: FindingLevel, due: Instant? = nil, evidence: [Int64],
        details: [String: String] = [:]
    ) {
        self.id = id
        self.rule = rule
        self.code = code
        self.severity = severity
        self.subject = subject
        self.dept = dept
        self.actor = actor
        self.began = began
        self.redFrom = redFrom
        self.level = level
        self.due = due
        self.evidence = evidence
        self.details = details
    }

    /// The card shown at `instant`.
    public func level(at instant: Instant) -> FindingLevel {
        guard let redFrom else { return level }
        return instant >= redFrom ? .red : .yellow
    }

    /// A stable id: `F-` and 16 hex digits of SHA-256(rule ‖ key ‖ anchor dept ‖ anchor id ‖ code).
    static func makeID(rule: String, key: String, anchor: Fact, code: String) -> String {
        var hasher = SHA256()
        for part in [rule, key, anchor.dept, anchor.id, code] {
            hasher.update(part)
            hasher.update([0])
        }
        return "F-" + hasher.finalize().hex.prefix(16)
    }
}
