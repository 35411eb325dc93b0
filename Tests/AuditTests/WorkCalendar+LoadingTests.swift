import Audit
import EventLog
import Foundation
import Testing

@Suite("WorkCalendar loading")
struct WorkCalendarLoadingTests {
    /// Loads `text` from a fresh temporary file, removed afterwards.
    ///
    /// - Returns: The file's path, which errors name, and the outcome of loading it.
    private func load(_ text: String) throws -> (path: String, result: Result<WorkCalendar, CalendarError>) {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("ironcage-calendar-\(UUID().uuidString).json").path
        try FileContents.writeAtomically(Array(text.utf8), to: path)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return (path, Result { () throws(CalendarError) in try WorkCalendar.load(path: path) })
    }

    /// A calendar file whose 2025 entry is `year2025`.
    private func calendarText(year2025: String) -> String {
        #"{"name":"cn","utc_offset":"+08:00","years":{"2025":"# + year2025 + "}}"
    }

    @Test("loads Rules/calendars/cn.json, covering 2004 through 2026 at UTC+08:00")
    func loadsShippedCalendar() throws {
        let cn = try WorkCalendar.load(path: CalendarFixtures.cnPath)
        #expect(cn.name == "cn")
        #expect(cn.utcOffsetSeconds == 28_800)
        #expect(cn.coveredYears == 2004...2026)
        #expect(cn.source == CalendarFixtures.cnPath)
    }

    @Test(
        "agrees with the 2004 and 2026 notices on spot dates",
        arguments: [
            ("2004-01-01", false),  // 元旦
            ("2004-01-17", true),  // Saturday worked before the Spring Festival
            ("2004-01-18", true),  // Sunday worked
            ("2004-01-22", false),  // 春节 1月22日至28日
            ("2004-01-28", false),
            ("2004-01-29", true),
            ("2004-05-07", false),  // 五一 1日至7日
            ("2004-05-08", true),  // Saturday worked
            ("2004-10-09", true),  // Saturday worked after 十一
            ("2004-10-11", true),
            ("2026-01-04", true),  // Sunday worked after 元旦
            ("2026-02-14", true),  // Saturday worked
            ("2026-02-23", false),  // Monday, last day of 春节
            ("2026-02-28", true),  // Saturday worked
            ("2026-05-09", true),
            ("2026-09-20", true),  // Sunday worked before 中秋/国庆
            ("2026-09-25", false),  // 中秋, a Friday
            ("2026-10-07", false),
            ("2026-10-08", true),  // a Thursday
            ("2026-10-10", true),  // Saturday worked
            ("2026-11-22", false),  // an ordinary Sunday
        ])
    func spotDates(iso: String, working: Bool) throws {
        #expect(try CalendarFixtures.cn.get().isWorkday(date(iso)) == working)
    }

    @Test("reports malformed JSON with the file and the byte offset")
    func malformedJSON() throws {
        let (path, result) = try load(#"{"name":"cn","utc_offset":"+08:00",}"#)
        let expected = CalendarError(.malformedFile, source: path, message: "invalid JSON at byte 34: trailing comma")
        #expect(throws: expected) { try result.get() }
        #expect(expected.description == "calendar file \(path): invalid JSON at byte 34: trailing comma")
    }

    @Test("names the year and the index of a date that does not exist")
    func badDate() throws {
        let (path, result) = try load(
            calendarText(year2025: #"{"holidays":["2025-01-01","2025-02-30"],"workdays":[],"source":"国办发明电〔2024〕12号"}"#))
        let error = #expect(throws: CalendarError.self) { try result.get() }
        #expect(error?.code == .malformedFile)
        #expect(error?.key == "years.2025.holidays[1]")
        #expect(error?.description == "calendar file \(path): years.2025.holidays[1]: \"2025-02-30\" is not a date (YYYY-MM-DD)")
    }

    @Test(
        "rejects lists that break the format, naming the member",
        arguments: [
            (
                #"{"holidays":["2024-12-31"],"workdays":[],"source":"s"}"#,
                "years.2025.holidays[0]", "2024-12-31 is not in 2025; list each day under its own year"
            ),
            (
                #"{"holidays":[],"workdays":["2025-01-27"],"source":"s"}"#,
                "years.2025.workdays[0]",
                "2025-01-27 is a Monday; list only the Saturdays and Sundays worked (调休上班)"
            ),
            (
                #"{"holidays":["2025-01-26"],"workdays":["2025-01-26"],"source":"s"}"#,
                "years.2025.workdays[0]", "2025-01-26 is also listed as a holiday"
            ),
            (
                #"{"holidays":["2025-01-01","2025-01-01"],"workdays":[],"source":"s"}"#,
                "years.2025.holidays[1]", "2025-01-01 is listed twice"
            ),
            (#"{"holidays":[],"source":"s"}"#, "years.2025.workdays", "missing"),
            (#"{"holidays":[20250101],"workdays":[],"source":"s"}"#, "years.2025.holidays[0]", "expected a date string (YYYY-MM-DD)"),
            (#"{"holidays":[],"workdays":[],"source":""}"#, "years.2025.source", "must name the State Council's notice"),
            (
                #"{"holidays":[],"workdays":[],"source":"s","holiday":[]}"#,
                "years.2025.holiday", "unknown member; expected holidays, source, workdays"
            ),
        ])
    func badYearEntry(entry: String, key: String, message: String) throws {
        let (path, result) = try load(calendarText(year2025: entry))
        #expect(throws: CalendarError(.malformedFile, source: path, key: key, message: message)) {
            try result.get()
        }
    }

    @Test(
        "rejects a malformed top level, naming the member",
        arguments: [
            (#"[]"#, nil, "expected an object"),
            (#"{"utc_offset":"+08:00","years":{}}"#, "name", "missing"),
            (#"{"name":"cn","utc_offset":"+8:00","years":{}}"#, "utc_offset", "\"+8:00\" is not an offset (+HH:MM or -HH:MM)"),
            (#"{"name":"cn","utc_offset":"+08:00"}"#, "years", "missing"),
            (#"{"name":"cn","utc_offset":"+08:00","years":{}}"#, "years", "lists no year"),
            (#"{"name":"cn","utc_offset":"+08:00","years":{"25":{}}}"#, "years.25", "not a year (expected four digits, 0001-9998)"),
            (
                #"{"name":"cn","utc_offset":"+08:00","years":{},"zone":"x"}"#, "zone",
                "unknown member; expected about, name, time_zone, utc_offset, years"
            ),
        ] as [(String, String?, String)])
    func badTopLevel(text: String, key: String?, message: String) throws {
        let (path, result) = try load(text)
        #expect(throws: CalendarError(.malformedFile, source: path, key: key, message: message)) {
            try result.get()
        }
    }

    @Test("reads a negative UTC offset")
    func negativeOffset() throws {
        let (_, result) = try load(
            #"{"name":"x","utc_offset":"-05:30","years":{"2025":{"holidays":[],"workdays":[],"source":"s"}}}"#)
        #expect(try result.get().utcOffsetSeconds == -19_800)
    }

    @Test("reports a file that cannot be read")
    func unreadable() {
        let path = "/nonexistent/ironcage/cn.json"
        #expect(
            throws: CalendarError(
                .unreadableFile, source: path, message: "cannot open: No such file or directory")
        ) { try WorkCalendar.load(path: path) }
    }
}
