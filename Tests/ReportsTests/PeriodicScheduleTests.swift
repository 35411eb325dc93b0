import Audit
import EventLog
import Reports
import Testing

@Suite("Periodic schedule")
struct PeriodicScheduleTests {
    let calendar = WorkCalendar(name: "cn", utcOffsetSeconds: 28_800, years: [2025: (holidays: [], workdays: []), 2026: (holidays: [], workdays: [])], source: "test")

    func instant(_ text: String) throws -> Instant {
        try #require(Instant(rfc3339: text))
    }

    @Test("weeks from the one holding --since, across New Year, up to the last one over")
    func weeks() throws {
        let schedule = PeriodicSchedule(unit: .week, since: ReportPeriodTests.date("2025-12-24"))
        let periods = schedule.completedPeriods(asOf: try instant("2026-01-12T09:00:00+08:00"), calendar: calendar)
        #expect(periods.map(\.label) == ["2025-W52", "2026-W01", "2026-W02"])
    }

    @Test("a period is complete at its last local millisecond, not before")
    func boundary() throws {
        let schedule = PeriodicSchedule(unit: .month, since: ReportPeriodTests.date("2026-09-01"))
        #expect(schedule.completedPeriods(asOf: try instant("2026-10-31T23:59:59.998+08:00"), calendar: calendar).map(\.label) == ["2026-09"])
        #expect(schedule.completedPeriods(asOf: try instant("2026-10-31T23:59:59.999+08:00"), calendar: calendar).map(\.label) == ["2026-09", "2026-10"])
        // 2026-10-31T16:00Z is already November in Beijing.
        #expect(schedule.completedPeriods(asOf: try instant("2026-10-31T16:00:00Z"), calendar: calendar).map(\.label) == ["2026-09", "2026-10"])
    }

    @Test("quarters and days")
    func otherUnits() throws {
        let quarters = PeriodicSchedule(unit: .quarter, since: ReportPeriodTests.date("2025-11-15"))
        #expect(quarters.completedPeriods(asOf: try instant("2026-07-01T00:00:00+08:00"), calendar: calendar).map(\.label) == ["2025-Q4", "2026-Q1", "2026-Q2"])
        let days = PeriodicSchedule(unit: .day, since: ReportPeriodTests.date("2026-02-27"))
        #expect(days.completedPeriods(asOf: try instant("2026-03-02T08:00:00+08:00"), calendar: calendar).map(\.label) == ["2026-02-27", "2026-02-28", "2026-03-01"])
    }
}
