import EventLog

/// `late_entry`: events recorded long after they happened (补录, 体外循环: work done
/// outside the system and typed in later), unless covered by a declared backfill.
///
/// `ingest --backfill REASON` appends a `log.backfill_declared` event naming who, why, and
/// the seq range and departments it covered; late events inside a declared range are not
/// flagged. One finding per department and ingest batch.
/// `{"lag_hours": 72}`
struct LateEntryEvaluator: RuleEvaluator {
    static let declarationType = "log.backfill_declared"

    let rule: Rule
    let lagMilliseconds: Int64
    let when: Filter?
    let eventTypes: Set<String>? = nil

    init(rule: Rule) throws {
        self.rule = rule
        var params = ParamReader(rule)
        let hours = try params.number("lag_hours") ?? 72
        guard hours > 0 else { throw params.fail("lag_hours", "expected a positive number of hours") }
        lagMilliseconds = Int64(hours * 3_600_000)
        when = try params.filter("when")
        try params.finish()
    }

    func facts(for event: AuditEvent, calendar: WorkCalendar) throws -> [KeyedFact] {
        if event.type == Self.declarationType {
            let first = event.data["first_seq"]?.int64Value ?? 0
            let last = event.data["last_seq"]?.int64Value ?? 0
            let depts = event.data["depts"]?.arrayValue?.compactMap(\.stringValue) ?? []
            return depts.map { KeyedFact(key: $0, fact: Fact(event, role: 0, values: [String(first), String(last)])) }
        }
        guard event.recorded.millisecondsSinceEpoch - event.at.millisecondsSinceEpoch > lagMilliseconds else { return [] }
        if let when, try !when.matches(event, calendar: calendar) { return [] }
        return [KeyedFact(key: event.dept, fact: Fact(event, role: 1))]
    }

    func findings(key: String, facts: [Fact], calendar: WorkCalendar) throws -> [Finding] {
        let declared = facts.filter { $0.role == 0 }.compactMap(LateEntryTally.range(of:))
        let late = facts.filter { fact in fact.role == 1 && !declared.contains { $0.contains(fact.seq) } }
        return batchFindings(key: key, late: late, calendar: calendar)
    }

    /// One finding per batch: events recorded at the same instant were ingested together.
    private func batchFindings(key: String, late: [Fact], calendar: WorkCalendar) -> [Finding] {
        let batches = Dictionary(grouping: late, by: \.recorded)
        return batches.keys.sorted().compactMap { recorded in
            guard let events = batches[recorded]?.sorted(by: { $0.seq < $1.seq }), let first = events.first else { return nil }
            let maximumLag = events.map { recorded.millisecondsSinceEpoch - $0.at.millisecondsSinceEpoch }.max() ?? 0
            return finding(
                key: key, code: "late_entry", anchor: first, began: recorded, evidence: events.map(\.seq),
                details: ["count": String(events.count), "max_lag_hours": format3(Double(maximumLag) / 3_600_000),
                          "recorded": DeadlineEvaluator.local(recorded, calendar)])
        }
    }

    /// Each department keeps a `LateEntryTally`.
    var keepsTally: Bool { true }

    func tally(of facts: [Fact]) -> [UInt8]? {
        var tally = LateEntryTally()
        tally.add(facts)
        return tally.encoded()
    }

    /// New late events in batches of their own add those batches' findings; anything else
    /// (a declaration, a batch met before) is judged from every fact.
    func findings(key: String, adding facts: [Fact], toTally stored: UnsafeRawBufferPointer, calendar: WorkCalendar)
        -> (findings: TallyJudgement, tally: [UInt8])?
    {
        guard var tally = LateEntryTally(encoded: stored) else { return nil }
        let new = facts.filter { $0.seq > tally.lastSeq }
        guard !new.contains(where: { $0.role == 0 || tally.batches.contains($0.recorded.millisecondsSinceEpoch) }) else { return nil }
        let late = new.filter { fact in !tally.declared.contains { $0.contains(fact.seq) } }
        tally.add(new)
        return (.added(batchFindings(key: key, late: late, calendar: calendar)), tally.encoded())
    }
}
