import Audit
import EventLog
import Reports
import Testing

@Suite("Report periods")
struct ReportPeriodTests {
    static func date(_ text: String) -> CalendarDate {
        guard let date = CalendarDate(iso: text) else { preconditionFailure("bad date in test: \(text)") }
        return date
    }

    @Test(
        "parses a day, an ISO week, a month, a quarter and a year into their first and last days",
        arguments: [
            ("2026-10-15", "2026-10-15", "2026-10-15", "day"),
            ("2026-W44", "2026-10-26", "2026-11-01", "week"),
            ("2026-W01", "2025-12-29", "2026-01-04", "week"),
            ("2026-W53", "2026-12-28", "2027-01-03", "week"),
            ("2020-W53", "2020-12-28", "2021-01-03", "week"),
            ("2015-W01", "2014-12-29", "2015-01-04", "week"),
            ("2026-10", "2026-10-01", "2026-10-31", "month"),
            ("2024-02", "2024-02-01", "2024-02-29", "month"),
            ("2026-Q3", "2026-07-01", "2026-09-30", "quarter"),
            ("2026-Q1", "2026-01-01", "2026-03-31", "quarter"),
            ("2026", "2026-01-01", "2026-12-31", "year"),
        ])
    func parses(text: String, first: String, last: String, unit: String) throws {
        let period = try #require(ReportPeriod(parsing: text))
        #expect(period.first == Self.date(first))
        #expect(period.last == Self.date(last))
        #expect(period.unit?.rawValue == unit)
        #expect(period.label == text)
    }

    @Test(
        "refuses what names no day, week, month or quarter",
        arguments: ["2025-W53", "2026-W54", "2026-W00", "2026-13", "2026-00", "2026-Q5", "2026-Q0", "2026-02-29", "26-10", "2026-10-1", "2026/10", "", "0001", "9999", "2026-w44"])
    func refuses(text: String) {
        #expect(ReportPeriod(parsing: text) == nil)
    }

    @Test(
        "the previous period is the one of the same kind just before, across year ends",
        arguments: [
            ("2026-01", "2025-12"), ("2026-W01", "2025-W52"), ("2021-W01", "2020-W53"), ("2026-Q1", "2025-Q4"), ("2026", "2025"),
            ("2026-01-01", "2025-12-31"), ("2024-03-01", "2024-02-29"),
        ])
    func previous(text: String, previous: String) throws {
        let period = try #require(ReportPeriod(parsing: text))
        #expect(period.previous.label == previous)
        #expect(period.previous.next == period)
    }

    @Test("a range of dates is compared with as many days just before it")
    func range() throws {
        let period = try #require(ReportPeriod.range(from: Self.date("2026-09-28"), through: Self.date("2026-10-09")))
        #expect(period.label == "2026-09-28_2026-10-09")
        #expect(period.dayCount == 12)
        #expect(period.previous.first == Self.date("2026-09-16"))
        #expect(period.previous.last == Self.date("2026-09-27"))
        #expect(period.next.first == Self.date("2026-10-10"))
        #expect(ReportPeriod.range(from: Self.date("2026-10-09"), through: Self.date("2026-09-28")) == nil)
    }

    @Test(
        "ISO 8601 weeks: a week belongs to the year of its Thursday",
        arguments: [
            ("2024-12-30", 2025, 1), ("2025-12-28", 2025, 52), ("2025-12-29", 2026, 1), ("2026-01-04", 2026, 1), ("2026-12-31", 2026, 53),
            ("2027-01-03", 2026, 53), ("2021-01-03", 2020, 53), ("2021-01-04", 2021, 1), ("2026-10-26", 2026, 44),
        ])
    func isoWeek(text: String, year: Int, week: Int) {
        let isoWeek = ISOWeek(containing: Self.date(text))
        #expect(isoWeek.year == year)
        #expect(isoWeek.week == week)
    }

    @Test("years that begin on a Thursday, or on a Wednesday in a leap year, have 53 weeks")
    func weeksInYear() {
        #expect([2015, 2020, 2021, 2024, 2025, 2026, 2032].map(ISOWeek.weeks(in:)) == [53, 53, 52, 52, 52, 53, 53])
    }

    @Test("a period's instants are the first and last milliseconds of its days in the calendar's time zone")
    func instants() throws {
        let calendar = WorkCalendar(name: "cn", utcOffsetSeconds: 28_800, years: [2026: (holidays: [], workdays: [])], source: "test")
        let october = try #require(ReportPeriod(parsing: "2026-10"))
        #expect(october.start(in: calendar).utcString == "2026-09-30T16:00:00.000Z")
        #expect(october.end(in: calendar).utcString == "2026-10-31T15:59:59.999Z")
    }

    @Test("the period of a unit containing a date", arguments: [
        (PeriodUnit.day, "2026-10-15"), (.week, "2026-W42"), (.month, "2026-10"), (.quarter, "2026-Q4"), (.year, "2026"),
    ])
    func unitPeriod(unit: PeriodUnit, label: String) {
        #expect(unit.period(containing: Self.date("2026-10-15")).label == label)
    }
}
