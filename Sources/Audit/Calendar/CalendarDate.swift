import EventLog

/// A civil date without a time of day or a time zone, in the proleptic Gregorian
/// calendar.
///
/// Legal time limits are counted in whole days (行政许可法 art. 82 counts working days,
/// 刑事诉讼法 art. 105 calendar days), so deadline arithmetic works on dates and only
/// converts to instants at the edges, through a ``WorkCalendar``'s fixed UTC offset.
///
/// Dates run from 0001-01-01 to 9999-12-31, the years an RFC 3339 timestamp can name.
/// The conversion between year–month–day and days since 1970-01-01 is EventLog's
/// (``Instant/init(year:month:day:hour:minute:second:millisecond:offsetSeconds:)`` and
/// ``Instant/calendarDate(offsetSeconds:)``), so the project has one implementation of it.
public struct CalendarDate: Comparable, Hashable, Sendable, CustomStringConvertible {
    /// The year, 1–9999.
    public let year: Int
    /// The month, 1–12.
    public let month: Int
    /// The day of the month, 1–31.
    public let day: Int
    /// Days since 1970-01-01, kept so that comparison and day arithmetic are O(1).
    private let ordinal: Int

    /// The first representable date, 0001-01-01.
    public static let earliest = CalendarDate(checkedYear: 1, month: 1, day: 1, ordinal: -719_162)
    /// The last representable date, 9999-12-31.
    public static let latest = CalendarDate(checkedYear: 9999, month: 12, day: 31, ordinal: 2_932_896)

    /// Milliseconds in one day.
    static let millisecondsPerDay: Int64 = 86_400_000

    /// Creates a date from its fields.
    ///
    /// - Parameters:
    ///   - year: 1–9999.
    ///   - month: 1–12.
    ///   - day: 1 up to the month's length, leap years included.
    /// - Returns: The date, or `nil` when it does not exist (2026-02-29, 2026-04-31).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), let midnight = Instant(year: year, month: month, day: day) else {
            return nil
        }
        self.init(
            checkedYear: year, month: month, day: day,
            ordinal: Int(midnight.millisecondsSinceEpoch / Self.millisecondsPerDay))
    }

    /// Creates the date a number of days after 1970-01-01.
    ///
    /// - Parameter daysSinceEpoch: Days since 1970-01-01 (0 is 1970-01-01, −1 is
    ///   1969-12-31). A value outside ``earliest``…``latest`` is a programming mistake
    ///   and traps.
    public init(daysSinceEpoch: Int) {
        precondition(
            (Self.earliest.ordinal...Self.latest.ordinal).contains(daysSinceEpoch),
            "CalendarDate(daysSinceEpoch:): outside 0001-01-01...9999-12-31")
        let civil = Instant(millisecondsSinceEpoch: Int64(daysSinceEpoch) * Self.millisecondsPerDay)
            .calendarDate(offsetSeconds: 0)
        self.init(checkedYear: civil.year, month: civil.month, day: civil.day, ordinal: daysSinceEpoch)
    }

    /// Stores fields already known to be consistent.
    private init(checkedYear year: Int, month: Int, day: Int, ordinal: Int) {
        self.year = year
        self.month = month
        self.day = day
        self.ordinal = ordinal
    }

    /// Days since 1970-01-01; negative before it.
    public var daysSinceEpoch: Int { ordinal }

    /// The date `days` days later (earlier when negative).
    ///
    /// - Parameter days: The number of days to move.
    /// - Returns: The date. Leaving 0001-01-01…9999-12-31 is a programming mistake and
    ///   traps.
    /// - Complexity: O(1).
    public func adding(days: Int) -> CalendarDate {
        CalendarDate(daysSinceEpoch: ordinal + days)
    }

    /// The ISO 8601 day of the week: 1 is Monday, 7 is Sunday.
    ///
    /// 1970-01-01 was a Thursday (4).
    public var weekday: Int {
        ((ordinal + 3) % 7 + 7) % 7 + 1
    }

    /// Whether this is a Saturday or a Sunday, the weekly rest days of 国务院关于职工工作
    /// 时间的规定 (1995) art. 7.
    public var isWeekend: Bool { weekday >= 6 }

    /// Orders dates from earlier to later.
    ///
    /// - Parameters:
    ///   - lhs: A date.
    ///   - rhs: Another date.
    /// - Returns: `true` when `lhs` is earlier than `rhs`.
    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        lhs.ordinal < rhs.ordinal
    }
}
