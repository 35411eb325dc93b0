public import Audit
public import EventLog

/// The whole local days a report covers: a day, an ISO 8601 week, a month, a quarter, a
/// year, or any range of dates, first and last day included.
///
/// A period is a span of dates, not of instants: it becomes instants only through a work
/// calendar's time zone (``start(in:)``, ``end(in:)``), so October in `cn` runs from
/// 2026-10-01T00:00:00+08:00 to 2026-10-31T23:59:59.999+08:00. Each period has a
/// ``previous`` one of the same kind to compare with: the month before, the ISO week before,
/// or, for a range of *n* days, the *n* days just before it.
public struct ReportPeriod: Sendable, Hashable, CustomStringConvertible {
    /// The calendar unit, or nil for a range of dates given by its ends.
    public let unit: PeriodUnit?
    /// The first day covered.
    public let first: CalendarDate
    /// The last day covered.
    public let last: CalendarDate

    init(unit: PeriodUnit?, first: CalendarDate, last: CalendarDate) {
        precondition(first <= last, "ReportPeriod: first day after last")
        self.unit = unit
        self.first = first
        self.last = last
    }

    /// The dates from `first` through `last`.
    ///
    /// - Returns: nil when `last` is before `first`.
    public static func range(from first: CalendarDate, through last: CalendarDate) -> ReportPeriod? {
        first <= last ? ReportPeriod(unit: nil, first: first, last: last) : nil
    }

    /// One day.
    public static func day(_ date: CalendarDate) -> ReportPeriod {
        ReportPeriod(unit: .day, first: date, last: date)
    }

    /// A calendar month; `month` must be 1–12 and `year` 1–9998.
    public static func month(year: Int, month: Int) -> ReportPeriod {
        guard let first = CalendarDate(year: year, month: month, day: 1),
            let last = CalendarDate(year: year, month: month, day: Instant.daysInMonth(year: year, month: month))
        else { preconditionFailure("ReportPeriod.month: no month \(year)-\(month)") }
        return ReportPeriod(unit: .month, first: first, last: last)
    }

    /// A quarter (1–4): Q1 is January to March.
    public static func quarter(year: Int, quarter: Int) -> ReportPeriod {
        precondition((1...4).contains(quarter), "ReportPeriod.quarter: quarter 1–4")
        let first = month(year: year, month: quarter * 3 - 2).first
        let last = month(year: year, month: quarter * 3).last
        return ReportPeriod(unit: .quarter, first: first, last: last)
    }

    /// A calendar year.
    public static func year(_ year: Int) -> ReportPeriod {
        ReportPeriod(unit: .year, first: month(year: year, month: 1).first, last: month(year: year, month: 12).last)
    }

    /// How many days it covers.
    public var dayCount: Int { last.daysSinceEpoch - first.daysSinceEpoch + 1 }

    /// Whether a date lies in it.
    public func contains(_ date: CalendarDate) -> Bool { first <= date && date <= last }

    /// The period of the same kind just before this one.
    ///
    /// The month, quarter, year, ISO week or day before; for a range of *n* days the *n* days
    /// ending the day before it starts.
    public var previous: ReportPeriod {
        guard let unit else {
            return ReportPeriod(unit: nil, first: first.adding(days: -dayCount), last: first.adding(days: -1))
        }
        return unit.period(containing: first.adding(days: -1))
    }

    /// The period of the same kind just after this one.
    public var next: ReportPeriod {
        guard let unit else {
            return ReportPeriod(unit: nil, first: last.adding(days: 1), last: last.adding(days: dayCount))
        }
        return unit.period(containing: last.adding(days: 1))
    }

    /// The first instant of the period in a calendar's time zone.
    public func start(in calendar: WorkCalendar) -> Instant { calendar.startOfDay(first) }

    /// The last instant of the period (23:59:59.999 on its last day) in a calendar's time zone.
    public func end(in calendar: WorkCalendar) -> Instant { calendar.endOfDay(last) }

    /// The period as it is written on the command line and in file names: `2026-10-15`,
    /// `2026-W44`, `2026-10`, `2026-Q3`, `2026`, or `2026-10-03_2026-10-17` for a range.
    public var label: String {
        switch unit {
        case .day: return first.description
        case .week:
            let week = ISOWeek(containing: first)
            return "\(Self.padded(week.year, 4))-W\(Self.padded(week.week, 2))"
        case .month: return String(first.description.prefix(7))
        case .quarter: return "\(Self.padded(first.year, 4))-Q\((first.month - 1) / 3 + 1)"
        case .year: return Self.padded(first.year, 4)
        case nil: return "\(first)_\(last)"
        }
    }

    public var description: String { label }

    static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
