import Audit
import EventLog

extension ReportDocument {
    /// Evidence items shown per finding in Markdown and HTML; the JSON and CSV files list all.
    static let evidenceShown = 12
    /// Characters of an event's data shown in a trace table.
    static let dataShown = 400
    /// Rows of the inspectors' list shown in Markdown and HTML (most working days open first);
    /// the JSON and CSV files list all.
    static let escalatedShown = 200

    /// Lays out a report in one language.
    ///
    /// - Parameters:
    ///   - report: the report.
    ///   - language: the language of every fixed word; rule names, bases and messages are given
    ///     in it too. Text from events is shown as it is.
    ///   - charts: whether to draw the SVG charts (HTML) or leave them out (Markdown).
    init(_ report: OversightReport, language: Language, charts: Bool) {
        let title = ReportWording.title.text(language) + " · " + ReportWording.name(of: report.period, language)
        self.init(language: language, title: title)
        var layout = Layout(report: report, language: language)
        layout.header(into: &self)
        layout.headline(into: &self)
        if charts { layout.charts(into: &self) }
        layout.departments(into: &self)
        layout.findings(into: &self)
        layout.procurement(into: &self)
        layout.dataQuality(into: &self)
        layout.inspectors(into: &self)
        layout.definitions(into: &self)
    }
}

/// The sections of a report document, written from the report in one language.
private struct Layout {
    let report: OversightReport
    let language: Language

    init(report: OversightReport, language: Language) {
        self.report = report
        self.language = language
    }

    func t(_ text: LocalizedText) -> String { text.text(language) }

    func local(_ instant: Instant) -> String { instant.string(offsetSeconds: report.calendar.utcOffsetSeconds) }

    var colon: String { language == .zh ? "：" : ": " }

    mutating func header(into document: inout ReportDocument) {
        var title: [Inline] = [.text(document.title)]
        if let dept = report.dept { title += [.text(" · "), .event(dept)] }
        document.heading(1, title)
        let period = ReportWording.name(of: report.period, language) + (language == .zh ? "（" : " (") + ReportWording.span(of: report.period) + (language == .zh ? "）" : ")")
        let previous = ReportWording.name(of: report.previousPeriod, language) + (language == .zh ? "（" : " (") + ReportWording.span(of: report.previousPeriod) + (language == .zh ? "）" : ")")
        let size = FigureText.count(Int(report.logHead.size))
        let logText = language == .zh
            ? "\(report.logID)，\(size) 条事件，链头 \(report.logHead.hash.hex)"
            : "\(report.logID), \(size) events, head \(report.logHead.hash.hex)"
        document.list([
            [.strong(t(ReportWording.period)), .text(colon + period)],
            [.strong(t(ReportWording.previousPeriod)), .text(colon + previous)],
            [.strong(t(ReportWording.department)), .text(colon)] + (report.dept.map { [Inline.event($0)] } ?? [.text(t(ReportWording.allDepartments))]),
            [.strong(t(ReportWording.asOf)), .text(colon + local(report.asOf))],
            [.strong(t(ReportWording.log)), .text(colon + logText)],
            [.strong(t(ReportWording.calendar)), .text(colon + report.calendar.name)],
        ])
    }

