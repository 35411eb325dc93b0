/// Reading and writing instants as RFC 3339 timestamps.
///
/// Accepted input is exactly the `date-time` production of RFC 3339 §5.6 with a
/// mandatory offset:
///
///     YYYY-MM-DD ("T" / "t") HH:MM:SS [ "." 1*9DIGIT ] ( "Z" / "z" / ("+" / "-") HH:MM )
///
/// with these decisions:
///
/// - years 0001–9999 (RFC 3339 §5.6 has four digits; year 0000 is not a Gregorian year);
/// - the day must exist in its month, leap years included (§5.7);
/// - hour ≤ 23, minute ≤ 59, second ≤ 59: the leap second `60` that §5.7 permits is
///   rejected, because instants are counted without leap seconds and no
///   administrative act is timed to one;
/// - 1 to 9 fraction digits (nanoseconds at most); milliseconds are kept and further
///   digits truncated, never rounded, so an instant never moves into the next second;
/// - offset hours ≤ 23 and minutes ≤ 59; `-00:00` (§4.3, "offset unknown") is read as
///   UTC;
/// - no space in place of `T` (§5.6's NOTE allows it only by mutual agreement) and no
///   offset-less local times: an event time without an offset is ambiguous.
extension Instant {
    /// Parses an RFC 3339 `date-time` with an offset.
    ///
    /// - Parameter rfc3339: The timestamp's bytes, ASCII, nothing before or after.
    /// - Returns: The instant in UTC, or `nil` when the text is not exactly such a
    ///   timestamp.
    public init?(rfc3339: UnsafeRawBufferPointer) {
        guard let milliseconds = Self.parseRFC3339(rfc3339.assumingMemoryBound(to: UInt8.self)) else { return nil }
        self.init(millisecondsSinceEpoch: milliseconds)
    }

    /// Parses an RFC 3339 `date-time` with an offset.
    ///
    /// - Parameter rfc3339: The timestamp, nothing before or after.
    /// - Returns: The instant in UTC, or `nil` when the text is not exactly such a
    ///   timestamp.
    public init?(rfc3339: String) {
        var text = rfc3339
        guard let milliseconds = text.withUTF8({ Self.parseRFC3339($0) }) else { return nil }
        self.init(millisecondsSinceEpoch: milliseconds)
    }

