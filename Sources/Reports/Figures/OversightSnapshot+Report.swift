import Audit
import EventLog

extension OversightSnapshot {
    /// The report for one period, against the period before it.
    ///
    /// - Parameters:
    ///   - period: the period reported on.
    ///   - dept: only this department's events, clocks and findings, or nil for all.
    /// - Returns: the report; `PeriodFigures` documents what each figure counts.
    /// - Throws: `SQLiteError` reading the census or the evidence.
    public func report(for period: ReportPeriod, dept: String?) throws -> OversightReport {
        let previousPeriod = period.previous
        let current = try tallies(period, dept: dept)
        let previous = try tallies(previousPeriod, dept: dept)
        let departments = rank(current: current, previous: previous, dept: dept)
        let ruleFigures = try ruleTallies(period, dept: dept)
        let inPeriod = audit.findings.indices.filter { began(in: period, audit.findings[$0]) && matches(dept, audit.findings[$0]) }
        let periodFindings = try inPeriod.sorted { Self.reportOrder(audit.findings[$0], audit.findings[$1]) }.map { try reported(audit.findings[$0], full: true) }
        let escalated = try climbed(dept: dept)
        let byTender = Dictionary(grouping: periodFindings.filter { $0.finding.subject.hasPrefix("tender:") }, by: \.finding.subject)
        let tenders = byTender.keys.sorted().compactMap { subject in
            byTender[subject].flatMap { findings in findings.first.map { FlaggedTender(subject: subject, dept: $0.finding.dept, findings: findings) } }
        }
        return OversightReport(
            period: period, previousPeriod: previousPeriod, asOf: asOf, dept: dept, calendar: rules.calendar, logID: logID,
            logHead: logHead, current: current.total.result, previous: previous.total.result, departments: departments, rules: ruleFigures,
            weeks: try weeks(from: previousPeriod.first, through: period.last, dept: dept), findings: periodFindings, tenders: tenders,
            dataQuality: try dataQuality(period, findings: periodFindings, dept: dept), escalated: escalated)
    }

    /// The inspectors' list: active findings neither explained, dismissed nor rectified that
    /// have reached a step of the ladder, most working days open first.
    func climbed(dept: String?) throws -> [ReportedFinding] {
        let items = try audit.findings.filter { item in
            item.state.active && (item.state.status == .open || item.state.status == .escalated) && item.state.escalatedTo != nil
                && matches(dept, item)
        }.map { try reported($0, full: false) }
        // Sorted by index: the entries are large to move.
        let order = items.indices.sorted { i, j in
            let (a, b) = (items[i].workdaysOpen ?? -1, items[j].workdaysOpen ?? -1)
            return a != b ? a > b : Self.reportOrder(items[i].audited, items[j].audited)
        }
        return order.map { items[$0] }
    }

    /// Red before yellow, then severity (critical first), when it began, and id.
    static func reportOrder(_ a: AuditedFinding, _ b: AuditedFinding) -> Bool {
        if a.level != b.level { return a.level > b.level }
        if a.finding.severity != b.finding.severity { return a.finding.severity > b.finding.severity }
        if a.finding.began != b.finding.began { return a.finding.began < b.finding.began }
        return a.finding.id < b.finding.id
    }

    // MARK: - Figures

