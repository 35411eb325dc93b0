public import Audit

/// The calendar units reports are written for: a day, an ISO 8601 week, a month, a quarter,
/// a year.
public enum PeriodUnit: String, Sendable, CaseIterable {
    case day, week, month, quarter, year

    /// The period of this unit that contains a date.
    ///
    /// Weeks are ISO 8601 weeks, Monday to Sunday; a week belongs to the year that holds its
    /// Thursday, so 2026-12-31 lies in 2026-W53 and 2027-01-01 too.
    ///
    /// - Parameter date: any date.
    /// - Returns: the period.
    public func period(containing date: CalendarDate) -> ReportPeriod {
        switch self {
        case .day:
            return ReportPeriod(unit: .day, first: date, last: date)
        case .week:
            let monday = date.adding(days: 1 - date.weekday)
            return ReportPeriod(unit: .week, first: monday, last: monday.adding(days: 6))
        case .month:
            return ReportPeriod.month(year: date.year, month: date.month)
        case .quarter:
            return ReportPeriod.quarter(year: date.year, quarter: (date.month - 1) / 3 + 1)
        case .year:
            return ReportPeriod.year(date.year)
        }
    }
}
