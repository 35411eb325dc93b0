import Audit
import EventLog
import Testing

@Suite("DeadlineClock")
struct DeadlineClockTests {
    let cn: WorkCalendar

    init() throws {
        cn = try CalendarFixtures.cn.get()
    }

    /// A licensing application accepted on Monday 2026-03-02: 20 working days, due at
    /// the end of 2026-03-30 when nothing stops the clock (行政许可法 arts. 42, 82).
    private func licensing(_ limit: DeadlineLimit = .workdays(20)) -> DeadlineClock {
        DeadlineClock(limit: limit, start: instant("2026-03-02T10:00:00+08:00"))
    }

    @Test("is due 20 working days after acceptance without stops")
    func plainLicensing() throws {
        #expect(try licensing().due(in: cn) == endOfDayInChina("2026-03-30"))
    }

    @Test("leaves an 8-working-day hearing out: due 2026-04-10, 8 working days later, across 清明 (行政许可法 art. 45)")
    func hearingPause() throws {
        var clock = licensing()
        clock.pause(at: instant("2026-03-10T15:00:00+08:00"))  // 听证 ordered on Tuesday
        #expect(clock.isPaused)
        #expect(try clock.due(in: cn) == nil)
        clock.resume(at: instant("2026-03-20T09:00:00+08:00"))  // hearing ends Friday
        #expect(!clock.isPaused)
        #expect(try cn.workdays(after: date("2026-03-10"), through: date("2026-03-20")) == 8)
        #expect(try clock.due(in: cn) == endOfDayInChina("2026-04-10"))
    }

    @Test("counts afresh from 补正: materials completed 2026-03-18 make it due 2026-04-16, an earlier stop forgotten")
    func restartOnCorrection() throws {
        var clock = licensing()
        clock.pause(at: instant("2026-03-04T10:00:00+08:00"))
        clock.resume(at: instant("2026-03-06T10:00:00+08:00"))
        clock.restart(at: instant("2026-03-18T11:00:00+08:00"))
        #expect(clock.stops == [])
        #expect(clock.start == instant("2026-03-18T11:00:00+08:00"))
        #expect(try clock.due(in: cn) == endOfDayInChina("2026-04-16"))
    }

    @Test("adds an approved 10-working-day extension: 20 + 10 ends 2026-04-14 (行政许可法 art. 42)")
    func approvedExtension() throws {
        var clock = licensing()
        clock.extend(by: 10)
        #expect(clock.extensions == 10)
        #expect(try clock.due(in: cn) == endOfDayInChina("2026-04-14"))
    }

    @Test("reports working days used for yellow warnings, stops left out")
    func usedWorkdays() throws {
        var clock = licensing()
        #expect(try clock.used(at: instant("2026-03-02T09:00:00+08:00"), in: cn) == 0)  // before acceptance
        #expect(try clock.used(at: instant("2026-03-02T18:00:00+08:00"), in: cn) == 0)  // the start day
        #expect(try clock.used(at: instant("2026-03-03T08:00:00+08:00"), in: cn) == 1)
        #expect(try clock.used(at: instant("2026-03-09T10:00:00+08:00"), in: cn) == 5)
        clock.pause(at: instant("2026-03-10T15:00:00+08:00"))
        // Sunday during the hearing: 03, 04, 05, 06, 09 and the pause day 10.
        #expect(try clock.used(at: instant("2026-03-15T12:00:00+08:00"), in: cn) == 6)
        clock.resume(at: instant("2026-03-20T09:00:00+08:00"))
        #expect(try clock.used(at: instant("2026-03-20T17:00:00+08:00"), in: cn) == 6)
        #expect(try clock.used(at: instant("2026-03-23T10:00:00+08:00"), in: cn) == 7)
        #expect(try clock.used(at: instant("2026-04-10T12:00:00+08:00"), in: cn) == 20)  // the due day
        #expect(try clock.used(at: instant("2026-04-13T09:00:00+08:00"), in: cn) == 21)  // late
    }

