public import EventLog

extension AuditEngine {
    /// Every run of every deadline rule's clock as of an instant, from the stored projections.
    ///
    /// Brings the projections up to date first. A clock's opening and closing are facts the
    /// projections keep with the instant they happened, so the runs as of any instant — before
    /// the last event too — come from the facts that happened by then, exactly as a replay
    /// would pair them.
    ///
    /// - Parameter instant: the as-of instant; facts that happened after it are left out.
    /// - Returns: the runs ordered by rule (in pack order), key, and start.
    /// - Throws: `SQLiteError`.
    /// - Complexity: O(*f* log *f*) for *f* start and stop facts up to `instant`.
    public func clockSpans(asOf instant: Instant) throws -> [ClockSpan] {
        try catchUp()
        var spans: [ClockSpan] = []
        for (index, evaluator) in rules.evaluators.enumerated() {
            guard let deadline = evaluator as? DeadlineEvaluator else { continue }
            try projection.forEachKey(rule: index, roles: DeadlineEvaluator.spanRoles, payloadFor: DeadlineEvaluator.Role.start.rawValue, upTo: instant) {
                spans += deadline.spans(key: $0, stubs: $1)
            }
        }
        return spans
    }
}
