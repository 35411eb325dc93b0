import EventLog

/// `deadline`: a start event must be followed by a stop event within a time limit.
///
/// Yellow from `yellow_share` of the time allowed, red once past it, and "closed late"
/// when the stop came after the limit. Clock stops (`pause`/`resume`) do not count,
/// `restart` (补正) counts afresh, `extend` lengthens (`add`, `add_from`) or replaces
/// (`set_from`, e.g. 刑事 filing review 3 → 7 or 30 days) the limit. The limit may come
/// from the start event (`limit_from`, a per-case promise) or be an absolute due date in
/// it (`due_from`).
///
/// ```json
/// {"start": {"type": "case.accepted", "data.kind": "criminal"},
///  "stop": {"type": {"in": ["case.filed", "case.not_filed"]}},
///  "limit": {"procedural_days": 3}, "extend": {"when": {"type": "case.review_extended"}, "set_from": "data.days"}}
/// ```
struct DeadlineEvaluator: RuleEvaluator {
    let rule: Rule
    let key: FieldPath
    let start: Filter
    let stop: Filter
    let pause: Filter?
    let resume: Filter?
    let restart: Filter?
    let extendWhen: Filter?
    let extendMode: ExtendMode?
    let limit: DeadlineLimit
    let limitFrom: FieldPath?
    let dueFrom: FieldPath?
    let yellowShare: Double
    let eventTypes: Set<String>?

    enum ExtendMode: Sendable {
        case add(Int)
        case addFrom(FieldPath)
        case setFrom(FieldPath)
    }

    enum Role: Int { case start, stop, pause, resume, restart, extend }

    init(rule: Rule) throws {
        self.rule = rule
        var params = ParamReader(rule)
        key = try params.field("key") ?? FieldPath("subject").unsafelyUnwrappedPath
        start = try params.requiredFilter("start")
        stop = try params.requiredFilter("stop")
        pause = try params.filter("pause")
        resume = try params.filter("resume")
        restart = try params.filter("restart")
        guard var limitReader = try params.nested("limit") else { throw params.fail("limit", "required, e.g. {\"workdays\": 20}") }
        var found: DeadlineLimit?
        let units: [(String, (Int) -> DeadlineLimit)] = [
            ("workdays", DeadlineLimit.workdays), ("calendar_days", DeadlineLimit.calendarDays), ("hours", DeadlineLimit.hours),
            ("procedural_days", DeadlineLimit.proceduralDays),
        ]
        for (name, make) in units {
            if let amount = try limitReader.integer(name, in: 0 ... 100_000) {
                guard found == nil else { throw limitReader.fail(name, "give one unit only") }
                found = make(amount)
            }
        }
        try limitReader.finish()
        guard let found else { throw params.fail("limit", "give one of workdays, calendar_days, hours, procedural_days") }
        limit = found
        limitFrom = try params.field("limit_from")
        dueFrom = try params.field("due_from")
        yellowShare = try params.number("yellow_share") ?? 0.8
        guard yellowShare > 0, yellowShare <= 1 else { throw params.fail("yellow_share", "expected a number in (0, 1]") }
        if var extend = try params.nested("extend") {
            extendWhen = try extend.requiredFilter("when")
            if let amount = try extend.integer("add", in: 1 ... 100_000) {
                extendMode = .add(amount)
            } else if let path = try extend.field("add_from") {
                extendMode = .addFrom(path)
            } else if let path = try extend.field("set_from") {
                extendMode = .setFrom(path)
            } else {
                throw extend.fail("add", "give add, add_from or set_from")
            }
            try extend.finish()
        } else {
            extendWhen = nil
            extendMode = nil
        }
        try params.finish()
        eventTypes = union(of: [start, stop, pause, resume, restart, extendWhen])
    }

    func facts(for event: AuditEvent, calendar: WorkCalendar) throws -> [KeyedFact] {
        let role: Role
        var values: [String] = []
        if try stop.matches(event, calendar: calendar) {
            role = .stop
        } else if try start.matches(event, calendar: calendar) {
            role = .start
            values = [
                try limitFrom?.keyTexts(in: event, calendar: calendar).first ?? "",
                try dueFrom?.keyTexts(in: event, calendar: calendar).first ?? "",
            ]
        } else if let pause, try pause.matches(event, calendar: calendar) {
            role = .pause
        } else if let resume, try resume.matches(event, calendar: calendar) {
            role = .resume
        } else if let restart, try restart.matches(event, calendar: calendar) {
            role = .restart
        } else if let extendWhen, let extendMode, try extendWhen.matches(event, calendar: calendar) {
            role = .extend
            switch extendMode {
            case .add(let amount): values = ["add", String(amount)]
            case .addFrom(let path): values = ["add", try path.keyTexts(in: event, calendar: calendar).first ?? ""]
            case .setFrom(let path): values = ["set", try path.keyTexts(in: event, calendar: calendar).first ?? ""]
            }
        } else {
            return []
        }
        guard let key = try self.key.keyTexts(in: event, calendar: calendar).first else { return [] }
        return [KeyedFact(key: key, fact: Fact(event, role: role.rawValue, values: values))]
    }