    /// The timestamp in UTC with milliseconds, for example `2026-11-22T10:33:37.123Z`.
    ///
    /// Always 24 characters for years 0000–9999: three fraction digits and `Z`, so
    /// these strings sort the way the instants do. This is the form of `recorded`.
    public var utcString: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        appendUTCString(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The timestamp as local time at a fixed offset, for example
    /// `2026-11-22T18:33:37+08:00`.
    ///
    /// Milliseconds appear (as `.123`) only when they are not zero. An offset of zero
    /// is written `+00:00`.
    ///
    /// RFC 3339 offsets have whole minutes. Time-zone databases give some historical
    /// offsets in seconds (Asia/Shanghai was +08:05:43 before 1901), so the offset is
    /// first truncated to whole minutes; local time is computed with that offset, and
    /// the result still names this exact instant.
    ///
    /// - Parameter offsetSeconds: The offset east of UTC in seconds, less than a day
    ///   either way (a larger one is a programming mistake and traps), such as
    ///   `TimeZone.secondsFromGMT(for:)` returns.
    /// - Returns: The timestamp.
    public func string(offsetSeconds: Int) -> String {
        precondition((-86_399...86_399).contains(offsetSeconds), "UTC offset must be less than a day")
        let offsetSeconds = offsetSeconds / 60 * 60
        var bytes: [UInt8] = []
        bytes.reserveCapacity(29)
        let local = millisecondsSinceEpoch + Int64(offsetSeconds) * 1000
        let fraction = Int(local - Self.floorDivide(local, 1000) * 1000)
        Self.appendDateTime(local, to: &bytes)
        if fraction != 0 {
            bytes.append(UInt8(ascii: "."))
            Self.appendDigits(fraction, width: 3, to: &bytes)
        }
        bytes.append(offsetSeconds < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
        let minutes = abs(offsetSeconds) / 60
        Self.appendDigits(minutes / 60, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        Self.appendDigits(minutes % 60, width: 2, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends ``utcString``'s bytes, without building a `String`.
    ///
    /// - Parameter bytes: Where to append.
    func appendUTCString(to bytes: inout [UInt8]) {
        let fraction = Int(millisecondsSinceEpoch - Self.floorDivide(millisecondsSinceEpoch, 1000) * 1000)
        Self.appendDateTime(millisecondsSinceEpoch, to: &bytes)
        bytes.append(UInt8(ascii: "."))
        Self.appendDigits(fraction, width: 3, to: &bytes)
        bytes.append(UInt8(ascii: "Z"))
    }

    /// Appends `YYYY-MM-DDTHH:MM:SS` for milliseconds since the epoch.
    ///
    /// Years outside 0000–9999 (never produced by parsing, but representable) are
    /// written with as many digits as they need and a leading `-` when negative.
    private static func appendDateTime(_ milliseconds: Int64, to bytes: inout [UInt8]) {
        let days = floorDivide(milliseconds, millisecondsPerDay)
        let secondOfDay = Int((milliseconds - days * millisecondsPerDay) / 1000)
        let date = civil(fromDays: days)
        if date.year < 0 { bytes.append(UInt8(ascii: "-")) }
        appendDigits(abs(date.year), width: 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(date.month, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(date.day, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "T"))
        appendDigits(secondOfDay / 3600, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendDigits(secondOfDay / 60 % 60, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendDigits(secondOfDay % 60, width: 2, to: &bytes)
    }

    /// Appends a non-negative number in decimal, zero-padded to at least `width` digits.
    private static func appendDigits(_ value: Int, width: Int, to bytes: inout [UInt8]) {
        var digits = 1
        var power = 10
        while value >= power, digits < 19 {
            digits += 1
            power = power.multipliedReportingOverflow(by: 10).partialValue
        }
        let count = max(digits, width)
        var remaining = value
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: count))
        var position = start + count - 1
        while remaining > 0 {
            bytes[position] = UInt8(ascii: "0") + UInt8(remaining % 10)
            remaining /= 10
            position -= 1
        }
    }

    /// The parser behind both `init?(rfc3339:)`s.
    ///
    /// - Returns: Milliseconds since the epoch, or `nil`.
    private static func parseRFC3339(_ s: UnsafeBufferPointer<UInt8>) -> Int64? {
        // Shortest form: YYYY-MM-DDTHH:MM:SSZ (20 bytes).
        guard s.count >= 20,
            let year = number(s, 0, 4), s[4] == UInt8(ascii: "-"),
            let month = number(s, 5, 2), s[7] == UInt8(ascii: "-"),
            let day = number(s, 8, 2), s[10] | 0x20 == UInt8(ascii: "t"),
            let hour = number(s, 11, 2), s[13] == UInt8(ascii: ":"),
            let minute = number(s, 14, 2), s[16] == UInt8(ascii: ":"),
            let second = number(s, 17, 2)
        else { return nil }
        var i = 19
        var millisecond = 0
        if s[i] == UInt8(ascii: ".") {
            i += 1
            let first = i
            while i < s.count, s[i] &- UInt8(ascii: "0") < 10 {
                if i - first < 3 { millisecond = millisecond * 10 + Int(s[i] - UInt8(ascii: "0")) }
                i += 1
            }
            let digits = i - first
            guard (1...9).contains(digits) else { return nil }
            if digits == 1 { millisecond *= 100 } else if digits == 2 { millisecond *= 10 }
        }
        guard i < s.count else { return nil }
        var offsetSeconds = 0
        switch s[i] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            i += 1
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard i + 6 <= s.count, let offsetHour = number(s, i + 1, 2), s[i + 3] == UInt8(ascii: ":"),
                let offsetMinute = number(s, i + 4, 2), offsetHour <= 23, offsetMinute <= 59
            else { return nil }
            offsetSeconds = (offsetHour * 60 + offsetMinute) * 60
            if s[i] == UInt8(ascii: "-") { offsetSeconds = -offsetSeconds }
            i += 6
        default:
            return nil
        }
        guard i == s.count, (1...9999).contains(year) else { return nil }
        return Instant(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second,
            millisecond: millisecond, offsetSeconds: offsetSeconds
        )?.millisecondsSinceEpoch
    }

    /// `count` ASCII digits at `start` as a number, or `nil` if any is not a digit.
    @inline(__always)
    private static func number(_ s: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
        var value = 0
        for i in start..<(start + count) {
            let digit = s[i] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value * 10 + Int(digit)
        }
        return value
    }
}