    /// The headline rows: label, this period, previous, change.
    func figureRows(_ now: PeriodFigures, _ before: PeriodFigures) -> [[String]] {
        var rows: [[String]] = [
            [t(ReportWording.events), FigureText.count(now.events), FigureText.count(before.events), FigureText.change(now.events, before.events)],
            [t(ReportWording.started), FigureText.count(now.started), FigureText.count(before.started), FigureText.change(now.started, before.started)],
            [t(ReportWording.finished), FigureText.count(now.finished), FigureText.count(before.finished), FigureText.change(now.finished, before.finished)],
            [t(ReportWording.onTime), FigureText.count(now.onTime), FigureText.count(before.onTime), FigureText.change(now.onTime, before.onTime)],
            [t(ReportWording.onTimeRate), FigureText.percent(now.onTimeRate), FigureText.percent(before.onTimeRate),
             FigureText.pointChange(now.onTimeRate, before.onTimeRate, language)],
            [t(ReportWording.handling), FigureText.median(now.medianHandlingWorkdays), FigureText.median(before.medianHandlingWorkdays),
             FigureText.medianChange(now.medianHandlingWorkdays, before.medianHandlingWorkdays)],
            [t(ReportWording.overdueOpen), FigureText.count(now.overdueOpen), FigureText.count(before.overdueOpen),
             FigureText.change(now.overdueOpen, before.overdueOpen)],
            [t(ReportWording.findingCount), FigureText.count(now.findings), FigureText.count(before.findings), FigureText.change(now.findings, before.findings)],
            [t(ReportWording.red), FigureText.count(now.red), FigureText.count(before.red), FigureText.change(now.red, before.red)],
            [t(ReportWording.yellow), FigureText.count(now.yellow), FigureText.count(before.yellow), FigureText.change(now.yellow, before.yellow)],
        ]
        for severity in Severity.allCases.reversed() {
            let a = now.bySeverity[severity] ?? 0
            let b = before.bySeverity[severity] ?? 0
            rows.append([t(ReportWording.severity(severity)), FigureText.count(a), FigureText.count(b), FigureText.change(a, b)])
        }
        rows += [
            [t(ReportWording.disposed), FigureText.count(now.disposed), FigureText.count(before.disposed), FigureText.change(now.disposed, before.disposed)],
            [t(ReportWording.disposalRate), FigureText.percent(now.disposalRate), FigureText.percent(before.disposalRate),
             FigureText.pointChange(now.disposalRate, before.disposalRate, language)],
            [t(ReportWording.toDispose), FigureText.median(now.medianWorkdaysToDispose), FigureText.median(before.medianWorkdaysToDispose),
             FigureText.medianChange(now.medianWorkdaysToDispose, before.medianWorkdaysToDispose)],
            [t(ReportWording.rectifiedRed), FigureText.count(now.rectifiedRed), FigureText.count(before.rectifiedRed),
             FigureText.change(now.rectifiedRed, before.rectifiedRed)],
            [t(ReportWording.rectificationRate), FigureText.percent(now.rectificationRate), FigureText.percent(before.rectificationRate),
             FigureText.pointChange(now.rectificationRate, before.rectificationRate, language)],
        ]
        return rows
    }

    mutating func headline(into document: inout ReportDocument) {
        document.heading(2, t(ReportWording.headline), id: "headline")
        var table = ReportTable(
            headers: [t(ReportWording.metric), t(ReportWording.thisPeriod), t(ReportWording.lastPeriod), t(ReportWording.change)],
            numeric: [1, 2, 3], style: "figures")
        for row in figureRows(report.current, report.previous) { table.add(texts: row) }
        document.table(table)
        document.heading(3, t(ReportWording.weekly), id: "weekly")
        var weeks = ReportTable(
            headers: [t(ReportWording.week), t(ReportWording.dates), t(ReportWording.events), t(ReportWording.findingCount)], numeric: [2, 3],
            style: "weekly")
        for week in report.weeks {
            weeks.add(texts: [week.label, "\(week.first) – \(week.last)", FigureText.count(week.events), FigureText.count(week.findings)])
        }
        document.table(weeks)
    }

