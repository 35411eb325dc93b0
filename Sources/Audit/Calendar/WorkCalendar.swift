import EventLog

/// A jurisdiction's working days: weekends, statutory holidays and the weekend days
/// worked in exchange (调休), year by year, with O(1) counting of working days.
///
/// Chinese administrative time limits are mostly counted in working days: 行政许可法
/// art. 82 says the Law's time limits for administrative organs "以工作日计算，不含法定
/// 节假日", and the holidays themselves move every year by the State Council's notice
/// (国务院办公厅关于XXXX年部分节假日安排的通知), which also turns some Saturdays and
/// Sundays into working days. A day is a working day iff it is listed as a make-up
/// working day, or it is Monday to Friday and not listed as a holiday.
///
/// A calendar knows only the years it has data for. Asking about any other year,
/// before, after, or a gap between covered years, throws ``CalendarError`` naming the
/// year and the file; it never falls back to a Monday-to-Friday guess, which would
/// silently move every deadline that crosses a holiday.
///
/// Every query is O(1): the initialiser precomputes, for each covered day, how many
/// working days come before it, and the position of every working day, so that the
/// rule engine can ask millions of times.
public struct WorkCalendar: Sendable {
    /// The calendar's name, such as `cn`.
    public let name: String
    /// The local time's fixed offset east of UTC in seconds (28 800 for `cn`).
    ///
    /// A fixed offset is enough for `cn`: Asia/Shanghai has kept UTC+08:00 without
    /// daylight saving since China ended it after the summer of 1991, long before the
    /// first covered year.
    public let utcOffsetSeconds: Int
    /// The first through the last year with data.
    ///
    /// A year inside this range without data (a gap in the file) is as much an error as
    /// one outside it.
    public let coveredYears: ClosedRange<Int>
    /// Where the data came from, such as `Rules/calendars/cn.json`; errors name it.
    public let source: String

    /// One year's lists, as given.
    struct YearLists: Sendable {
        var holidays: [CalendarDate]
        var workdays: [CalendarDate]
    }

    /// Days since 1970-01-01 of 1 January of the first covered year; day index 0.
    let firstDay: Int
    /// The number of days from 1 January of the first covered year to 31 December of
    /// the last.
    let dayCount: Int
    /// `workingDaysBefore[i]`: working days among day indices `0..<i`; `dayCount + 1`
    /// entries.
    let workingDaysBefore: [Int]
    /// The day index of every working day, in order.
    let workingDayIndices: [Int]
    /// `missingDaysBefore[i]`: days among indices `0..<i` in years without data;
    /// `dayCount + 1` entries.
    let missingDaysBefore: [Int]
    /// Each covered year's lists, `nil` for a gap; indexed by `year - coveredYears.lowerBound`.
    let lists: [YearLists?]