    func findings(key: String, facts: [Fact], calendar: WorkCalendar) throws -> [Finding] {
        var findings: [Finding] = []
        var clock: DeadlineClock?
        var anchor: Fact?
        var evidence: [Int64] = []
        var fixedDue: Instant?
        for fact in facts {
            guard let role = Role(rawValue: fact.role) else { continue }
            switch role {
            case .start:
                guard clock == nil else { continue }
                clock = DeadlineClock(limit: limitFor(fact), start: fact.at)
                anchor = fact
                evidence = [fact.seq]
                fixedDue = fact.values.count > 1 ? Self.absoluteDue(fact.values[1], calendar: calendar) : nil
            case .restart:
                guard clock != nil else { continue }
                clock?.restart(at: fact.at)
                evidence.append(fact.seq)
            case .pause:
                guard clock != nil else { continue }
                clock?.pause(at: fact.at)
                evidence.append(fact.seq)
            case .resume:
                guard clock != nil else { continue }
                clock?.resume(at: fact.at)
                evidence.append(fact.seq)
            case .extend:
                guard let current = clock, fact.values.count == 2, let amount = Int(fact.values[1]) else { continue }
                // An extension must be approved within the limit (行政许可法 art. 42: 经批准
                // "可以延长"; the clock leaves this to the rule): one granted after the due
                // instant cannot make a late act on time. Kept as evidence.
                if let due = try fixedDue ?? current.due(in: calendar), fact.at > due {
                    evidence.append(fact.seq)
                    continue
                }
                let total = current.limit.amount + current.extensions
                let added = fact.values[0] == "set" ? amount - total : amount
                if added > 0 { clock?.extend(by: added) }
                evidence.append(fact.seq)
            case .stop:
                guard let current = clock, let anchor else { continue }
                if let due = try fixedDue ?? current.due(in: calendar), fact.at > due {
                    findings.append(finding(
                        key: key, code: "closed_late", anchor: anchor, began: due.advanced(by: 1), evidence: evidence + [fact.seq],
                        level: .red, due: due,
                        details: ["limit": describe(current), "stopped": Self.local(fact.at, calendar)]))
                }
                clock = nil
                evidence = []
                fixedDue = nil
            }
        }
        if let current = clock, let anchor, let due = try fixedDue ?? current.due(in: calendar) {
            let span = Double(due.millisecondsSinceEpoch - current.start.millisecondsSinceEpoch)
            let yellowFrom = current.start.advanced(by: Int64((span * yellowShare).rounded(.down)))
            findings.append(finding(
                key: key, code: "overdue", anchor: anchor, began: min(yellowFrom, due), evidence: evidence, level: .red,
                redFrom: due.advanced(by: 1), due: due, details: ["limit": describe(current)]))
        }
        return findings
    }

    private func limitFor(_ start: Fact) -> DeadlineLimit {
        guard let text = start.values.first, !text.isEmpty, let amount = Int(text), amount >= 0 else { return limit }
        switch limit {
        case .workdays: return .workdays(amount)
        case .calendarDays: return .calendarDays(amount)
        case .hours: return .hours(amount)
        case .proceduralDays: return .proceduralDays(amount)
        }
    }

    private func describe(_ clock: DeadlineClock) -> String {
        let total = clock.limit.amount + clock.extensions
        switch clock.limit {
        case .workdays: return "\(total) workdays"
        case .calendarDays: return "\(total) days"
        case .hours: return "\(total) hours"
        case .proceduralDays: return "\(total) procedural days"
        }
    }

    /// A due date given in the data: `YYYY-MM-DD` (end of that day) or an RFC 3339 instant.
    static func absoluteDue(_ text: String, calendar: WorkCalendar) -> Instant? {
        if text.isEmpty { return nil }
        if let date = CalendarDate(iso: text) { return calendar.endOfDay(date) }
        return Instant(rfc3339: text)
    }

    static func local(_ instant: Instant, _ calendar: WorkCalendar) -> String {
        instant.string(offsetSeconds: calendar.utcOffsetSeconds)
    }
}

extension Instant {
    /// This instant moved by `milliseconds`.
    func advanced(by milliseconds: Int64) -> Instant {
        Instant(millisecondsSinceEpoch: millisecondsSinceEpoch + milliseconds)
    }
}

extension Optional where Wrapped == FieldPath {
    /// For literals known to parse.
    var unsafelyUnwrappedPath: FieldPath {
        guard let path = self else { preconditionFailure("built-in field path must parse") }
        return path
    }
}
