import Audit

extension ReportPeriod {
    /// The forms `init?(parsing:)` accepts, for error messages.
    public static let accepted = "2026-10-15 (a day), 2026-W44 (an ISO week), 2026-10 (a month), 2026-Q3 (a quarter) or 2026 (a year)"

    /// Parses a period as written on the command line.
    ///
    /// `YYYY-MM-DD` is a day, `YYYY-Www` an ISO 8601 week (`2026-W01` begins on Monday
    /// 2025-12-29), `YYYY-MM` a month, `YYYY-Qn` a quarter, `YYYY` a year. Years run from
    /// 0002 to 9998 so that the previous and next periods exist.
    ///
    /// - Parameter text: the period.
    /// - Returns: nil when the text is none of these or names no such day, week, month or
    ///   quarter (`2026-W54`, `2026-13`, `2026-Q5`, `2026-02-30`).
    public init?(parsing text: String) {
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count else { return nil }
            var value = 0
            for index in range {
                let digit = bytes[index] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                value = value * 10 + Int(digit)
            }
            return value
        }
        guard bytes.count >= 4, let year = number(0..<4), (2...9998).contains(year) else { return nil }
        switch bytes.count {
        case 4:
            self = .year(year)
        case 7 where bytes[4] == UInt8(ascii: "-") && bytes[5] == UInt8(ascii: "Q"):
            guard let quarter = number(6..<7), (1...4).contains(quarter) else { return nil }
            self = .quarter(year: year, quarter: quarter)
        case 7 where bytes[4] == UInt8(ascii: "-"):
            guard let month = number(5..<7), (1...12).contains(month) else { return nil }
            self = .month(year: year, month: month)
        case 8 where bytes[4] == UInt8(ascii: "-") && bytes[5] == UInt8(ascii: "W"):
            guard let number = number(6..<8), let week = ISOWeek(year: year, week: number) else { return nil }
            self = PeriodUnit.week.period(containing: week.monday)
        case 10:
            guard let date = CalendarDate(iso: text) else { return nil }
            self = .day(date)
        default:
            return nil
        }
    }
}
