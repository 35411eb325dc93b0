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
        let deadlines = rules.evaluators.indices.compactMap { index in
            (rules.evaluators[index] as? DeadlineEvaluator).map { (index, $0) }
        }
        guard !deadlines.isEmpty else { return [] }
        // One read of the keys for every deadline rule (the table is in key order, not rule
        // order), each rule's runs gathered apart and joined in pack order.
        var byRule: [Int: [ClockSpan]] = [:]
        let evaluators = Dictionary(uniqueKeysWithValues: deadlines)
        try projection.forEachKey(
            rules: deadlines.map(\.0), roles: DeadlineEvaluator.spanRoles, payloadFor: DeadlineEvaluator.Role.start.rawValue, upTo: instant
        ) { rule, key, stubs in
            if let deadline = evaluators[rule] { byRule[rule, default: []] += deadline.spans(key: key, stubs: stubs) }
        }
        return deadlines.flatMap { byRule[$0.0] ?? [] }
    }
}