    /// Creates a calendar from its lists.
    ///
    /// Giving a date under the wrong year, a make-up working day that is not a Saturday
    /// or Sunday, a date both a holiday and a working day, or no years at all is a
    /// programming mistake and traps; ``load(path:)`` reports such data as
    /// ``CalendarError`` instead.
    ///
    /// - Parameters:
    ///   - name: The calendar's name, such as `cn`.
    ///   - utcOffsetSeconds: The local time's fixed offset east of UTC, less than a day.
    ///   - years: For each year with data, its days off (any day of the week) and the
    ///     weekend days that are working days. Years missing between the first and the
    ///     last are gaps.
    ///   - source: Where the data came from, named in errors.
    /// - Complexity: O(*d*) for *d* days from the first to the last year.
    public init(
        name: String, utcOffsetSeconds: Int,
        years: [Int: (holidays: [CalendarDate], workdays: [CalendarDate])], source: String
    ) {
        precondition((-86_399...86_399).contains(utcOffsetSeconds), "WorkCalendar: UTC offset must be less than a day")
        guard let firstYear = years.keys.min(), let lastYear = years.keys.max() else {
            preconditionFailure("WorkCalendar: no years")
        }
        self.name = name
        self.utcOffsetSeconds = utcOffsetSeconds
        self.coveredYears = firstYear...lastYear
        self.source = source
        let first = Self.januaryFirst(firstYear)
        let end = Self.januaryFirst(lastYear + 1)
        firstDay = first
        dayCount = end - first

        var lists: [YearLists?] = Array(repeating: nil, count: lastYear - firstYear + 1)
        var holidays = Set<Int>()
        var workdays = Set<Int>()
        for (year, days) in years {
            for date in days.holidays {
                precondition(date.year == year, "WorkCalendar: holiday \(date) listed under \(year)")
                holidays.insert(date.daysSinceEpoch)
            }
            for date in days.workdays {
                precondition(date.year == year, "WorkCalendar: working day \(date) listed under \(year)")
                precondition(date.isWeekend, "WorkCalendar: make-up working day \(date) is not a Saturday or Sunday")
                workdays.insert(date.daysSinceEpoch)
            }
            lists[year - firstYear] = YearLists(
                holidays: Array(Set(days.holidays)).sorted(), workdays: Array(Set(days.workdays)).sorted())
        }
        precondition(holidays.isDisjoint(with: workdays), "WorkCalendar: a date is both a holiday and a working day")
        self.lists = lists

        var before: [Int] = [0]
        var indices: [Int] = []
        var missing: [Int] = [0]
        before.reserveCapacity(dayCount + 1)
        missing.reserveCapacity(dayCount + 1)
        for year in firstYear...lastYear {
            let hasData = lists[year - firstYear] != nil
            for day in Self.januaryFirst(year)..<Self.januaryFirst(year + 1) {
                let index = day - first
                let weekday = CalendarDate(daysSinceEpoch: day).weekday
                let working = hasData && (workdays.contains(day) || (weekday <= 5 && !holidays.contains(day)))
                if working { indices.append(index) }
                before.append(before[index] + (working ? 1 : 0))
                missing.append(missing[index] + (hasData ? 0 : 1))
            }
        }
        workingDaysBefore = before
        workingDayIndices = indices
        missingDaysBefore = missing
        #if DEBUG
            _checkInvariants()
        #endif
    }

    /// Whether a date is a working day.
    ///
    /// - Parameter date: The date.
    /// - Returns: `true` for a listed make-up working day, or Monday to Friday when not a
    ///   listed holiday.
    /// - Throws: ``CalendarError`` when the calendar has no data for the date's year.
    /// - Complexity: O(1).
    public func isWorkday(_ date: CalendarDate) throws(CalendarError) -> Bool {
        let index = date.daysSinceEpoch - firstDay
        try requireData(from: index, through: index)
        return workingDaysBefore[index + 1] != workingDaysBefore[index]
    }

    /// The `n`th working day after a date.
    ///
    /// This is how 行政许可法 counts: a limit of *n* working days that starts on day *D*
    /// ends on the *n*th working day after *D*. *D* itself never counts, whether or not
    /// it is a working day (an application accepted on a Saturday or during the Spring
    /// Festival starts counting at the next working day), and so the calendar needs data
    /// only for the days after *D*.
    ///
    /// - Parameters:
    ///   - n: How many working days, zero or more (negative is a programming mistake and
    ///     traps). Zero returns `date` itself.
    ///   - date: The start day, not counted.
    /// - Returns: The date of the `n`th working day after `date`.
    /// - Throws: ``CalendarError`` when the calendar lacks a year between the day after
    ///   `date` and the result, for example when the result would fall in a year not
    ///   yet published.
    /// - Complexity: O(1).
    public func addingWorkdays(_ n: Int, to date: CalendarDate) throws(CalendarError) -> CalendarDate {
        precondition(n >= 0, "addingWorkdays: negative count")
        guard n > 0 else { return date }
        let start = date.daysSinceEpoch + 1 - firstDay
        guard start >= 0, start < dayCount else {
            throw missingYear(containing: start)
        }
        let target = workingDaysBefore[start] + n
        guard target <= workingDayIndices.count else {
            try requireData(from: start, through: dayCount - 1)
            throw .missingYear(coveredYears.upperBound + 1, calendar: name, source: source)
        }
        let index = workingDayIndices[target - 1]
        try requireData(from: start, through: index)
        return CalendarDate(daysSinceEpoch: firstDay + index)
    }

