import EventLog

/// Reading and writing dates as ISO 8601 calendar dates in the extended format,
/// `YYYY-MM-DD` (ISO 8601-1:2019 §5.2.2.1; RFC 3339's `full-date`).
extension CalendarDate {
    /// Parses exactly `YYYY-MM-DD`: four-digit year 0001–9999, two-digit month and day,
    /// hyphens, nothing before or after.
    ///
    /// - Parameter iso: The text.
    /// - Returns: The date, or `nil` when the text is not exactly such a date or the
    ///   date does not exist.
    public init?(iso: String) {
        let bytes = Array(iso.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let year = Self.digits(bytes, 0..<4), let month = Self.digits(bytes, 5..<7),
            let day = Self.digits(bytes, 8..<10)
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The date as `YYYY-MM-DD`, zero-padded, for example `2026-11-02`.
    public var description: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(10)
        Self.append(year, width: 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        Self.append(month, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        Self.append(day, width: 2, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The ASCII digits in `range` as a number, or `nil` if any byte is not a digit.
    private static func digits(_ bytes: [UInt8], _ range: Range<Int>) -> Int? {
        var value = 0
        for i in range {
            let digit = bytes[i] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value * 10 + Int(digit)
        }
        return value
    }

    /// Appends a non-negative number zero-padded to `width` digits (values here never
    /// need more).
    private static func append(_ value: Int, width: Int, to bytes: inout [UInt8]) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
            divisor /= 10
        }
    }
}
