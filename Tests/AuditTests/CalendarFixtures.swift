import Audit
import EventLog

/// Shared inputs for the Audit tests: the real `cn` calendar and short spellings of
/// dates and instants.
enum CalendarFixtures {
    /// The repository's root: this file is `<root>/Tests/AuditTests/CalendarFixtures.swift`.
    static let repositoryRoot: String = {
        var components = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        components.removeLast(3)
        return components.joined(separator: "/")
    }()

    /// The path of `Rules/calendars/cn.json`.
    static let cnPath = repositoryRoot + "/Rules/calendars/cn.json"

    /// Mainland China's calendar as shipped, loaded once; suites take it with
    /// `try CalendarFixtures.cn.get()` so that a broken file fails each test, not the run.
    static let cn = Result<WorkCalendar, CalendarError> { () throws(CalendarError) in
        try WorkCalendar.load(path: cnPath)
    }
}

/// A date from `YYYY-MM-DD`; traps on a typo in a test.
func date(_ iso: String) -> CalendarDate {
    guard let date = CalendarDate(iso: iso) else { preconditionFailure("not a date: \(iso)") }
    return date
}

/// An instant from an RFC 3339 timestamp; traps on a typo in a test.
func instant(_ rfc3339: String) -> Instant {
    guard let instant = Instant(rfc3339: rfc3339) else { preconditionFailure("not a timestamp: \(rfc3339)") }
    return instant
}

/// The end of a local day in `cn`, 23:59:59.999+08:00.
func endOfDayInChina(_ iso: String) -> Instant {
    instant(iso + "T23:59:59.999+08:00")
}
