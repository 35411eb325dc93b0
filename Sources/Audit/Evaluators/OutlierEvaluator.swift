import EventLog

/// `outlier`: an actor deviates from its peers or from its own history.
///
/// `peers`: the rate of `when` events per `base` event of each actor in a `group`
/// (e.g. revocations per penalty decided, per unit) above `factor` × the unit's median
/// rate (or, when the median is 0, × the unit's overall rate).
/// `history`: an actor's count of `when` events on one day above `factor` × its median
/// daily count (look-ups far above the person's usual volume).
struct OutlierEvaluator: RuleEvaluator {
    enum Mode: String { case peers, history }

    let rule: Rule
    let mode: Mode
    let when: Filter
    let base: Filter?
    let actor: FieldPath
    let group: FieldPath
    let factor: Double
    let minimumBase: Int
    let minimumCount: Int
    let eventTypes: Set<String>?

    init(rule: Rule) throws {
        self.rule = rule
        var params = ParamReader(rule)
        let modeText = try params.string("mode") ?? "peers"
        guard let mode = Mode(rawValue: modeText) else { throw params.fail("mode", "expected peers or history") }
        self.mode = mode
        when = try params.requiredFilter("when")
        base = try params.filter("base")
        if mode == .peers && base == nil { throw params.fail("base", "required in peers mode: what the rate is per") }
        actor = try params.field("actor") ?? FieldPath("actor").unsafelyUnwrappedPath
        group = try params.field("group") ?? FieldPath("dept").unsafelyUnwrappedPath
        factor = try params.number("factor") ?? 3
        minimumBase = try params.integer("min_base", in: 1 ... 1_000_000) ?? 10
        minimumCount = try params.integer("min_count", in: 1 ... 1_000_000) ?? 3
        try params.finish()
        eventTypes = union(of: [when, base])
    }

    func facts(for event: AuditEvent, calendar: WorkCalendar) throws -> [KeyedFact] {
        guard let actorText = try actor.keyTexts(in: event, calendar: calendar).first else { return [] }
        switch mode {
        case .peers:
            guard let groupText = try group.keyTexts(in: event, calendar: calendar).first else { return [] }
            if try when.matches(event, calendar: calendar) {
                return [KeyedFact(key: groupText, fact: Fact(event, role: 1, values: [actorText]))]
            }
            if let base, try base.matches(event, calendar: calendar) {
                var fact = Fact(event, role: 0, values: [actorText])
                fact.seq = 0
                return [KeyedFact(key: groupText, fact: fact, aggregate: true)]
            }
            return []
        case .history:
            guard try when.matches(event, calendar: calendar) else { return [] }
            return [KeyedFact(key: actorText, fact: Fact(event, role: 1, values: [calendar.localDate(of: event.at).description]))]
        }
    }

    func findings(key: String, facts: [Fact], calendar: WorkCalendar) throws -> [Finding] {
        mode == .peers ? peers(key: key, facts: facts) : history(key: key, facts: facts)
    }

    /// The median of an actor's day counts (the mean of the middle two, in whole events).
    private static func median(_ dayCounts: [Int]) -> Double {
        let counts = dayCounts.sorted()
        return Double(counts.count % 2 == 1 ? counts[counts.count / 2] : (counts[counts.count / 2 - 1] + counts[counts.count / 2]) / 2)
    }

    /// `peers` keeps a `PeerTally` per group, `history` a `DayTally` per actor.
    var keepsTally: Bool { true }

    /// A `PeerTally` adds the base counts of aggregated facts as their stored rows do.
    var tallyTakesAggregates: Bool { mode == .peers }

    func tally(of facts: [Fact]) -> [UInt8]? {
        switch mode {
        case .peers:
            var tally = PeerTally()
            tally.add(facts)
            return tally.encoded()
        case .history:
            var tally = DayTally()
            guard tally.add(facts) else { return nil }
            tally.keep(factor: factor, minimumCount: minimumCount)
            return tally.encoded()
        }
    }

