public import EventLog

/// When a clock's limit runs out, and how much of it has been used.
extension DeadlineClock {
    /// Milliseconds in an hour.
    private static let millisecondsPerHour: Int64 = 3_600_000

    /// The instant at or before which a closing act is on time.
    ///
    /// - Working days: the end (23:59:59.999 local) of the *K*th working day after the
    ///   start day, where *K* is the limit plus extensions plus the working days left out
    ///   by stops (行政许可法 arts. 42, 45, 82).
    /// - Calendar days: the end of day *D* + *K*.
    /// - Procedural days: the end of day *D* + *K*, or of the next working day when that
    ///   day is not one (刑事诉讼法 art. 105, 民事诉讼法 art. 85).
    /// - Hours: the start plus *K* hours plus the time stopped.
    ///
    /// - Parameter calendar: The work calendar: its UTC offset fixes the local days, and
    ///   its working days the working-day and procedural limits.
    /// - Returns: The due instant, or `nil` while the clock is stopped: no due date runs
    ///   during a stop.
    /// - Throws: ``CalendarError`` when the calendar lacks a year the count passes
    ///   through.
    /// - Complexity: O(*s*) for *s* stops.
    public func due(in calendar: WorkCalendar) throws(CalendarError) -> Instant? {
        guard pausedSince == nil else { return nil }
        return try dueInstant(excluding: try effectiveStops(stops, in: calendar).excluded, in: calendar)
    }

    /// The units of the limit used by an instant, stops left out: working days for a
    /// working-day limit, calendar days for calendar and procedural days, hours for an
    /// hours limit. For yellow warnings ("two working days left").
    ///
    /// The day of `instant` counts as used once it has begun, as does an hour begun. So
    /// for calendar-day and hours limits the value exceeds the limit plus extensions
    /// exactly when the limit is past. For working days it stays at the limit on the
    /// non-working days after the limit ran out, and for procedural days it passes the
    /// limit over the holiday before a moved due date: lateness itself is judged by
    /// ``due(in:)``. A stop in progress counts as if resumed at `instant`.
    ///
    /// - Parameters:
    ///   - instant: The moment asked about; before the start, nothing is used.
    ///   - calendar: The work calendar.
    /// - Returns: The units used, at least 0.
    /// - Throws: ``CalendarError`` when the calendar lacks a year up to `instant`.
    /// - Complexity: O(*s*) for *s* stops.
    public func used(at instant: Instant, in calendar: WorkCalendar) throws(CalendarError) -> Int {
        guard instant > start else { return 0 }
        var candidates = stops
        if let since = pausedSince { candidates.append(Stop(pausedAt: since, resumedAt: max(instant, since))) }
        var net = try amount(from: start, to: instant, in: calendar)
        for stop in try effectiveStops(candidates, in: calendar).stops where stop.pausedAt < instant {
            net -= try amount(from: stop.pausedAt, to: min(stop.resumedAt, instant), in: calendar)
        }
        guard case .hours = limit else { return Int(max(net, 0)) }
        return net <= 0 ? 0 : Int((net + Self.millisecondsPerHour - 1) / Self.millisecondsPerHour)
    }

    /// The stops that count, in order, and the measure they leave out (units, or
    /// milliseconds for an hours limit).
    ///
    /// A stop that begins after the limit, as the stops before it leave it, has run out
    /// is ignored together with all later ones (they begin later still).
    private func effectiveStops(
        _ candidates: [Stop], in calendar: WorkCalendar
    ) throws(CalendarError) -> (stops: [Stop], excluded: Int64) {
        var excluded: Int64 = 0
        var effective: [Stop] = []
        for stop in candidates {
            guard try isWithinLimit(stop.pausedAt, excluding: excluded, in: calendar) else { break }
            effective.append(stop)
            excluded += try amount(from: stop.pausedAt, to: stop.resumedAt, in: calendar)
        }
        return (effective, excluded)
    }

    /// Whether an instant is at or before the due instant that leaving out `excluded`
    /// gives, decided with calendar data only up to the instant's day, so that ``used(at:in:)``
    /// works while the due date itself lies in a year not yet published.
    private func isWithinLimit(
        _ instant: Instant, excluding excluded: Int64, in calendar: WorkCalendar
    ) throws(CalendarError) -> Bool {
        let units = limit.amount + extensions
        let startDay = calendar.localDate(of: start)
        let day = calendar.localDate(of: instant)
        switch limit {
        case .workdays:
            // Due on the K-th working day after the start day: the day is not later iff
            // fewer than K working days come before it.
            guard day > startDay else { return true }
            let before = try calendar.workdays(after: startDay, through: day.adding(days: -1))
            return Int64(before) < Int64(units) + excluded
        case .calendarDays:
            return Int64(day.daysSinceEpoch - startDay.daysSinceEpoch) <= Int64(units) + excluded
        case .proceduralDays:
            // Due on the last day, or on the first working day after it: the day is not
            // later iff no working day lies from the last day up to the day before it.
            let last = startDay.adding(days: units + Int(excluded))
            guard day > last else { return true }
            return try calendar.workdays(after: last.adding(days: -1), through: day.adding(days: -1)) == 0
        case .hours:
            return instant.millisecondsSinceEpoch
                <= start.millisecondsSinceEpoch + Int64(units) * Self.millisecondsPerHour + excluded
        }
    }

    /// How much of the limit's measure lies after `from` up to `to`: working days after
    /// `from`'s local day through `to`'s, calendar days between the two local days, or
    /// milliseconds for an hours limit.
    private func amount(from: Instant, to: Instant, in calendar: WorkCalendar) throws(CalendarError) -> Int64 {
        switch limit {
        case .workdays:
            return Int64(try calendar.workdays(after: calendar.localDate(of: from), through: calendar.localDate(of: to)))
        case .calendarDays, .proceduralDays:
            let days = calendar.localDate(of: to).daysSinceEpoch - calendar.localDate(of: from).daysSinceEpoch
            return Int64(max(days, 0))
        case .hours:
            return max(to.millisecondsSinceEpoch - from.millisecondsSinceEpoch, 0)
        }
    }

    /// The due instant when stops leave out `excluded` (units, or milliseconds for hours).
    private func dueInstant(excluding excluded: Int64, in calendar: WorkCalendar) throws(CalendarError) -> Instant {
        let granted = limit.amount + extensions
        let day = calendar.localDate(of: start)
        switch limit {
        case .workdays:
            return calendar.endOfDay(try calendar.addingWorkdays(granted + Int(excluded), to: day))
        case .calendarDays:
            return calendar.endOfDay(day.adding(days: granted + Int(excluded)))
        case .proceduralDays:
            let last = day.adding(days: granted + Int(excluded))
            let moved = try calendar.isWorkday(last) ? last : try calendar.addingWorkdays(1, to: last)
            return calendar.endOfDay(moved)
        case .hours:
            return Instant(
                millisecondsSinceEpoch: start.millisecondsSinceEpoch + Int64(granted) * Self.millisecondsPerHour + excluded)
        }
    }
}