    @Test("reports begun hours and begun days used, exceeding the limit exactly when it is past")
    func usedHoursAndDays() throws {
        let detention = DeadlineClock(limit: .hours(24), start: instant("2026-11-02T09:15:00+08:00"))
        #expect(try detention.used(at: instant("2026-11-02T09:15:00+08:00"), in: cn) == 0)
        #expect(try detention.used(at: instant("2026-11-02T21:15:00+08:00"), in: cn) == 12)
        #expect(try detention.used(at: instant("2026-11-02T21:15:00.001+08:00"), in: cn) == 13)
        #expect(try detention.used(at: instant("2026-11-03T09:15:00+08:00"), in: cn) == 24)
        #expect(try detention.used(at: instant("2026-11-03T09:15:00.001+08:00"), in: cn) == 25)

        let custody = DeadlineClock(limit: .calendarDays(3), start: instant("2026-11-04T09:00:00+08:00"))
        #expect(try custody.used(at: instant("2026-11-07T23:59:59.999+08:00"), in: cn) == 3)
        #expect(try custody.used(at: instant("2026-11-08T00:00:00+08:00"), in: cn) == 4)

        let review = DeadlineClock(limit: .proceduralDays(3), start: instant("2026-11-04T09:00:00+08:00"))
        #expect(try review.used(at: instant("2026-11-09T12:00:00+08:00"), in: cn) == 5)  // due day, moved from Saturday
    }

    @Test("leaves out no day when a stop begins and ends on the same day, but leaves out its hours from an hours limit")
    func sameDayStop() throws {
        var clock = licensing()
        clock.pause(at: instant("2026-03-10T09:00:00+08:00"))
        clock.resume(at: instant("2026-03-10T17:00:00+08:00"))
        #expect(try clock.due(in: cn) == endOfDayInChina("2026-03-30"))

        var detention = DeadlineClock(limit: .hours(24), start: instant("2026-11-02T09:15:00+08:00"))
        detention.pause(at: instant("2026-11-02T10:00:00+08:00"))
        detention.resume(at: instant("2026-11-02T12:30:00+08:00"))
        #expect(try detention.due(in: cn) == instant("2026-11-03T11:45:00+08:00"))
        #expect(try detention.used(at: instant("2026-11-02T12:00:00+08:00"), in: cn) == 1)  // 45 minutes
    }

    @Test("leaves out the working days after a stop begun on Saturday 2026-03-07 through Wednesday 2026-03-11: due 2026-04-02")
    func stopOnNonWorkingDay() throws {
        var clock = licensing()
        clock.pause(at: instant("2026-03-07T10:00:00+08:00"))
        clock.resume(at: instant("2026-03-11T09:00:00+08:00"))
        // 03-09, 03-10, 03-11 left out: 23 working days after 03-02.
        #expect(try clock.due(in: cn) == endOfDayInChina("2026-04-02"))
    }

    @Test("leaves calendar days out of a calendar-day limit: 30 days from 2026-11-03 with a 5-day appraisal ends 2026-12-08")
    func calendarDayStop() throws {
        var clock = DeadlineClock(limit: .calendarDays(30), start: instant("2026-11-03T09:00:00+08:00"))
        clock.pause(at: instant("2026-11-10T09:00:00+08:00"))  // 鉴定
        clock.resume(at: instant("2026-11-15T09:00:00+08:00"))
        #expect(try clock.due(in: cn) == endOfDayInChina("2026-12-08"))
    }

    @Test("ignores a stop begun after the limit ran out: a late hearing cannot make the case on time")
    func stopAfterDueIgnored() throws {
        var clock = licensing(.workdays(3))
        #expect(try clock.due(in: cn) == endOfDayInChina("2026-03-05"))
        clock.pause(at: instant("2026-03-09T09:00:00+08:00"))
        clock.resume(at: instant("2026-03-20T09:00:00+08:00"))
        #expect(try clock.due(in: cn) == endOfDayInChina("2026-03-05"))
        #expect(try clock.used(at: instant("2026-03-23T09:00:00+08:00"), in: cn) == 15)
    }

