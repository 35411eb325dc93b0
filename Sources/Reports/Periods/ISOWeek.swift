public import Audit

/// An ISO 8601 week date's year and week (ISO 8601-1:2019 §5.2.4.1).
///
/// Weeks run Monday to Sunday. Week 1 of a year is the week with the year's first
/// Thursday in it — equivalently the week holding 4 January — so a year has 52 or 53
/// weeks, and the days of a week that straddles New Year belong to the year of its
/// Thursday: 2026-12-31 (a Thursday) is in 2026-W53, and so are 2027-01-01 to 2027-01-03;
/// 2024-12-30 is in 2025-W01.
public struct ISOWeek: Sendable, Hashable {
    /// The week-numbering year, which differs from the calendar year near New Year.
    public let year: Int
    /// 1–53.
    public let week: Int

    /// The week a date lies in.
    public init(containing date: CalendarDate) {
        var year = date.year
        if date < Self.mondayOfWeekOne(year) {
            year -= 1
        } else if year < 9999, date >= Self.mondayOfWeekOne(year + 1) {
            year += 1
        }
        self.year = year
        week = (date.daysSinceEpoch - Self.mondayOfWeekOne(year).daysSinceEpoch) / 7 + 1
    }

    /// A week given by its numbers.
    ///
    /// - Returns: nil unless `week` is 1 through the year's number of weeks (52 or 53).
    public init?(year: Int, week: Int) {
        guard (2...9998).contains(year), week >= 1, week <= Self.weeks(in: year) else { return nil }
        self.year = year
        self.week = week
    }

    /// The Monday that begins the week.
    public var monday: CalendarDate {
        Self.mondayOfWeekOne(year).adding(days: (week - 1) * 7)
    }

    /// How many weeks an ISO year has: 53 when it begins on a Thursday, or on a Wednesday in
    /// a leap year; 52 otherwise.
    public static func weeks(in year: Int) -> Int {
        (mondayOfWeekOne(year + 1).daysSinceEpoch - mondayOfWeekOne(year).daysSinceEpoch) / 7
    }

    /// The Monday of the week holding 4 January of `year`.
    static func mondayOfWeekOne(_ year: Int) -> CalendarDate {
        guard let january4 = CalendarDate(year: year, month: 1, day: 4) else {
            preconditionFailure("ISOWeek: year \(year) outside 1–9999")
        }
        return january4.adding(days: 1 - january4.weekday)
    }
}
