import Audit
import EventLog
import Testing

@Suite("DeadlineLimit")
struct DeadlineLimitTests {
    let cn: WorkCalendar

    init() throws {
        cn = try CalendarFixtures.cn.get()
    }

    /// The due instant of an uninterrupted clock.
    private func due(_ limit: DeadlineLimit, from start: String) throws -> Instant? {
        try DeadlineClock(limit: limit, start: instant(start)).due(in: cn)
    }

    @Test("ends criminal filing review, 3 procedural days from Tuesday 2026-11-03, at the end of Friday 2026-11-06 (刑事诉讼法 art. 105)")
    func criminalFilingReview() throws {
        #expect(try due(.proceduralDays(3), from: "2026-11-03T10:20:00+08:00") == endOfDayInChina("2026-11-06"))
    }

    @Test("moves a 3-day procedural period ending on Saturday 2026-11-07 to Monday 2026-11-09 (刑事诉讼法 art. 105: 节假日后的第一日)")
    func proceduralSaturdayMovesToMonday() throws {
        #expect(try due(.proceduralDays(3), from: "2026-11-04T09:00:00+08:00") == endOfDayInChina("2026-11-09"))
    }

    @Test("moves a procedural period ending inside 国庆 2026 to Thursday 2026-10-08, a working day")
    func proceduralNationalDay() throws {
        #expect(try due(.proceduralDays(3), from: "2026-09-29T09:00:00+08:00") == endOfDayInChina("2026-10-08"))
        #expect(try cn.isWorkday(date("2026-10-08")))
    }

    @Test("does not move a calendar-day period ending on a Saturday (刑事诉讼法 art. 105: custody 不得因节假日而延长)")
    func calendarDaysDoNotMove() throws {
        #expect(try due(.calendarDays(3), from: "2026-11-04T09:00:00+08:00") == endOfDayInChina("2026-11-07"))
        #expect(try due(.calendarDays(30), from: "2026-11-03T09:00:00+08:00") == endOfDayInChina("2026-12-03"))
    }

    @Test("ends a 24-hour limit exactly 24 hours after the start (刑事诉讼法 art. 85: 送看守所 within 24 hours)")
    func hours() throws {
        #expect(try due(.hours(24), from: "2026-11-02T09:15:00+08:00") == instant("2026-11-03T09:15:00+08:00"))
        #expect(try due(.hours(24), from: "2026-12-31T20:00:00.250+08:00") == instant("2027-01-01T20:00:00.250+08:00"))
    }

    @Test("ends 20 working days from Monday 2026-09-21 on 2026-10-26, across 中秋 and 国庆 2026 (行政许可法 arts. 42, 82)")
    func licensingAcrossNationalDay() throws {
        #expect(try due(.workdays(20), from: "2026-09-21T09:00:00+08:00") == endOfDayInChina("2026-10-26"))
    }

    @Test("takes the start day in local time: 16:30 UTC on 2026-09-21 is already 2026-09-22 in Beijing")
    func startDayIsLocal() throws {
        #expect(try due(.workdays(20), from: "2026-09-21T23:30:00+08:00") == endOfDayInChina("2026-10-26"))
        #expect(try due(.workdays(20), from: "2026-09-21T16:30:00Z") == endOfDayInChina("2026-10-27"))
    }

    @Test("throws when a working-day or procedural limit runs into 2027, which has no data")
    func runsIntoMissingYear() {
        #expect(throws: CalendarError.self) { try due(.workdays(10), from: "2026-12-24T09:00:00+08:00") }
        #expect(throws: CalendarError.self) { try due(.proceduralDays(7), from: "2026-12-28T09:00:00+08:00") }
    }

    @Test("describes itself with its unit")
    func description() {
        #expect(DeadlineLimit.workdays(20).description == "20 working days")
        #expect(DeadlineLimit.workdays(1).description == "1 working day")
        #expect(DeadlineLimit.calendarDays(30).description == "30 calendar days")
        #expect(DeadlineLimit.hours(24).description == "24 hours")
        #expect(DeadlineLimit.proceduralDays(3).description == "3 procedural days")
        #expect(DeadlineLimit.proceduralDays(3).amount == 3)
    }

    @Test(
        "uses up exactly the limit by the due instant, and one more unit just after it, for every start day of 2025",
        arguments: [
            DeadlineLimit.workdays(3), .workdays(20), .calendarDays(3), .calendarDays(30), .hours(24), .proceduralDays(3),
            .proceduralDays(15),
        ])
    func dueAgreesWithUsed(limit: DeadlineLimit) throws {
        var problems: [String] = []
        var day = date("2025-01-01")
        while day <= date("2025-12-31") {
            let start = Instant(millisecondsSinceEpoch: cn.startOfDay(day).millisecondsSinceEpoch + 37_800_000)  // 10:30
            let clock = DeadlineClock(limit: limit, start: start)
            let due = try #require(try clock.due(in: cn))
            let justAfter = Instant(millisecondsSinceEpoch: due.millisecondsSinceEpoch + 1)
            let atDue = try clock.used(at: due, in: cn)
            let after = try clock.used(at: justAfter, in: cn)
            let dueDay = cn.localDate(of: due)
            switch limit {
            case .workdays(let n):
                let working = try cn.isWorkday(dueDay)
                if atDue != n || !working { problems.append("\(day): \(dueDay) \(atDue)") }
            case .calendarDays(let n), .hours(let n):
                if atDue != n || after != n + 1 { problems.append("\(day): \(atDue), \(after)") }
            case .proceduralDays(let n):
                // The first working day on or after the last day, found by stepping.
                var expected = day.adding(days: n)
                while try !cn.isWorkday(expected) { expected = expected.adding(days: 1) }
                let days = dueDay.daysSinceEpoch - day.daysSinceEpoch
                if dueDay != expected || atDue != days || after != days + 1 { problems.append("\(day): \(dueDay)") }
            }
            day = day.adding(days: 1)
        }
        #expect(problems == [])
    }
}