    @Test("counts a stop begun on the due day itself: due moves from 2026-03-05 to 2026-03-09")
    func stopOnDueDay() throws {
        var clock = licensing(.workdays(3))
        clock.pause(at: instant("2026-03-05T16:00:00+08:00"))
        clock.resume(at: instant("2026-03-09T09:00:00+08:00"))
        // The pause day 03-05 was the last counted day; 03-06 and 03-09 are left out, so
        // the limit runs to the end of the resume day.
        #expect(try clock.due(in: cn) == endOfDayInChina("2026-03-09"))
    }

    @Test("ends a stop on restart: 补正 during a hearing runs the new period at once, due 2026-04-16")
    func restartDuringPause() throws {
        var clock = licensing()
        clock.pause(at: instant("2026-03-10T15:00:00+08:00"))
        clock.restart(at: instant("2026-03-18T11:00:00+08:00"))
        #expect(!clock.isPaused)
        #expect(try clock.due(in: cn) == endOfDayInChina("2026-04-16"))
    }

    @Test("forgets an earlier extension on restart: the extension belonged to the old period")
    func restartForgetsExtension() throws {
        var clock = licensing()
        clock.extend(by: 10)
        clock.restart(at: instant("2026-03-18T11:00:00+08:00"))
        #expect(clock.extensions == 0)
        #expect(try clock.due(in: cn) == endOfDayInChina("2026-04-16"))
    }

    @Test("accepts an extension while stopped and counts it once running: 20 + 10 + 8 ends 2026-04-24")
    func extensionWhilePaused() throws {
        var clock = licensing()
        clock.pause(at: instant("2026-03-10T15:00:00+08:00"))
        clock.extend(by: 10)
        #expect(try clock.due(in: cn) == nil)
        clock.resume(at: instant("2026-03-20T09:00:00+08:00"))
        #expect(try clock.due(in: cn) == endOfDayInChina("2026-04-24"))
    }

    @Test("ignores a second pause while stopped and a resume while running")
    func repeatedEvents() throws {
        var clock = licensing()
        clock.resume(at: instant("2026-03-05T09:00:00+08:00"))
        #expect(clock.stops == [])
        clock.pause(at: instant("2026-03-10T15:00:00+08:00"))
        clock.pause(at: instant("2026-03-12T15:00:00+08:00"))
        #expect(clock.pausedSince == instant("2026-03-10T15:00:00+08:00"))
        clock.resume(at: instant("2026-03-20T09:00:00+08:00"))
        clock.resume(at: instant("2026-03-25T09:00:00+08:00"))
        #expect(clock.stops.count == 1)
        #expect(try clock.due(in: cn) == endOfDayInChina("2026-04-10"))
    }

    @Test("takes a pause before the start at the start and a resume before its pause at the pause")
    func outOfOrderEvents() throws {
        var clock = licensing()
        clock.pause(at: instant("2026-02-20T09:00:00+08:00"))
        #expect(clock.pausedSince == instant("2026-03-02T10:00:00+08:00"))
        clock.resume(at: instant("2026-02-25T09:00:00+08:00"))
        #expect(
            clock.stops == [
                DeadlineClock.Stop(pausedAt: instant("2026-03-02T10:00:00+08:00"), resumedAt: instant("2026-03-02T10:00:00+08:00"))
            ])
        #expect(try clock.due(in: cn) == endOfDayInChina("2026-03-30"))
    }

    @Test("extends procedural days in days: 3 + 4 from 2026-11-03 ends Tuesday 2026-11-10")
    func proceduralExtension() throws {
        var clock = DeadlineClock(limit: .proceduralDays(3), start: instant("2026-11-03T10:00:00+08:00"))
        clock.extend(by: 4)
        #expect(try clock.due(in: cn) == endOfDayInChina("2026-11-10"))
    }

    @Test("reports use in late December 2026 even though the due date falls in 2027, which has no data")
    func usedBeforeMissingYear() throws {
        var clock = DeadlineClock(limit: .workdays(20), start: instant("2026-12-20T10:00:00+08:00"))
        #expect(throws: CalendarError.self) { try clock.due(in: cn) }
        #expect(try clock.used(at: instant("2026-12-25T10:00:00+08:00"), in: cn) == 5)
        clock.pause(at: instant("2026-12-28T10:00:00+08:00"))
        #expect(try clock.used(at: instant("2026-12-31T10:00:00+08:00"), in: cn) == 6)
    }
}