    /// `peers`: judged from the tally alone; the stored findings stand when it finds the same.
    /// `history`: the stored findings stand when the new events change neither the outlying
    /// days, nor their counts, nor the median as the findings show it; otherwise they are
    /// built from the days the tally holds whole, unless an outlying day is not among them.
    func findings(key: String, adding facts: [Fact], toTally stored: UnsafeRawBufferPointer, calendar: WorkCalendar)
        -> (findings: TallyJudgement, tally: [UInt8])?
    {
        switch mode {
        case .peers:
            guard var tally = PeerTally(encoded: stored) else { return nil }
            let before = peers(key: key, tally: tally)
            tally.add(facts)
            let after = peers(key: key, tally: tally)
            return (before == after ? .unchanged : .findings(after), tally.encoded())
        case .history:
            guard var tally = DayTally(encoded: stored) else { return nil }
            guard let before = tally.outlying(factor: factor, minimumCount: minimumCount), tally.add(facts),
                let after = tally.outlying(factor: factor, minimumCount: minimumCount)
            else { return nil }
            let judgement: TallyJudgement
            if before.days == after.days, after.days.isEmpty || before.median.map(format3) == after.median.map(format3) {
                judgement = .unchanged
            } else {
                guard let findings = history(key: key, tally: tally, outlying: after) else { return nil }
                judgement = .findings(findings)
            }
            tally.keep(factor: factor, minimumCount: minimumCount)
            return (judgement, tally.encoded())
        }
    }

    private func peers(key: String, facts: [Fact]) -> [Finding] {
        var tally = PeerTally()
        tally.add(facts)
        return peers(key: key, tally: tally)
    }

    /// Judging every fact and judging the tally are one: the facts are first tallied.
    private func peers(key: String, tally: PeerTally) -> [Finding] {
        let eligible = tally.members.filter { $0.value.base >= minimumBase }
        guard !eligible.isEmpty else { return [] }
        let rates = eligible.values.map { Double($0.marks.count) / Double($0.base) }.sorted()
        let median = rates.count % 2 == 1 ? rates[rates.count / 2] : (rates[rates.count / 2 - 1] + rates[rates.count / 2]) / 2
        let totalEvents = eligible.values.reduce(0) { $0 + $1.marks.count }
        let unitRate = Double(totalEvents) / Double(eligible.values.reduce(0) { $0 + $1.base })
        let reference = median > 0 ? median : unitRate
        guard reference > 0 else { return [] }
        return eligible.keys.sorted().compactMap { name in
            guard let member = eligible[name], member.marks.count >= minimumCount, let last = member.marks.last else { return nil }
            let rate = Double(member.marks.count) / Double(member.base)
            guard rate > factor * reference else { return nil }
            let at = Instant(millisecondsSinceEpoch: last.at)
            // One finding per actor and unit, whatever the latest event: the actor is its id.
            let anchor = Fact(
                seq: last.seq, role: 1, at: at, recorded: at, dept: member.dept, actor: member.actor, subject: member.subject, id: name)
            return finding(
                key: key, code: "outlier", anchor: anchor, began: at, evidence: member.marks.map(\.seq),
                details: ["actor": name, "count": String(member.marks.count), "base": String(member.base), "rate": format3(rate),
                          "reference": format3(reference), "factor": format3(factor)])
        }
    }

    /// The findings of the outlying days, from the days the tally holds whole (as judging
    /// every fact gives them); nil when it does not hold one of them.
    private func history(key: String, tally: DayTally, outlying: (median: Double?, days: [DayTally.DayCount])) -> [Finding]? {
        guard let median = outlying.median else { return [] }
        var findings: [Finding] = []
        for entry in outlying.days {
            guard let held = tally.kept[entry.day], held.marks.count == entry.count, let first = held.marks.first,
                let last = held.marks.last
            else { return nil }
            let at = Instant(millisecondsSinceEpoch: first.at)
            let anchor = Fact(
                seq: first.seq, role: 1, at: at, recorded: at, dept: held.dept, actor: held.actor, subject: held.subject, id: held.id)
            findings.append(finding(
                key: key, code: "outlier_day", anchor: anchor, began: Instant(millisecondsSinceEpoch: last.at),
                evidence: held.marks.map(\.seq),
                details: ["actor": key, "date": CalendarDate(daysSinceEpoch: entry.day).description, "count": String(entry.count),
                          "median": format3(median), "factor": format3(factor)]))
        }
        return findings
    }

    private func history(key: String, facts: [Fact]) -> [Finding] {
        var days: [String: [Fact]] = [:]
        for fact in facts { days[fact.values.first ?? "", default: []].append(fact) }
        guard days.count >= 3 else { return [] }
        let median = Self.median(days.values.map(\.count))
        return days.keys.sorted().compactMap { day in
            guard let mine = days[day], mine.count >= minimumCount, Double(mine.count) > factor * median, let last = mine.last else { return nil }
            return finding(
                key: key, code: "outlier_day", anchor: mine[0], began: last.at, evidence: mine.map(\.seq),
                details: ["actor": key, "date": day, "count": String(mine.count), "median": format3(median), "factor": format3(factor)])
        }
    }
}
