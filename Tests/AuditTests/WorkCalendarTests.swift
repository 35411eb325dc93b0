import Audit
import EventLog
import Testing

@Suite("WorkCalendar")
struct WorkCalendarTests {
    let cn: WorkCalendar

    init() throws {
        cn = try CalendarFixtures.cn.get()
    }

    @Test("counts 10 working days after 2025-09-26 to 2025-10-16, through 国庆/中秋 and the Sundays and Saturdays worked")
    func nationalDay2025() throws {
        // 国办发明电〔2024〕12号: 10月1日至8日放假; 9月28日（周日）、10月11日（周六）上班.
        #expect(try cn.addingWorkdays(10, to: date("2025-09-26")) == date("2025-10-16"))
        #expect(try cn.isWorkday(date("2025-09-28")))
        #expect(try cn.isWorkday(date("2025-10-11")))
        #expect(try !cn.isWorkday(date("2025-10-08")))
    }

    @Test("finds 248 working days in 2025 and 2026 and 5744 from 2004 through 2026")
    func yearTotals() throws {
        #expect(try cn.workdays(after: date("2024-12-31"), through: date("2025-12-31")) == 248)
        #expect(try cn.workdays(after: date("2025-12-31"), through: date("2026-12-31")) == 248)
        #expect(try cn.workdays(after: date("2003-12-31"), through: date("2026-12-31")) == 5744)
    }