    mutating func charts(into document: inout ReportDocument) {
        document.heading(3, t(ReportWording.charts), id: "charts")
        let rows = report.departments
        document.chart(
            svg: SVGChart.pairedBars(
                rows.map { SVGChart.Pair(label: $0.dept, now: $0.current.events, before: $0.previous.events, text: (FigureText.count($0.current.events), FigureText.count($0.previous.events))) },
                scale: rows.map { max($0.current.events, $0.previous.events) }.max() ?? 0, legend: (t(ReportWording.thisPeriod), t(ReportWording.lastPeriod)),
                title: t(ReportWording.chartDepartments), empty: t(ReportWording.noCharts)),
            caption: t(ReportWording.chartDepartments))
        document.chart(
            svg: SVGChart.weekly(report.weeks, current: report.period, labels: (t(ReportWording.events), t(ReportWording.findingCount)), title: t(ReportWording.chartWeekly),
                                 empty: t(ReportWording.noCharts)),
            caption: t(ReportWording.chartWeekly))
        var rates: [SVGChart.Pair] = [SVGChart.Pair(
            label: t(ReportWording.allDepartments), now: report.current.onTimeRate?.permille, before: report.previous.onTimeRate?.permille,
            text: (FigureText.percent(report.current.onTimeRate), FigureText.percent(report.previous.onTimeRate)))]
        if report.dept == nil {
            rates += rows.filter { $0.current.finished > 0 || $0.previous.finished > 0 }.map { row in
                SVGChart.Pair(label: row.dept, now: row.current.onTimeRate?.permille, before: row.previous.onTimeRate?.permille,
                              text: (FigureText.percent(row.current.onTimeRate), FigureText.percent(row.previous.onTimeRate)))
            }
        } else {
            rates[0] = SVGChart.Pair(label: report.dept ?? "", now: rates[0].now, before: rates[0].before, text: rates[0].text)
        }
        document.chart(
            svg: SVGChart.pairedBars(rates, scale: 1000, legend: (t(ReportWording.thisPeriod), t(ReportWording.lastPeriod)), title: t(ReportWording.chartOnTime),
                                     empty: t(ReportWording.noCharts)),
            caption: t(ReportWording.chartOnTime))
    }

    mutating func departments(into document: inout ReportDocument) {
        document.heading(2, t(ReportWording.departments), id: "departments")
        var table = ReportTable(
            headers: [
                t(ReportWording.rank), t(ReportWording.department), t(ReportWording.events), t(ReportWording.started), t(ReportWording.finished),
                t(ReportWording.onTimeRate), t(ReportWording.handling), t(ReportWording.overdueOpen), t(ReportWording.red), t(ReportWording.yellow),
                t(ReportWording.disposalRate), t(ReportWording.rectificationRate),
            ],
            numeric: Set(2...11), style: "departments")
        for row in report.departments {
            let now = row.current
            let before = row.previous
            func counted(_ a: Int, _ b: Int) -> [Inline] { [.text(FigureText.count(a)), .lineBreak, .text(FigureText.change(a, b))] }
            table.add([
                [.text(String(row.rank))], [.event(row.dept)], counted(now.events, before.events), counted(now.started, before.started),
                counted(now.finished, before.finished),
                [.text(FigureText.percent(now.onTimeRate)), .lineBreak, .text(FigureText.pointChange(now.onTimeRate, before.onTimeRate, language))],
                [.text(FigureText.median(now.medianHandlingWorkdays)), .lineBreak,
                 .text(FigureText.medianChange(now.medianHandlingWorkdays, before.medianHandlingWorkdays))],
                counted(now.overdueOpen, before.overdueOpen), counted(now.red, before.red), counted(now.yellow, before.yellow),
                [.text(FigureText.percent(now.disposalRate)), .lineBreak, .text(FigureText.pointChange(now.disposalRate, before.disposalRate, language))],
                [.text(FigureText.percent(now.rectificationRate)), .lineBreak,
                 .text(FigureText.pointChange(now.rectificationRate, before.rectificationRate, language))],
            ])
        }
        if report.departments.isEmpty { document.paragraph([.text(t(ReportWording.none))]) } else { document.table(table) }
    }

    func evidenceCell(_ finding: ReportedFinding) -> [Inline] {
        var cell: [Inline] = []
        for (index, event) in finding.evidence.prefix(ReportDocument.evidenceShown).enumerated() {
            if index > 0 { cell.append(.lineBreak) }
            cell += [.text("#\(event.seq) "), .event(event.type), .text(" "), .code(String(event.head.hex.prefix(12)))]
        }
        if finding.evidence.count > ReportDocument.evidenceShown {
            cell += [.lineBreak, .text(t(ReportWording.more(finding.evidence.count - ReportDocument.evidenceShown)))]
        }
        return cell
    }