    /// The figures of a period for the report and each department.
    func tallies(_ period: ReportPeriod, dept: String?) throws -> DepartmentTallies {
        let calendar = rules.calendar
        let start = period.start(in: calendar)
        let end = period.end(in: calendar)
        let close = min(end, asOf)
        var tallies = DepartmentTallies(only: dept)
        for (name, events) in try census.counts(from: start, through: close) {
            tallies.add(name) { $0.figures.events += events }
        }
        for run in runs {
            let role = role(of: run, start: start, end: end, close: close)
            guard role.started || role.finished || role.overdueOpen else { continue }
            let days = role.finished ? run.span.stop.flatMap { stop in
                try? calendar.workdays(after: calendar.localDate(of: run.span.start), through: calendar.localDate(of: stop))
            } : nil
            tallies.add(run.span.dept) { tally in
                if role.started { tally.figures.started += 1 }
                if role.finished { tally.figures.finished += 1 }
                if role.onTime { tally.figures.onTime += 1 }
                if let days { tally.handlingWorkdays.append(days) }
                if role.overdueOpen { tally.figures.overdueOpen += 1 }
            }
        }
        for item in audit.findings where start <= item.finding.began && item.finding.began <= end {
            let status = item.state.status
            let disposed = status == .explained || status == .dismissed || status == .rectified
            let days = item.state.last.flatMap { last in
                try? calendar.workdays(after: calendar.localDate(of: item.finding.began), through: calendar.localDate(of: last.at))
            }
            tallies.add(item.finding.dept) { tally in
                tally.figures.findings += 1
                if item.level == .red { tally.figures.red += 1 } else { tally.figures.yellow += 1 }
                tally.figures.bySeverity[item.finding.severity, default: 0] += 1
                if disposed {
                    tally.figures.disposed += 1
                    if let days { tally.workdaysToDispose.append(days) }
                }
                if item.level == .red && status == .rectified { tally.figures.rectifiedRed += 1 }
            }
        }
        return tallies
    }

    /// What a clock run counts as in a period from `start` to `end` whose close is `close`
    /// (see `PeriodFigures`).
    func role(of run: ClockRun, start: Instant, end: Instant, close: Instant) -> (started: Bool, finished: Bool, onTime: Bool, overdueOpen: Bool) {
        let span = run.span
        let started = start <= span.start && span.start <= end
        let finished = span.stop.map { start <= $0 && $0 <= end } ?? false
        let onTime = finished && !run.closedLate
        let open = span.start <= close && (span.stop.map { $0 > close } ?? true)
        let overdue = open && (run.due.map { $0 < close } ?? false)
        return (started, finished, onTime, overdue)
    }

    /// Each rule's findings and clocks in the period (see `RuleFigures`), in pack order.
    func ruleTallies(_ period: ReportPeriod, dept: String?) throws -> [RuleFigures] {
        let calendar = rules.calendar
        let start = period.start(in: calendar)
        let end = period.end(in: calendar)
        let close = min(end, asOf)
        var figures = rules.rules.map(RuleFigures.init)
        let index = Dictionary(uniqueKeysWithValues: rules.rules.enumerated().map { ($1.id, $0) })
        for run in runs where dept.map({ run.span.dept == $0 }) ?? true {
            guard let position = index[run.span.rule] else { continue }
            let role = role(of: run, start: start, end: end, close: close)
            if role.started { figures[position].started += 1 }
            if role.finished { figures[position].finished += 1 }
            if role.onTime { figures[position].onTime += 1 }
            if role.overdueOpen { figures[position].overdueOpen += 1 }
        }
        for item in audit.findings where start <= item.finding.began && item.finding.began <= end && matches(dept, item) {
            guard let position = index[item.finding.rule] else { continue }
            figures[position].findings += 1
            if item.level == .red { figures[position].red += 1 } else { figures[position].yellow += 1 }
            if [.explained, .dismissed, .rectified].contains(item.state.status) { figures[position].disposed += 1 }
        }
        return figures.filter { !$0.isEmpty }
    }

    /// Departments with anything in either period, ranked (see `OversightReport.departments`).
    func rank(current: DepartmentTallies, previous: DepartmentTallies, dept: String?) -> [DepartmentFigures] {
        let names = dept.map { [$0] } ?? Array(Set(current.byDept.keys).union(previous.byDept.keys))
        let rows = names.map { name in
            (name, current.byDept[name]?.result ?? PeriodFigures(), previous.byDept[name]?.result ?? PeriodFigures())
        }.filter { row in dept != nil || row.1 != PeriodFigures() || row.2 != PeriodFigures() }
        let sorted = rows.sorted { a, b in
            let x = a.1
            let y = b.1
            if x.red != y.red { return x.red > y.red }
            if x.overdueOpen != y.overdueOpen { return x.overdueOpen > y.overdueOpen }
            if x.yellow != y.yellow { return x.yellow > y.yellow }
            switch (x.onTimeRate, y.onTimeRate) {
            case let (p?, q?) where p.part * q.whole != q.part * p.whole: return p.part * q.whole < q.part * p.whole
            case (.some, nil): return true
            case (nil, .some): return false
            default: break
            }
            if x.events != y.events { return x.events > y.events }
            return a.0 < b.0
        }
        return sorted.enumerated().map { index, row in DepartmentFigures(dept: row.0, rank: index + 1, current: row.1, previous: row.2) }
    }

