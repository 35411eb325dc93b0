import EventLog

/// A finding's card and state at an audit's instant, from the dispositions of it.
struct StateResolver {
    private let byFinding: [String: [Disposition]]
    let rules: RuleSet
    let instant: Instant
    /// Findings the ladder could not place, by why.
    private var unladdered: [String: Int] = [:]

    init(dispositions: [Disposition], rules: RuleSet, at instant: Instant) {
        var byFinding: [String: [Disposition]] = [:]
        for disposition in dispositions { byFinding[disposition.finding, default: []].append(disposition) }
        self.byFinding = byFinding
        self.rules = rules
        self.instant = instant
    }

    /// The ids of the findings inspectors have disposed of: the only ones that can be inactive.
    var disposedFindings: [String] { byFinding.keys.sorted() }

    mutating func audited(_ finding: Finding, rule: SharedRule) throws -> AuditedFinding {
        let level = finding.level(at: instant)
        let dispositions = byFinding[finding.id] ?? []
        let state: FindingState
        do {
            state = try FindingState.resolve(finding, level: level, dispositions: dispositions, at: instant, ladder: rules.ladder, calendar: rules.calendar)
        } catch let error as CalendarError {
            // A finding the ladder cannot place (its wait crosses a year the calendar lacks)
            // is still reported, without an escalation step.
            unladdered["escalation: \(error)", default: 0] += 1
            state = try FindingState.resolve(
                finding, level: level, dispositions: dispositions, at: instant, ladder: EscalationLadder(steps: []), calendar: rules.calendar)
        }
        return AuditedFinding(finding: finding, rule: rule, level: level, state: state)
    }

    /// Whether a finding is active. The ladder is consulted only for open and escalated
    /// findings, which are active whatever it says: left out, nothing can fail.
    func isActive(_ finding: Finding, level: FindingLevel) -> Bool {
        let resolved = try? FindingState.resolve(
            finding, level: level, dispositions: byFinding[finding.id] ?? [], at: instant, ladder: EscalationLadder(steps: []), calendar: rules.calendar)
        return resolved?.active ?? true
    }

    /// The findings the ladder could not place, as problems.
    var unladderedProblems: [(message: String, keys: Int)] {
        unladdered.sorted { $0.key < $1.key }.map { (message: $0.key, keys: $0.value) }
    }
}
