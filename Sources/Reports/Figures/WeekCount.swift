public import Audit

/// Events and findings in one ISO week, a point of the report's time series.
public struct WeekCount: Sendable, Equatable {
    public let week: ISOWeek
    /// Department events that happened in the week (by the as-of instant).
    public let events: Int
    /// Findings that began in the week.
    public let findings: Int

    /// `2026-W44`.
    public var label: String { "\(ReportPeriod.padded(week.year, 4))-W\(ReportPeriod.padded(week.week, 2))" }
    /// The Monday that begins it.
    public var first: CalendarDate { week.monday }
    /// The Sunday that ends it.
    public var last: CalendarDate { week.monday.adding(days: 6) }
}