    /// Whole ISO weeks from the one holding `first` to the one holding `last`.
    func weeks(from first: CalendarDate, through last: CalendarDate, dept: String?) throws -> [WeekCount] {
        let calendar = rules.calendar
        var findingsByWeek: [ISOWeek: Int] = [:]
        for item in audit.findings where matches(dept, item) {
            findingsByWeek[ISOWeek(containing: calendar.localDate(of: item.finding.began)), default: 0] += 1
        }
        var weeks: [WeekCount] = []
        var monday = ISOWeek(containing: first).monday
        while monday <= last {
            let week = ISOWeek(containing: monday)
            let counts = try census.counts(from: calendar.startOfDay(monday), through: min(calendar.endOfDay(monday.adding(days: 6)), asOf))
            let events = dept.map { counts[$0] ?? 0 } ?? counts.values.reduce(0, +)
            weeks.append(WeekCount(week: week, events: events, findings: findingsByWeek[week] ?? 0))
            monday = monday.adding(days: 7)
        }
        return weeks
    }

    func dataQuality(_ period: ReportPeriod, findings: [ReportedFinding], dept: String?) throws -> DataQuality {
        let calendar = rules.calendar
        var late: [String: (batches: Int, events: Int, lag: String, lagValue: Double)] = [:]
        for item in findings where item.rule.kind == "late_entry" {
            let lag = item.finding.details["max_lag_hours"] ?? ""
            let value = Double(lag) ?? 0
            var entry = late[item.finding.dept] ?? (0, 0, lag, value)
            entry.batches += 1
            entry.events += item.finding.evidence.count
            if value > entry.lagValue { (entry.lag, entry.lagValue) = (lag, value) }
            late[item.finding.dept] = entry
        }
        let now = try census.counts(from: period.start(in: calendar), through: min(period.end(in: calendar), asOf))
        let before = try census.counts(from: period.previous.start(in: calendar), through: min(period.previous.end(in: calendar), asOf))
        var silent: [String] = []
        for (name, events) in before where events > 0 && now[name] == nil && (dept == nil || dept == name) {
            silent.append(name)
        }
        silent.sort()
        return DataQuality(
            lateEntries: late.keys.sorted().compactMap { name in
                late[name].map { LateEntries(dept: name, batches: $0.batches, events: $0.events, maximumLagHours: $0.lag) }
            },
            silentDepartments: silent,
            notJudged: audit.problems.map { UnjudgedKeys(message: $0.message, keys: $0.keys) })
    }

    // MARK: - Findings

    private func began(in period: ReportPeriod, _ item: AuditedFinding) -> Bool {
        let calendar = rules.calendar
        return period.start(in: calendar) <= item.finding.began && item.finding.began <= period.end(in: calendar)
    }

    private func matches(_ dept: String?, _ item: AuditedFinding) -> Bool {
        dept.map { item.finding.dept == $0 } ?? true
    }

    /// The finding as listed: in `full`, with its message and its evidence events read from the
    /// log; otherwise (the inspectors' list, which gives the finding's seqs) without either.
    private func reported(_ item: AuditedFinding, full: Bool) throws -> ReportedFinding {
        let calendar = rules.calendar
        let open = try? calendar.workdays(after: calendar.localDate(of: item.finding.began), through: calendar.localDate(of: asOf))
        guard full else { return ReportedFinding(audited: item, message: LocalizedText(zh: "", en: ""), evidence: [], workdaysOpen: open) }
        return ReportedFinding(
            audited: item,
            message: LocalizedText(zh: item.message(.zh, calendar: calendar), en: item.message(.en, calendar: calendar)),
            evidence: try item.finding.evidence.compactMap { try evidence.event($0) }, workdaysOpen: open)
    }
}
