public import EventLog

/// Converting between instants (stored in UTC) and the calendar's local dates.
///
/// The architecture stores instants in UTC and does day arithmetic in the calendar's
/// time zone; for `cn` that is Asia/Shanghai, a fixed UTC+08:00 (no daylight saving
/// since 1991), so a fixed offset converts exactly.
extension WorkCalendar {
    /// The local date of an instant.
    ///
    /// - Parameter instant: The instant.
    /// - Returns: Its date at ``utcOffsetSeconds``; 2026-11-02T16:00:00Z is 2026-11-03 in
    ///   `cn`.
    /// - Complexity: O(1).
    public func localDate(of instant: Instant) -> CalendarDate {
        let local = instant.millisecondsSinceEpoch + Int64(utcOffsetSeconds) * 1000
        let days = local / CalendarDate.millisecondsPerDay
        let floored = (local % CalendarDate.millisecondsPerDay != 0 && local < 0) ? days - 1 : days
        return CalendarDate(daysSinceEpoch: Int(floored))
    }

    /// The first instant of a local date, 00:00:00.000 local time.
    ///
    /// - Parameter date: The date.
    /// - Returns: The instant.
    public func startOfDay(_ date: CalendarDate) -> Instant {
        Instant(
            millisecondsSinceEpoch: Int64(date.daysSinceEpoch) * CalendarDate.millisecondsPerDay
                - Int64(utcOffsetSeconds) * 1000)
    }

    /// The last instant of a local date, 23:59:59.999 local time.
    ///
    /// A deadline "ends at the end of day D" at this instant; an act at or before it is
    /// on time (instants have millisecond resolution).
    ///
    /// - Parameter date: The date.
    /// - Returns: The instant one millisecond before the next day starts.
    public func endOfDay(_ date: CalendarDate) -> Instant {
        Instant(millisecondsSinceEpoch: startOfDay(date).millisecondsSinceEpoch + CalendarDate.millisecondsPerDay - 1)
    }
}
