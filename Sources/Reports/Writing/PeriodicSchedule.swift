public import Audit
public import EventLog

/// Which periods a scheduled run (`ironcage report --every UNIT --since DATE`) writes: every
/// completed period of the unit from the one holding `since`, oldest first.
///
/// A period is completed when its last instant (23:59:59.999 local on its last day) is at or
/// before the as-of instant. The writer then skips each period whose files are all there, so a
/// cron job or systemd timer may run hourly: most runs find nothing to do and do not even
/// audit, and a missed run is made up by the next.
public struct PeriodicSchedule: Sendable {
    public let unit: PeriodUnit
    public let since: CalendarDate

    public init(unit: PeriodUnit, since: CalendarDate) {
        self.unit = unit
        self.since = since
    }

    /// The completed periods, oldest first.
    ///
    /// - Parameters:
    ///   - asOf: now, or the instant given.
    ///   - calendar: for the local time zone.
    public func completedPeriods(asOf: Instant, calendar: WorkCalendar) -> [ReportPeriod] {
        var periods: [ReportPeriod] = []
        var period = unit.period(containing: since)
        while period.end(in: calendar) <= asOf {
            periods.append(period)
            period = period.next
        }
        return periods
    }
}
