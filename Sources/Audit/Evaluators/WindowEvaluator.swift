import EventLog

/// `window`: a count or a sum per group passes a threshold — non-open purchases per
/// budget item, category and fiscal year above the open-tender threshold (split purchases,
/// 政府采购法 art. 41 and 实施条例 art. 28).
///
/// `{"when": {"type": "procurement.awarded", "data.method": {"ne": "open_tender"}},
///   "group": ["dept", "data.budget_item", "data.category", "at.fiscal_year"],
///   "sum": "data.amount", "threshold": 2000000, "min_events": 2}`
///
/// The threshold may instead come from a reference event of the group (`threshold_from`):
/// single-source top-ups of one contract above 10% of the contract's own amount
/// (政府采购法 art. 31(3), art. 49):
/// `{"when": {"type": "procurement.awarded", "data.top_up_of": {"exists": true}}, "group": ["data.top_up_of"],
///   "sum": "data.amount", "threshold_from": {"when": {"type": "procurement.awarded"}, "key": "subject",
///   "field": "data.amount", "factor": 0.1}}`
/// — the reference event is the one whose `key` equals the group's key; with no
/// reference in the log the group is not judged.
///
/// With `share`, each member's share of its group is compared instead: one supplier
/// taking more than half of a unit's awards in a year
/// (`"group": ["dept", "at.fiscal_year"], "sum": "data.amount", "share": {"by": "data.supplier", "above": 0.5}`);
/// `min_events` then counts the group's events and `min_total` (optional) its total.
struct WindowEvaluator: RuleEvaluator {
    struct Reference: Sendable {
        let when: Filter
        let key: FieldPath
        let field: FieldPath
        let factor: Double
    }

    struct Share: Sendable {
        let by: FieldPath
        let above: Double
        let minimumTotal: Double
    }

    enum Role: Int { case member, reference }

    let rule: Rule
    let when: Filter
    let group: [FieldPath]
    let sum: FieldPath?
    let threshold: Double
    let reference: Reference?
    let share: Share?
    let minimumEvents: Int
    let eventTypes: Set<String>?

    init(rule: Rule) throws {
        self.rule = rule
        var params = ParamReader(rule)
        when = try params.requiredFilter("when")
        guard let group = try params.fields("group"), !group.isEmpty else { throw params.fail("group", "required") }
        self.group = group
        sum = try params.field("sum")
        let counts = params.has("count")
        if counts == (sum != nil) { throw params.fail("sum", "give either sum (a field) or count: true") }
        if var from = try params.nested("threshold_from") {
            guard group.count == 1 else { throw params.fail("group", "threshold_from needs a group of one field, matched to the reference's key") }
            let when = try from.requiredFilter("when")
            guard let key = try from.field("key") else { throw from.fail("key", "required: the reference event's field equal to the group") }
            guard let field = try from.field("field") else { throw from.fail("field", "required: the reference event's amount") }
            let factor = try from.number("factor") ?? 1
            guard factor > 0 else { throw from.fail("factor", "expected a number above 0") }
            try from.finish()
            reference = Reference(when: when, key: key, field: field, factor: factor)
        } else {
            reference = nil
        }
        if var shareReader = try params.nested("share") {
            guard let by = try shareReader.field("by") else { throw shareReader.fail("by", "required: whose share, e.g. data.supplier") }
            guard let above = try shareReader.number("above"), above > 0, above < 1 else {
                throw shareReader.fail("above", "required: a share between 0 and 1, e.g. 0.5")
            }
            try shareReader.finish()
            share = Share(by: by, above: above, minimumTotal: try params.number("min_total") ?? 0)
        } else {
            share = nil
        }
        if reference != nil && share != nil { throw params.fail("share", "give share or threshold_from, not both") }
        if let threshold = try params.number("threshold") {
            guard reference == nil, share == nil else { throw params.fail("threshold", "not with threshold_from or share") }
            self.threshold = threshold
        } else {
            guard reference != nil || share != nil else { throw params.fail("threshold", "required") }
            threshold = 0
        }
        minimumEvents = try params.integer("min_events", in: 1 ... 1_000_000) ?? 1
        try params.finish()
        eventTypes = union(of: [when, reference?.when])
    }

    func facts(for event: AuditEvent, calendar: WorkCalendar) throws -> [KeyedFact] {
        var facts: [KeyedFact] = []
        if let reference, try reference.when.matches(event, calendar: calendar),
            let key = try reference.key.keyTexts(in: event, calendar: calendar).first,
            let amount = try reference.field.keyTexts(in: event, calendar: calendar).first
        {
            facts.append(KeyedFact(key: key, fact: Fact(event, role: Role.reference.rawValue, values: [amount])))
        }
        guard try when.matches(event, calendar: calendar), let key = try key(group, in: event, calendar: calendar) else { return facts }
        let amount = try sum.map { try $0.keyTexts(in: event, calendar: calendar).first ?? "0" } ?? "1"
        var values = [amount]
        if let share { values.append(try share.by.keyTexts(in: event, calendar: calendar).first ?? "") }
        facts.append(KeyedFact(key: key, fact: Fact(event, role: Role.member.rawValue, values: values)))
        return facts
    }

