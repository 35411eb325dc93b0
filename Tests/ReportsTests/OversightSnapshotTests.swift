import Audit
import EventLog
import Reports
import Testing

/// Exact figures on a small log whose every clock, holiday and disposition is worked out by
/// hand in the comments (2026 holidays: 9-25 to 9-27 and 10-01 to 10-07; Saturday 10-10 a
/// working day).
@Suite("Oversight figures")
struct OversightSnapshotTests {
    /// The October 2026 log: departments d.a, d.b, d.c; see each line.
    static func octoberLog() throws -> ReportFixture {
        let log = try ReportFixture()
        // d.a — app:1 accepted Tue 9-29: 3 working days run 9-30, 10-08, 10-09; approved 10-09: on time, 3 days.
        try log.add("application.accepted", "app:1", at: "2026-09-29T10:00:00+08:00", dept: "d.a")
        try log.add("application.approved", "app:1", at: "2026-10-09T16:00:00+08:00", dept: "d.a")
        // app:2 accepted Mon 10-12, due Thu 10-15, approved Tue 10-20: closed late (red from 10-16), 6 days.
        try log.add("application.accepted", "app:2", at: "2026-10-12T09:00:00+08:00", dept: "d.a")
        try log.add("application.approved", "app:2", at: "2026-10-20T10:00:00+08:00", dept: "d.a")
        // app:3 accepted Mon 10-26, due Thu 10-29, never decided: overdue (yellow from 10-29 06:20, red from 10-30).
        try log.add("application.accepted", "app:3", at: "2026-10-26T09:00:00+08:00", dept: "d.a")
        // app:4 accepted Wed 10-28, refused the next day without a reason: on time (1 day), and a yellow t.reason.
        try log.add("application.accepted", "app:4", at: "2026-10-28T09:00:00+08:00", dept: "d.a")
        try log.add("application.rejected", "app:4", at: "2026-10-29T15:00:00+08:00", dept: "d.a", data: #"{"basis":"art. 38"}"#)
        // A note typed in 18 days (432 hours) late, with no backfill declared: a late entry recorded 10-20.
        try log.add("note.filed", "note:1", at: "2026-10-02T10:00:00+08:00", dept: "d.a", recorded: "2026-10-20T10:00:00+08:00")
        // d.b — app:5 in September, on time (1 day).
        try log.add("application.accepted", "app:5", at: "2026-09-07T09:00:00+08:00", dept: "d.b")
        try log.add("application.approved", "app:5", at: "2026-09-08T09:00:00+08:00", dept: "d.b")
        // app:6 accepted Mon 9-21, due Thu 9-24, approved on make-up Saturday 10-10: closed late (red from 9-25),
        // 9 working days across the Mid-Autumn and National Day holidays; open past due when September closed.
        try log.add("application.accepted", "app:6", at: "2026-09-21T09:00:00+08:00", dept: "d.b")
        try log.add("application.approved", "app:6", at: "2026-10-10T11:00:00+08:00", dept: "d.b")
        // app:7 decided the day it was accepted: 0 days.
        try log.add("application.accepted", "app:7", at: "2026-10-14T09:00:00+08:00", dept: "d.b")
        try log.add("application.approved", "app:7", at: "2026-10-14T17:00:00+08:00", dept: "d.b")
        // d.c — active in September only.
        try log.add("note.filed", "note:2", at: "2026-09-15T10:00:00+08:00", dept: "d.c")
        return log
    }

    /// Explains app:4's refusal (2 working days after it began) and rectifies app:2's late decision (14 working days).
    static func dispose(_ log: ReportFixture) throws {
        let before = try log.snapshot(asOf: "2026-11-01T00:00:00+08:00")
        let ids = Dictionary(uniqueKeysWithValues: before.audit.findings.map { ("\($0.finding.rule) \($0.finding.subject)", $0.finding.id) })
        let reason = try #require(ids["t.reason app:4"])
        let late = try #require(ids["t.decide app:2"])
        try log.add("finding.explained", "finding:\(reason)", at: "2026-11-02T10:00:00+08:00", dept: "oversight", actor: "inspector:1",
                    data: #"{"finding":"\#(reason)","reason":"说明已补正"}"#)
        try log.add("finding.rectified", "finding:\(late)", at: "2026-11-05T10:00:00+08:00", dept: "oversight", actor: "inspector:1",
                    data: #"{"finding":"\#(late)","reason":"已整改"}"#)
    }

    func october(dept: String? = nil) throws -> OversightReport {
        let log = try Self.octoberLog()
        try Self.dispose(log)
        let period = try #require(ReportPeriod(parsing: "2026-10"))
        return try log.snapshot(asOf: "2026-11-10T12:00:00+08:00").report(for: period, dept: dept)
    }

    @Test("headline figures for October against September, exactly")
    func headline() throws {
        let report = try october()
        let now = report.current
        #expect(now.events == 10)
        #expect(now.started == 4)
        #expect(now.finished == 5)
        #expect(now.onTime == 3)
        #expect(now.onTimeRate == Ratio(3, of: 5))
        // Handling days 3, 6, 1, 9, 0.
        #expect(now.medianHandlingWorkdays?.text == "3")
        #expect(now.overdueOpen == 1)
        #expect(now.findings == 4)
        #expect(now.red == 2)
        #expect(now.yellow == 2)
        #expect(now.bySeverity == [.critical: 0, .high: 2, .medium: 2, .low: 0])
        #expect(now.disposed == 2)
        #expect(now.disposalRate == Ratio(2, of: 4))
        // 2 and 14 working days.
        #expect(now.medianWorkdaysToDispose?.text == "8")
        #expect(now.rectifiedRed == 1)
        #expect(now.rectificationRate == Ratio(1, of: 2))

        let before = report.previous
        #expect(report.previousPeriod.label == "2026-09")
        #expect(before.events == 5)
        #expect(before.started == 3)
        #expect(before.finished == 1)
        #expect(before.onTime == 1)
        #expect(before.medianHandlingWorkdays?.text == "1")
        #expect(before.overdueOpen == 1)
        #expect(before.findings == 1)
        #expect(before.red == 1)
        #expect(before.rectificationRate == Ratio(0, of: 1))
        #expect(before.disposalRate == Ratio(0, of: 1))
    }

    @Test("departments are ranked red first, with their own figures; a silent one still listed")
    func departments() throws {
        let report = try october()
        #expect(report.departments.map(\.dept) == ["d.a", "d.b", "d.c"])
        #expect(report.departments.map(\.rank) == [1, 2, 3])
        let a = report.departments[0].current
        #expect([a.events, a.started, a.finished, a.onTime, a.overdueOpen, a.findings, a.red, a.yellow, a.disposed] == [7, 3, 3, 2, 1, 4, 2, 2, 2])
        #expect(a.medianHandlingWorkdays?.text == "3")
        let b = report.departments[1].current
        #expect([b.events, b.started, b.finished, b.onTime, b.overdueOpen, b.findings] == [3, 1, 2, 1, 0, 0])
        // 9 and 0 working days.
        #expect(b.medianHandlingWorkdays?.text == "4.5")
        #expect(report.departments[1].previous.overdueOpen == 1)
        #expect(report.departments[2].current.events == 0)
        #expect(report.departments[2].previous.events == 1)
    }

    @Test("findings of the period in report order, with their state and evidence hashes from the log")
    func findings() throws {
        let report = try october()
        #expect(report.findings.map { "\($0.finding.rule) \($0.finding.subject) \($0.level.rawValue) \($0.state.status.rawValue)" } == [
            "t.decide app:2 red rectified", "t.decide app:3 red open", "t.late note:1 yellow open", "t.reason app:4 yellow explained",
        ])
        let late = report.findings[0]
        #expect(late.evidence.map(\.seq) == [3, 4])
        #expect(late.evidence.map(\.type) == ["application.accepted", "application.approved"])
        #expect(late.state.last?.reason == "已整改")
        #expect(late.message.en == "closed late: due 2026-10-15T23:59:59.999+08:00, closed 2026-10-20T10:00:00+08:00")
        #expect(report.rules.map { "\($0.rule.id) \($0.findings) \($0.started) \($0.finished) \($0.onTime) \($0.overdueOpen)" } == [
            "t.decide 2 4 5 3 1", "t.reason 1 0 0 0 0", "t.late 1 0 0 0 0",
        ])
    }

    @Test("evidence hashes are the log's: the stored head and the leaf hash of the stored body")
    func evidenceHashes() throws {
        let log = try Self.octoberLog()
        let period = try #require(ReportPeriod(parsing: "2026-10"))
        let report = try log.snapshot(asOf: "2026-11-10T12:00:00+08:00").report(for: period, dept: nil)
        let event = try #require(report.findings.first?.evidence.last)
        #expect(try log.store.storedHead(at: event.seq) == event.head)
        let previous = try #require(try log.store.storedHead(at: event.seq - 1))
        #expect(HashChain.next(after: previous, leaf: event.leaf) == event.head)
    }

    @Test("week by week from the previous period's first week to this period's last, events and findings")
    func weeks() throws {
        let report = try october()
        #expect(report.weeks.map(\.label) == ["2026-W36", "2026-W37", "2026-W38", "2026-W39", "2026-W40", "2026-W41", "2026-W42", "2026-W43", "2026-W44"])
        #expect(report.weeks.map(\.events) == [0, 2, 1, 1, 2, 2, 3, 1, 3])
        #expect(report.weeks.map(\.findings) == [0, 0, 0, 1, 0, 0, 1, 1, 2])
    }

    @Test("data quality: late entries by department, departments gone silent")
    func dataQuality() throws {
        let quality = try october().dataQuality
        #expect(quality.lateEntries.map { "\($0.dept) \($0.batches) \($0.events) \($0.maximumLagHours)" } == ["d.a 1 1 432"])
        #expect(quality.silentDepartments == ["d.c"])
        #expect(quality.notJudged.isEmpty)
    }

    @Test("inspectors see every undisposed finding past the ladder, whenever it began, longest open first")
    func escalated() throws {
        let report = try october()
        #expect(report.escalated.map { "\($0.finding.subject) \($0.workdaysOpen ?? -1) \($0.state.escalatedTo?.en ?? "")" } == [
            "app:6 28 discipline inspection", "note:1 15 discipline inspection", "app:3 8 discipline inspection",
        ])
    }

    @Test("one department's report counts only its events, clocks and findings")
    func oneDepartment() throws {
        let report = try october(dept: "d.b")
        #expect(report.departments.map(\.dept) == ["d.b"])
        #expect([report.current.events, report.current.started, report.current.finished, report.current.onTime, report.current.findings] == [3, 1, 2, 1, 0])
        #expect([report.previous.events, report.previous.started, report.previous.finished, report.previous.overdueOpen, report.previous.findings] == [3, 2, 1, 1, 1])
        #expect(report.findings.isEmpty)
        #expect(report.escalated.map(\.finding.subject) == ["app:6"])
        #expect(report.dataQuality.silentDepartments.isEmpty)
    }

    @Test("an earlier as-of instant sees only what had happened: app:2 was still open and overdue on 10-18")
    func earlierAsOf() throws {
        let log = try Self.octoberLog()
        let period = try #require(ReportPeriod(parsing: "2026-10"))
        let report = try log.snapshot(asOf: "2026-10-18T12:00:00+08:00").report(for: period, dept: nil)
        // Events by 10-18: 10-02, 10-09, 10-10, 10-12, 10-14 twice.
        #expect(report.current.events == 6)
        #expect(report.current.started == 2)
        // app:1 and app:6 (late) and app:7.
        #expect(report.current.finished == 3)
        #expect(report.current.onTime == 2)
        #expect(report.current.overdueOpen == 1)
        #expect(report.findings.map { "\($0.finding.subject) \($0.finding.code) \($0.level.rawValue)" } == ["app:2 overdue red"])
    }

    @Test("a week across New Year: 2026-W01 runs from 2025-12-29, and the make-up Sunday 2026-01-04 is a working day")
    func newYearWeek() throws {
        let log = try ReportFixture()
        // Accepted Mon 2025-12-29; 3 working days are 12-30, 12-31 and Sunday 01-04 (01-01 to 01-03 are holidays).
        try log.add("application.accepted", "app:10", at: "2025-12-29T10:00:00+08:00", dept: "d.a")
        try log.add("application.approved", "app:10", at: "2026-01-04T15:00:00+08:00", dept: "d.a")
        // Accepted Wed 12-31; 3 working days are 01-04, 01-05, 01-06; still open on 01-08: overdue from 01-07.
        try log.add("application.accepted", "app:11", at: "2025-12-31T10:00:00+08:00", dept: "d.a")
        try log.add("note.filed", "note:9", at: "2025-12-24T10:00:00+08:00", dept: "d.a")
        let period = try #require(ReportPeriod(parsing: "2026-W01"))
        let report = try log.snapshot(asOf: "2026-01-08T12:00:00+08:00").report(for: period, dept: nil)
        #expect(report.previousPeriod.label == "2025-W52")
        #expect(report.current.events == 3)
        #expect(report.current.started == 2)
        #expect(report.current.finished == 1)
        #expect(report.current.onTime == 1)
        #expect(report.current.medianHandlingWorkdays?.text == "3")
        // At the week's close (01-04 23:59) app:11 was not yet due (01-06).
        #expect(report.current.overdueOpen == 0)
        #expect(report.previous.events == 1)
        #expect(report.weeks.map(\.label) == ["2025-W52", "2026-W01"])
        #expect(report.weeks.map(\.events) == [1, 3])
        // As of 01-08, app:11 (due 01-06) is red: it began (yellow) in W02, so it is not a finding of W01.
        #expect(report.findings.isEmpty)
    }
}
