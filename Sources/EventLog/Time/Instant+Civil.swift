/// Proleptic Gregorian calendar arithmetic for instants, without a calendar library.
///
/// Converts between days since 1970-01-01 and year–month–day with Howard Hinnant's
/// public-domain `days_from_civil` / `civil_from_days` algorithms (eras of 400 years,
/// years starting on 1 March so the leap day comes last).
extension Instant {
    /// Milliseconds in one day.
    static let millisecondsPerDay: Int64 = 86_400_000

    /// The calendar date of this instant at a fixed offset from UTC.
    ///
    /// - Parameter offsetSeconds: The local offset east of UTC in seconds, for example
    ///   `28_800` for China Standard Time (UTC+08:00). Must be less than a day either
    ///   way; a larger offset is a programming mistake and traps.
    /// - Returns: The local year, month (1–12) and day of the month (1–31).
    public func calendarDate(offsetSeconds: Int) -> (year: Int, month: Int, day: Int) {
        precondition((-86_399...86_399).contains(offsetSeconds), "UTC offset must be less than a day")
        let local = millisecondsSinceEpoch + Int64(offsetSeconds) * 1000
        let days = Self.floorDivide(local, Self.millisecondsPerDay)
        return Self.civil(fromDays: days)
    }

    /// The instant of a local date and time at a fixed offset from UTC.
    ///
    /// - Parameters:
    ///   - year: The year, proleptic Gregorian.
    ///   - month: 1–12.
    ///   - day: 1 up to the month's length.
    ///   - hour: 0–23.
    ///   - minute: 0–59.
    ///   - second: 0–59.
    ///   - millisecond: 0–999.
    ///   - offsetSeconds: The offset east of UTC in seconds.
    /// - Returns: The instant, or `nil` when a field is out of range.
    public init?(
        year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0,
        millisecond: Int = 0, offsetSeconds: Int = 0
    ) {
        guard (1...12).contains(month), day >= 1, day <= Self.daysInMonth(year: year, month: month),
            (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second),
            (0...999).contains(millisecond), (-1_000_000...1_000_000).contains(year),
            (-86_399...86_399).contains(offsetSeconds)
        else { return nil }
        let days = Int64(Self.days(fromCivilYear: year, month: month, day: day))
        let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offsetSeconds)
        self.init(millisecondsSinceEpoch: seconds * 1000 + Int64(millisecond))
    }

    /// Whether `year` is a leap year in the Gregorian calendar.
    ///
    /// - Parameter year: The year.
    /// - Returns: `true` for years divisible by 4, except centuries not divisible by 400.
    public static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// The number of days in a month.
    ///
    /// - Parameters:
    ///   - year: The year.
    ///   - month: 1–12.
    /// - Returns: 28–31.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days from 1970-01-01 to a civil date (negative before it).
    static func days(fromCivilYear year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The civil date `days` after 1970-01-01.
    static func civil(fromDays days: Int64) -> (year: Int, month: Int, day: Int) {
        let z = Int(days) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    /// Division rounding towards negative infinity.
    @inline(__always)
    static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }
}