    func findings(key: String, facts: [Fact], calendar: WorkCalendar) throws -> [Finding] {
        let members = facts.filter { $0.role == Role.member.rawValue }
        guard !members.isEmpty else { return [] }
        if let share { return shares(key: key, members: members, share: share) }
        var threshold = self.threshold
        var details: [String: String] = [:]
        var evidence: [Int64] = []
        if let reference {
            guard let base = facts.last(where: { $0.role == Role.reference.rawValue }), let amount = Double(base.values.first ?? "") else { return [] }
            threshold = amount * reference.factor
            details["reference_subject"] = base.subject
            details["reference_amount"] = base.values.first ?? ""
            details["factor"] = format3(reference.factor)
            evidence.append(base.seq)
        }
        var total = 0.0
        for (index, fact) in members.enumerated() {
            total += amount(fact)
            guard total > threshold, index + 1 >= minimumEvents else { continue }
            let grandTotal = members.reduce(0.0) { $0 + amount($1) }
            details["total"] = format3(grandTotal)
            details["threshold"] = format3(threshold)
            details["count"] = String(members.count)
            describe(key, into: &details)
            return [
                finding(
                    key: key, code: reference == nil ? "threshold_passed" : "reference_threshold_passed", anchor: fact, began: fact.at,
                    evidence: evidence + members.map(\.seq), details: details)
            ]
        }
        return []
    }

    /// Members whose share of the group's total is above `share.above` once every event
    /// of the group is counted. The finding begins where the member's share last rose
    /// above the line and stayed there: "since then this supplier has held most of it".
    private func shares(key: String, members: [Fact], share: Share) -> [Finding] {
        var byMember: [String: [Fact]] = [:]
        for fact in members where fact.values.count > 1 && !fact.values[1].isEmpty { byMember[fact.values[1], default: []].append(fact) }
        let total = members.reduce(0.0) { $0 + amount($1) }
        guard members.count >= minimumEvents, total >= share.minimumTotal, total > 0 else { return [] }
        return byMember.keys.sorted().compactMap { member in
            guard let mine = byMember[member], let last = mine.last else { return nil }
            let part = mine.reduce(0.0) { $0 + amount($1) }
            guard part / total > share.above else { return nil }
            // Walk forward once: the last prefix after which the share never fell back.
            var began = last
            var runningTotal = 0.0
            var runningPart = 0.0
            var above = false
            for (index, fact) in members.enumerated() {
                runningTotal += amount(fact)
                if fact.values.count > 1, fact.values[1] == member { runningPart += amount(fact) }
                let now = index + 1 >= minimumEvents && runningTotal >= share.minimumTotal && runningTotal > 0
                    && runningPart / runningTotal > share.above
                if now && !above { began = fact }
                above = now
            }
            var anchor = last
            anchor.id = member  // one finding per member and group, however many events it gathers
            var details = [
                "member": member, "part": format3(part), "total": format3(total), "share": format3(part / total),
                "above": format3(share.above), "count": String(mine.count), "group_count": String(members.count),
            ]
            describe(key, into: &details)
            return finding(key: key, code: "share_passed", anchor: anchor, began: began.at, evidence: mine.map(\.seq), details: details)
        }
    }

    /// Share rules keep a `ShareTally` per group, threshold rules (without `threshold_from`) a
    /// `ThresholdTally`.
    var keepsTally: Bool { share != nil || reference == nil }

    func tally(of facts: [Fact]) -> [UInt8]? {
        let members = facts.filter { $0.role == Role.member.rawValue }
        if share != nil {
            var tally = ShareTally()
            tally.add(members, amount: amount)
            return tally.encoded()
        }
        guard reference == nil else { return nil }
        var tally = ThresholdTally()
        guard tally.add(members, threshold: threshold, minimumEvents: minimumEvents, amount: amount) else { return nil }
        return tally.encoded()
    }

    func findings(key: String, adding facts: [Fact], toTally stored: UnsafeRawBufferPointer, calendar: WorkCalendar)
        -> (findings: TallyJudgement, tally: [UInt8])?
    {
        let members = facts.filter { $0.role == Role.member.rawValue }
        if let share {
            guard var tally = ShareTally(encoded: stored) else { return nil }
            tally.add(members, amount: amount)
            guard tally.surelyNone(minimumEvents: minimumEvents, above: share.above) else { return nil }
            return (.findings([]), tally.encoded())
        }
        guard reference == nil, var tally = ThresholdTally(encoded: stored),
            tally.add(members.sorted(by: Fact.chronological), threshold: threshold, minimumEvents: minimumEvents, amount: amount)
        else { return nil }
        return (.findings(thresholdFindings(key: key, tally: tally)), tally.encoded())
    }

    /// The finding of a threshold group from its tally: what `findings(key:facts:calendar:)`
    /// makes of the same awards.
    private func thresholdFindings(key: String, tally: ThresholdTally) -> [Finding] {
        guard let anchor = tally.anchor else { return [] }
        var details = ["total": format3(tally.total), "threshold": format3(threshold), "count": String(tally.count)]
        describe(key, into: &details)
        return [finding(key: key, code: "threshold_passed", anchor: anchor.fact, began: anchor.at, evidence: tally.seqs, details: details)]
    }

    private func amount(_ fact: Fact) -> Double { Double(fact.values.first ?? "0") ?? 0 }

    private func describe(_ key: String, into details: inout [String: String]) {
        for (path, part) in zip(group, key.split(separator: "\u{1F}", omittingEmptySubsequences: false)) {
            details[path.description] = String(part)
        }
    }
}