    func whoCell(_ finding: Finding) -> [Inline] {
        [.event(finding.subject), .lineBreak, .event(finding.dept), .lineBreak] + (finding.actor.map { [Inline.event($0)] } ?? [.text(t(ReportWording.noActor))])
    }

    func cardCell(_ item: ReportedFinding) -> [Inline] {
        [.code(item.finding.id), .lineBreak, .card(item.level, item.level.label.text(language)), .lineBreak, .text(item.finding.severity.label.text(language))]
    }

    mutating func findings(into document: inout ReportDocument) {
        document.heading(2, t(ReportWording.findings), id: "findings")
        if !report.rules.isEmpty {
            document.heading(3, t(ReportWording.byRule), id: "rules")
            var rules = ReportTable(
                headers: [
                    t(ReportWording.ruleColumn), t(ReportWording.severityColumn), t(ReportWording.findingCount), t(ReportWording.red), t(ReportWording.yellow),
                    t(ReportWording.disposed), t(ReportWording.started), t(ReportWording.finished), t(ReportWording.onTimeRate), t(ReportWording.overdueOpen),
                ],
                numeric: Set(2...9), style: "rules")
            for row in report.rules {
                let deadline = row.rule.kind == "deadline"
                func clock(_ value: Int) -> String { deadline ? FigureText.count(value) : "" }
                rules.add([
                    [.strong(row.rule.name.text(language)), .text(" "), .code(row.rule.id), .lineBreak, .text(row.rule.basis.text(language))],
                    [.text(row.rule.severity.label.text(language))], [.text(FigureText.count(row.findings))], [.text(FigureText.count(row.red))],
                    [.text(FigureText.count(row.yellow))], [.text(FigureText.count(row.disposed))], [.text(clock(row.started))], [.text(clock(row.finished))],
                    [.text(deadline ? FigureText.percent(row.onTimeRate) : "")], [.text(clock(row.overdueOpen))],
                ])
            }
            document.table(rules)
        }
        document.heading(3, t(ReportWording.findingList), id: "finding-list")
        guard !report.findings.isEmpty else { return document.paragraph([.text(t(ReportWording.none))]) }
        var table = ReportTable(
            headers: [
                t(ReportWording.card), t(ReportWording.ruleColumn), t(ReportWording.subject), t(ReportWording.what), t(ReportWording.state),
                t(ReportWording.evidence),
            ],
            style: "findings")
        for item in report.findings {
            var what: [Inline] = [.text(item.message.text(language)), .lineBreak, .text(t(ReportWording.began) + colon + local(item.finding.began))]
            if let due = item.finding.due { what += [.lineBreak, .text(t(ReportWording.due) + colon + local(due))] }
            table.add([
                cardCell(item), [.strong(item.rule.name.text(language))], whoCell(item.finding), what,
                [.text(ReportWording.state(item.state, language, offset: report.calendar.utcOffsetSeconds))], evidenceCell(item),
            ])
        }
        document.table(table)
    }

    mutating func procurement(into document: inout ReportDocument) {
        document.heading(2, t(ReportWording.procurement), id: "procurement")
        guard !report.tenders.isEmpty else { return document.paragraph([.text(t(ReportWording.none))]) }
        for tender in report.tenders {
            document.heading(3, [.event(tender.subject), .text(" · "), .event(tender.dept)])
            document.list(tender.findings.map { item in
                [.card(item.level, item.level.label.text(language)), .text(" "), .strong(item.rule.name.text(language)), .text(colon + item.message.text(language) + " "),
                 .code(item.finding.id)]
            })
            var traces = ReportTable(
                headers: ["seq", t(ReportWording.at), t(ReportWording.type), t(ReportWording.actor), t(ReportWording.data), "head"], numeric: [0], style: "traces")
            var seen: Set<Int64> = []
            for event in tender.findings.flatMap(\.evidence).sorted(by: { $0.seq < $1.seq }) where seen.insert(event.seq).inserted {
                let data = event.data.count > ReportDocument.dataShown ? String(event.data.prefix(ReportDocument.dataShown)) + "…" : event.data
                traces.add([
                    [.text(String(event.seq))], [.event(event.at)], [.event(event.type)], [event.actor.map { .event($0) } ?? .text(t(ReportWording.noActor))],
                    [.event(data)], [.code(String(event.head.hex.prefix(12)))],
                ])
            }
            document.paragraph([.strong(t(ReportWording.trace))])
            document.table(traces)
        }
    }

