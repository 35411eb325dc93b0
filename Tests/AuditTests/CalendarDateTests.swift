import Audit
import Testing

@Suite("CalendarDate")
struct CalendarDateTests {
    @Test(
        "counts days since 1970-01-01 across leap years and centuries",
        arguments: [
            ("1970-01-01", 0),
            ("1969-12-31", -1),
            ("2000-03-01", 11_017),
            ("2026-11-22", 20_779),
            ("0001-01-01", -719_162),
            ("9999-12-31", 2_932_896),
        ])
    func daysSinceEpoch(iso: String, days: Int) {
        #expect(date(iso).daysSinceEpoch == days)
        #expect(CalendarDate(daysSinceEpoch: days) == date(iso))
        #expect(CalendarDate(daysSinceEpoch: days).description == iso)
    }

    @Test(
        "adds days through February of leap and common years",
        arguments: [
            ("2024-02-28", 1, "2024-02-29"),  // leap year
            ("2024-02-29", 1, "2024-03-01"),
            ("2023-02-28", 1, "2023-03-01"),  // common year
            ("2000-02-28", 1, "2000-02-29"),  // divisible by 400: leap
            ("2100-02-28", 1, "2100-03-01"),  // century: not leap
            ("2024-03-01", -1, "2024-02-29"),
            ("2025-12-31", 1, "2026-01-01"),
            ("2024-01-01", 366, "2025-01-01"),
            ("2025-01-01", 365, "2026-01-01"),
            ("2026-11-03", 3, "2026-11-06"),  // 刑事诉讼法 art. 105: 3 days after 2026-11-03
        ])
    func addingDays(start: String, days: Int, expected: String) {
        #expect(date(start).adding(days: days) == date(expected))
    }

    @Test(
        "gives the ISO 8601 weekday, Monday 1 to Sunday 7",
        arguments: [
            ("2026-11-22", 7),  // a Sunday
            ("1970-01-01", 4),  // a Thursday
            ("2000-01-01", 6),  // a Saturday
            ("2024-02-29", 4),  // a Thursday
            ("2026-11-02", 1),  // a Monday
            ("1969-12-28", 7),  // before the epoch: a Sunday
            ("2025-09-28", 7),  // a Sunday worked in 2025 (调休上班)
        ])
    func weekday(iso: String, weekday: Int) {
        #expect(date(iso).weekday == weekday)
    }

    @Test("rejects dates that do not exist")
    func rejectsImpossibleDates() {
        #expect(CalendarDate(year: 2026, month: 2, day: 29) == nil)
        #expect(CalendarDate(year: 1900, month: 2, day: 29) == nil)
        #expect(CalendarDate(year: 2026, month: 4, day: 31) == nil)
        #expect(CalendarDate(year: 2026, month: 13, day: 1) == nil)
        #expect(CalendarDate(year: 2026, month: 0, day: 1) == nil)
        #expect(CalendarDate(year: 2026, month: 1, day: 0) == nil)
        #expect(CalendarDate(year: 0, month: 1, day: 1) == nil)
        #expect(CalendarDate(year: 10_000, month: 1, day: 1) == nil)
        #expect(CalendarDate(year: 2000, month: 2, day: 29)?.description == "2000-02-29")
    }

    @Test(
        "parses exactly YYYY-MM-DD and nothing else",
        arguments: [
            "2025-1-01", "2025-01-1", "25-01-01", "2025/01/01", "2025-01-01T00:00", " 2025-01-01",
            "2025-01-01 ", "+2025-01-01", "2025-02-30", "0000-01-01", "2025-00-10", "２０２５-01-01", "",
        ])
    func rejectsOtherText(text: String) {
        #expect(CalendarDate(iso: text) == nil)
    }

    @Test("writes zero-padded dates and reads them back")
    func description() {
        let early = CalendarDate(year: 987, month: 6, day: 5)
        #expect(early?.description == "0987-06-05")
        #expect(CalendarDate(iso: "0987-06-05") == early)
        #expect(date("2026-11-22").year == 2026 && date("2026-11-22").month == 11 && date("2026-11-22").day == 22)
    }

    @Test("orders dates by time")
    func ordering() {
        #expect(date("2025-12-31") < date("2026-01-01"))
        #expect(date("2026-01-31") < date("2026-02-01"))
        #expect(!(date("2026-02-01") < date("2026-02-01")))
        #expect(
            [date("2026-03-01"), date("2024-02-29"), date("2025-01-01")].sorted().map(\.description)
                == ["2024-02-29", "2025-01-01", "2026-03-01"])
    }
}
