public import EventLog

/// Which findings an audit lists: the audit command's `--pack`, `--dept`, `--level` and `--all`.
public struct FindingFilter: Sendable {
    /// Only these rules' findings (by rule id); nil: every rule's.
    public var rules: Set<String>?
    public var dept: String?
    /// Only findings showing this card at the audit's instant.
    public var level: FindingLevel?
    /// Also findings no longer active (rectified; yellow ones explained or dismissed).
    public var includeInactive: Bool

    public init(rules: Set<String>? = nil, dept: String? = nil, level: FindingLevel? = nil, includeInactive: Bool = false) {
        self.rules = rules
        self.dept = dept
        self.level = level
        self.includeInactive = includeInactive
    }

    /// Every finding, active or not.
    public static let everything = FindingFilter(includeInactive: true)

    func admits(_ item: AuditedFinding) -> Bool {
        admits(item.finding, level: item.level, active: item.state.active)
    }

    func admits(_ finding: Finding, level shown: FindingLevel, active: Bool) -> Bool {
        (rules.map { $0.contains(finding.rule) } ?? true) && (dept.map { finding.dept == $0 } ?? true)
            && (level.map { shown == $0 } ?? true) && (includeInactive || active)
    }
}

/// An audit's findings as of an instant, read from the projections only as they are listed.
///
/// An incremental audit changes a few findings among hundreds of thousands; decoding every
/// one to answer it made the audit grow with the log (half of it at 5M events). Here the
/// counts come from the stored cards (rule, department, card) in one pass over a narrow
/// index, corrected for the few findings inspectors have disposed of; each finding is decoded,
/// and its state resolved, only when it is listed, in the order of `AuditResult.findings`.
///
/// Not `Sendable`: it reads through the engine's connection, which must outlive it.
public final class AuditListing {
    public let asOf: Instant
    public let mode: AuditResult.Mode
    /// Events newly read from the log to bring the projections up to date.
    public let eventsRead: Int
    /// Why some keys could not be judged, and findings the escalation ladder could not place.
    public let problems: [(message: String, keys: Int)]

    private enum Source {
        /// Judged in memory (an instant before the latest event).
        case replayed([AuditedFinding])
        case stored(AuditEngine, StateResolver)
    }

    private let source: Source

    init(asOf: Instant, mode: AuditResult.Mode, eventsRead: Int, problems: [(message: String, keys: Int)], replayed: [AuditedFinding]) {
        self.asOf = asOf
        self.mode = mode
        self.eventsRead = eventsRead
        self.problems = problems
        source = .replayed(replayed)
    }

    init(asOf: Instant, eventsRead: Int, problems: [(message: String, keys: Int)], engine: AuditEngine, states: StateResolver) {
        self.asOf = asOf
        mode = .projection
        self.eventsRead = eventsRead
        self.problems = problems
        source = .stored(engine, states)
    }

    /// How many findings `filter` admits, and how many of them show a red card.
    ///
    /// - Complexity: from the projections, one pass over the stored cards plus one lookup per
    ///   disposed finding; no finding is decoded unless disposed of.
    public func count(_ filter: FindingFilter) throws -> (findings: Int, red: Int) {
        switch source {
        case .replayed(let items):
            let admitted = items.filter(filter.admits)
            return (admitted.count, admitted.count { $0.level == .red })
        case .stored(let engine, let states):
            let rules = engine.rules.rules
            var findings = 0
            var red = 0
            for (rule, redCount, count) in try engine.projection.cardCounts(visibleAt: asOf, dept: filter.dept) {
                guard rules.indices.contains(rule), filter.rules.map({ $0.contains(rules[rule].id) }) ?? true else { continue }
                switch filter.level {
                case nil: findings += count
                case .red?: findings += redCount
                case .yellow?: findings += count - redCount
                }
                if filter.level != .yellow { red += redCount }
            }
            guard !filter.includeInactive else { return (findings, red) }
            // Only a disposed finding can be inactive: take away those counted above.
            for id in states.disposedFindings {
                try engine.projection.forEachFinding(id: id, ruleIDs: rules.map(\.id)) { finding, rule in
                    guard finding.began <= asOf, rules.indices.contains(rule), finding.rule == rules[rule].id else { return }
                    let level = finding.level(at: asOf)
                    guard filter.admits(finding, level: level, active: true), !states.isActive(finding, level: level) else { return }
                    findings -= 1
                    if level == .red { red -= 1 }
                }
            }
            return (findings, red)
        }
    }

    /// Calls `body` with each finding `filter` admits, in the order of `AuditResult.findings`:
    /// when each began, then rule id, then id.
    public func forEach(_ filter: FindingFilter, _ body: (AuditedFinding) throws -> Void) throws {
        switch source {
        case .replayed(let items):
            for item in items where filter.admits(item) { try body(item) }
        case .stored(let engine, var states):
            let rules = engine.rules.rules
            try engine.projection.forEachFinding(visibleAt: asOf, dept: filter.dept, ruleIDs: rules.map(\.id)) { finding, rule in
                guard rules.indices.contains(rule), finding.rule == rules[rule].id else { return }
                if let ids = filter.rules, !ids.contains(finding.rule) { return }
                if let level = filter.level, finding.level(at: asOf) != level { return }
                let item = try states.audited(finding, rule: engine.sharedRules[rule])
                if filter.admits(item) { try body(item) }
            }
        }
    }
}