    /// The number of working days after one date up to and including another.
    ///
    /// - Parameters:
    ///   - a: The day after which counting starts; it does not count.
    ///   - b: The last day counted.
    /// - Returns: The working days in (`a`, `b`]; 0 when `b` is not after `a`, without
    ///   consulting the calendar.
    /// - Throws: ``CalendarError`` when the calendar lacks a year from the day after `a`
    ///   through `b`.
    /// - Complexity: O(1).
    public func workdays(after a: CalendarDate, through b: CalendarDate) throws(CalendarError) -> Int {
        guard b > a else { return 0 }
        let start = a.daysSinceEpoch + 1 - firstDay
        let end = b.daysSinceEpoch - firstDay
        try requireData(from: start, through: end)
        return workingDaysBefore[end + 1] - workingDaysBefore[start]
    }

    /// The days off of a year's holiday breaks, as listed.
    ///
    /// - Parameter year: The year.
    /// - Returns: Its holidays in date order, including weekend days inside the breaks.
    /// - Throws: ``CalendarError`` when the calendar has no data for `year`.
    public func holidays(in year: Int) throws(CalendarError) -> [CalendarDate] {
        try yearLists(year).holidays
    }

    /// The Saturdays and Sundays of a year that are working days (调休上班).
    ///
    /// - Parameter year: The year.
    /// - Returns: The make-up working days in date order.
    /// - Throws: ``CalendarError`` when the calendar has no data for `year`.
    public func makeupWorkdays(in year: Int) throws(CalendarError) -> [CalendarDate] {
        try yearLists(year).workdays
    }

    /// A year's lists, or the error for a year without data.
    private func yearLists(_ year: Int) throws(CalendarError) -> YearLists {
        guard coveredYears.contains(year), let lists = lists[year - coveredYears.lowerBound] else {
            throw .missingYear(year, calendar: name, source: source)
        }
        return lists
    }

    /// Throws unless every day index in `start...end` lies in a year with data.
    ///
    /// Reports the earliest year without data in the range.
    ///
    /// - Complexity: O(1) when the data is there; the error path scans the years.
    @inline(__always)
    func requireData(from start: Int, through end: Int) throws(CalendarError) {
        guard start >= 0, end < dayCount, missingDaysBefore[end + 1] == missingDaysBefore[start] else {
            throw missingYearError(from: start, through: end)
        }
    }

    /// The error for the earliest day index in `start...end` without data.
    private func missingYearError(from start: Int, through end: Int) -> CalendarError {
        if start < 0 || start >= dayCount { return missingYear(containing: start) }
        for index in start...min(end, dayCount - 1) where missingDaysBefore[index + 1] != missingDaysBefore[index] {
            return missingYear(containing: index)
        }
        return .missingYear(coveredYears.upperBound + 1, calendar: name, source: source)
    }

    /// The missing-year error for the year of a day index.
    private func missingYear(containing index: Int) -> CalendarError {
        let day = min(max(firstDay + index, CalendarDate.earliest.daysSinceEpoch), CalendarDate.latest.daysSinceEpoch)
        return .missingYear(CalendarDate(daysSinceEpoch: day).year, calendar: name, source: source)
    }

    /// Days since 1970-01-01 of 1 January of `year`.
    private static func januaryFirst(_ year: Int) -> Int {
        guard let date = CalendarDate(year: year, month: 1, day: 1) else {
            preconditionFailure("WorkCalendar: year \(year) outside 1...9998")
        }
        return date.daysSinceEpoch
    }

    #if DEBUG
        /// Traps unless the precomputed tables agree with each other.
        func _checkInvariants() {
            assert(workingDaysBefore.count == dayCount + 1 && missingDaysBefore.count == dayCount + 1)
            assert(workingDaysBefore[dayCount] == workingDayIndices.count)
            for (k, index) in workingDayIndices.enumerated() {
                assert(workingDaysBefore[index] == k && workingDaysBefore[index + 1] == k + 1)
            }
        }
    #endif
}