    @Test("lists 2026's holidays and make-up working days exactly as 国办发明电〔2025〕7号 gives them")
    func lists2026() throws {
        let holidays = try cn.holidays(in: 2026).map(\.description)
        #expect(
            holidays == [
                "2026-01-01", "2026-01-02", "2026-01-03",  // 元旦
                "2026-02-15", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20",
                "2026-02-21", "2026-02-22", "2026-02-23",  // 春节
                "2026-04-04", "2026-04-05", "2026-04-06",  // 清明节
                "2026-05-01", "2026-05-02", "2026-05-03", "2026-05-04", "2026-05-05",  // 劳动节
                "2026-06-19", "2026-06-20", "2026-06-21",  // 端午节
                "2026-09-25", "2026-09-26", "2026-09-27",  // 中秋节
                "2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05", "2026-10-06",
                "2026-10-07",  // 国庆节
            ])
        #expect(
            try cn.makeupWorkdays(in: 2026).map(\.description) == [
                "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10",
            ])
    }

    @Test(
        "never counts the start day, whether a holiday, a weekend, a make-up working day or a working day (行政许可法 art. 82)",
        arguments: [
            ("2025-10-01", "2025-10-09"),  // 国庆 holiday: next working day is Thursday 10-09
            ("2025-11-15", "2025-11-17"),  // an ordinary Saturday
            ("2025-11-16", "2025-11-17"),  // an ordinary Sunday
            ("2025-10-11", "2025-10-13"),  // a Saturday worked (调休上班): itself not counted
            ("2025-11-14", "2025-11-17"),  // a Friday
            ("2026-02-14", "2026-02-24"),  // Saturday worked before the 2026 Spring Festival
        ])
    func startDayNeverCounts(start: String, first: String) throws {
        #expect(try cn.addingWorkdays(1, to: date(start)) == date(first))
    }

    @Test("adds zero working days as the start day itself, without consulting the calendar")
    func zeroWorkdays() throws {
        #expect(try cn.addingWorkdays(0, to: date("2025-10-01")) == date("2025-10-01"))
        #expect(try cn.addingWorkdays(0, to: date("2030-01-01")) == date("2030-01-01"))
    }

    @Test("counts working days across the 2025/2026 new year, 元旦 2026 off and Sunday 2026-01-04 worked")
    func newYear2026() throws {
        // 12-30, 12-31, 01-04 (Sunday worked), 01-05.
        #expect(try cn.workdays(after: date("2025-12-29"), through: date("2026-01-05")) == 4)
        #expect(try cn.addingWorkdays(4, to: date("2025-12-29")) == date("2026-01-05"))
        #expect(try cn.workdays(after: date("2026-01-05"), through: date("2025-12-29")) == 0)
        #expect(try cn.workdays(after: date("2026-01-05"), through: date("2026-01-05")) == 0)
    }

    @Test("counts through the 2004 and 2026 Spring Festivals with their weekend days worked")
    func springFestivals() throws {
        // 2004: 1月17日、18日（周六、周日）上班; 1月22日至28日放假.
        #expect(try cn.addingWorkdays(10, to: date("2004-01-16")) == date("2004-02-04"))
        // 2026: 2月14日（周六）上班; 2月15日至23日放假.
        #expect(try cn.addingWorkdays(5, to: date("2026-02-12")) == date("2026-02-26"))
    }

    @Test("needs data only after the start day: 3 working days after 2003-12-31 is 2004-01-06")
    func startBeforeCoverage() throws {
        #expect(try cn.addingWorkdays(3, to: date("2003-12-31")) == date("2004-01-06"))
        #expect(try cn.workdays(after: date("2003-12-31"), through: date("2004-01-06")) == 3)
    }

    @Test("throws for 2027, which the State Council has not published, naming the year and the file")
    func missing2027() throws {
        let expected = CalendarError(
            .missingYear(2027), calendar: "cn", source: CalendarFixtures.cnPath,
            message: "has no data for 2027: add the year from the State Council's notice (国务院办公厅关于2027年部分节假日安排的通知)")
        #expect(throws: expected) { try cn.isWorkday(date("2027-01-04")) }
        // 2026-12-28 + 5: only three working days remain in 2026.
        #expect(throws: expected) { try cn.addingWorkdays(5, to: date("2026-12-28")) }
        #expect(throws: expected) { try cn.addingWorkdays(1, to: date("2026-12-31")) }
        #expect(throws: expected) { try cn.workdays(after: date("2026-12-01"), through: date("2027-01-31")) }
        #expect(throws: expected) { try cn.holidays(in: 2027) }
        #expect(throws: expected) { try cn.makeupWorkdays(in: 2027) }
        #expect(
            expected.description
                == "calendar cn (\(CalendarFixtures.cnPath)) has no data for 2027: add the year from the State Council's notice (国务院办公厅关于2027年部分节假日安排的通知)"
        )
    }

    @Test("throws for 2003, before the first notice on file, naming the year and the file")
    func missing2003() throws {
        let error = #expect(throws: CalendarError.self) { try cn.isWorkday(date("2003-06-02")) }
        #expect(error?.code == .missingYear(2003))
        #expect(error?.description.contains("2003") == true)
        #expect(error?.description.contains("Rules/calendars/cn.json") == true)
        #expect(throws: CalendarError.self) { try cn.workdays(after: date("2003-12-01"), through: date("2004-01-31")) }
        #expect(throws: CalendarError.self) { try cn.addingWorkdays(1, to: date("2003-06-02")) }
    }

    @Test("treats a year missing between covered years as an error, never as Monday to Friday")
    func gapYear() throws {
        let calendar = WorkCalendar(
            name: "test", utcOffsetSeconds: 28_800,
            years: [
                2024: (holidays: [date("2024-10-01")], workdays: []),
                2026: (holidays: [date("2026-01-01")], workdays: [date("2026-01-04")]),
            ],
            source: "memory")
        #expect(calendar.coveredYears == 2024...2026)
        let gap = CalendarError(
            .missingYear(2025), calendar: "test", source: "memory",
            message: "has no data for 2025: add the year from the State Council's notice (国务院办公厅关于2025年部分节假日安排的通知)")
        #expect(throws: gap) { try calendar.isWorkday(date("2025-03-03")) }
        #expect(throws: gap) { try calendar.addingWorkdays(3, to: date("2024-12-30")) }
        #expect(throws: gap) { try calendar.workdays(after: date("2024-12-01"), through: date("2026-01-31")) }
        #expect(throws: gap) { try calendar.holidays(in: 2025) }
        #expect(try calendar.addingWorkdays(1, to: date("2024-12-30")) == date("2024-12-31"))
        #expect(try calendar.addingWorkdays(2, to: date("2026-01-01")) == date("2026-01-04"))
        #expect(try calendar.isWorkday(date("2024-10-01")) == false)
        #expect(try calendar.isWorkday(date("2026-01-04")))
    }

    @Test("converts instants to local dates at UTC+08:00 and back")
    func localTime() {
        #expect(cn.utcOffsetSeconds == 28_800)
        #expect(cn.localDate(of: instant("2026-11-02T16:00:00Z")) == date("2026-11-03"))
        #expect(cn.localDate(of: instant("2026-11-02T15:59:59.999Z")) == date("2026-11-02"))
        #expect(cn.localDate(of: instant("1969-12-31T15:59:59.999Z")) == date("1969-12-31"))
        #expect(cn.localDate(of: instant("1969-12-31T16:00:00Z")) == date("1970-01-01"))
        #expect(cn.startOfDay(date("2026-11-03")) == instant("2026-11-03T00:00:00+08:00"))
        #expect(cn.endOfDay(date("2026-11-03")) == instant("2026-11-03T23:59:59.999+08:00"))
        #expect(cn.endOfDay(date("2026-11-03")).millisecondsSinceEpoch == 1_793_721_599_999)
    }

    @Test("agrees with counting day by day from the lists, for every start day from 2004 to November 2026")
    func agreesWithDayByDayCount() throws {
        var holidays = Set<CalendarDate>()
        var worked = Set<CalendarDate>()
        for year in cn.coveredYears {
            holidays.formUnion(try cn.holidays(in: year))
            worked.formUnion(try cn.makeupWorkdays(in: year))
        }
        func isWorking(_ day: CalendarDate) -> Bool {
            worked.contains(day) || (day.weekday <= 5 && !holidays.contains(day))
        }
        var mismatches: [String] = []
        var start = date("2004-01-01")
        while start <= date("2026-11-30") {
            #expect(try cn.isWorkday(start) == isWorking(start))
            var day = start
            var counted = 0
            for n in [1, 5, 20] {
                while counted < n {
                    day = day.adding(days: 1)
                    if isWorking(day) { counted += 1 }
                }
                if try cn.addingWorkdays(n, to: start) != day { mismatches.append("\(n) after \(start)") }
                if try cn.workdays(after: start, through: day) != n { mismatches.append("(\(start), \(day)]") }
            }
            start = start.adding(days: 1)
        }
        #expect(mismatches == [])
    }
}
