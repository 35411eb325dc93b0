import EventLog

extension DeadlineEvaluator {
    /// The roles a clock's opening and closing play; the other roles never open or close one.
    static let spanRoles = [Role.start.rawValue, Role.stop.rawValue]

    /// The runs of the clock for one key, from its facts in chronological order.
    ///
    /// Pairs starts and stops as `findings(key:facts:calendar:)` does: a start opens a clock
    /// when none is running, a stop closes the running one; pauses, restarts and extensions
    /// move the due instant but never open or close a clock.
    ///
    /// - Complexity: O(*n*) for *n* facts.
    func spans(key: String, facts: [Fact]) -> [ClockSpan] {
        var spans: [ClockSpan] = []
        var open: Fact?
        for fact in facts {
            switch Role(rawValue: fact.role) {
            case .start? where open == nil:
                open = fact
            case .stop?:
                guard let start = open else { continue }
                spans.append(ClockSpan(rule: rule.id, key: key, start: start, stop: fact))
                open = nil
            default:
                continue
            }
        }
        if let open { spans.append(ClockSpan(rule: rule.id, key: key, start: open, stop: nil)) }
        return spans
    }
}