    mutating func dataQuality(into document: inout ReportDocument) {
        let quality = report.dataQuality
        document.heading(2, t(ReportWording.dataQuality), id: "data-quality")
        document.heading(3, t(ReportWording.lateEntries))
        if quality.lateEntries.isEmpty {
            document.paragraph([.text(t(ReportWording.none))])
        } else {
            var table = ReportTable(
                headers: [t(ReportWording.department), t(ReportWording.batches), t(ReportWording.lateEvents), t(ReportWording.maximumLag)], numeric: [1, 2, 3])
            for entry in quality.lateEntries {
                table.add([[.event(entry.dept)], [.text(FigureText.count(entry.batches))], [.text(FigureText.count(entry.events))], [.text(entry.maximumLagHours)]])
            }
            document.table(table)
        }
        document.heading(3, t(ReportWording.rejected))
        document.paragraph(Inline.prose(t(ReportWording.rejectedNote)))
        document.heading(3, t(ReportWording.silent))
        if quality.silentDepartments.isEmpty {
            document.paragraph([.text(t(ReportWording.none))])
        } else {
            document.list(quality.silentDepartments.map { [.event($0)] })
        }
        document.heading(3, t(ReportWording.notJudged))
        if quality.notJudged.isEmpty {
            document.paragraph([.text(t(ReportWording.none))])
        } else {
            document.list(quality.notJudged.map { [.text("\($0.message) (\(FigureText.count($0.keys)))")] })
        }
    }

    mutating func inspectors(into document: inout ReportDocument) {
        document.heading(2, t(ReportWording.inspectors), id: "inspectors")
        guard !report.escalated.isEmpty else { return document.paragraph([.text(t(ReportWording.none))]) }
        var steps: [(LocalizedText, Int)] = []
        for item in report.escalated {
            guard let to = item.state.escalatedTo else { continue }
            if let index = steps.firstIndex(where: { $0.0 == to }) { steps[index].1 += 1 } else { steps.append((to, 1)) }
        }
        var summary = ReportTable(headers: [t(ReportWording.reached), t(ReportWording.findingCount)], numeric: [1], style: "figures")
        for (to, count) in steps { summary.add(texts: [to.text(language), FigureText.count(count)]) }
        document.table(summary)
        var table = ReportTable(
            headers: [
                t(ReportWording.card), t(ReportWording.ruleColumn), t(ReportWording.subject), t(ReportWording.began), t(ReportWording.workdaysOpen),
                t(ReportWording.reached), t(ReportWording.state),
            ],
            numeric: [4], style: "inspectors")
        for item in report.escalated.prefix(ReportDocument.escalatedShown) {
            table.add([
                cardCell(item), [.strong(item.rule.name.text(language))], whoCell(item.finding), [.text(local(item.finding.began))],
                [.text(item.workdaysOpen.map(String.init) ?? "—")], [.strong(item.state.escalatedTo?.text(language) ?? "")],
                [.text(ReportWording.state(item.state, language, offset: report.calendar.utcOffsetSeconds, reached: false))],
            ])
        }
        document.table(table)
        if report.escalated.count > ReportDocument.escalatedShown {
            document.paragraph([.text(t(ReportWording.more(report.escalated.count - ReportDocument.escalatedShown)))])
        }
    }

    mutating func definitions(into document: inout ReportDocument) {
        document.heading(2, t(ReportWording.definitions), id: "definitions")
        document.list(ReportWording.definitionList.map { Inline.prose($0.text(language)) })
        document.heading(3, t(ReportWording.checking))
        document.paragraph(Inline.prose(t(ReportWording.checkingText)))
        document.paragraph([.text(t(ReportWording.generated))])
    }
}
