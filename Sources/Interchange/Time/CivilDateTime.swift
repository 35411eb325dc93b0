public import EventLog

/// A date and time of day as written in a record, with its UTC offset when it had one.
///
/// The importers read timestamps into this first and only then decide the instant:
/// with the written offset when there is one, with the configured
/// ``ImportTimeZone`` otherwise, and not at all when neither is known.
public struct CivilDateTime: Sendable, Equatable {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int
    /// Milliseconds; further fraction digits are truncated, as ``EventLog/Instant`` does.
    public var millisecond: Int
    /// The written offset east of UTC in seconds, or `nil` for a local time.
    public var offsetSeconds: Int?

    /// Creates a date-time; fields are checked by ``resolved(in:)``.
    public init(
        year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, millisecond: Int = 0,
        offsetSeconds: Int? = nil
    ) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.millisecond = millisecond
        self.offsetSeconds = offsetSeconds
    }

    /// Why a date-time has no instant.
    public enum Failure: Error, Sendable, Equatable {
        /// A field is out of range (month 13, 30 February, hour 24, year 0).
        case outOfRange
        /// It is a local time and no zone was given.
        case noOffset
    }

    /// The instant this names and the offset to write it with.
    ///
    /// - Parameter zone: The zone for a local time; ignored when an offset was written.
    /// - Returns: The instant and the offset east of UTC in seconds (whole minutes).
    /// - Throws: ``Failure``.
    public func resolved(in zone: ImportTimeZone?) throws(Failure) -> (instant: Instant, offsetSeconds: Int) {
        guard (1...9999).contains(year) else { throw .outOfRange }
        let offset: Int
        if let offsetSeconds {
            offset = offsetSeconds
        } else {
            guard let zone else { throw .noOffset }
            guard let local = Instant(
                year: year, month: month, day: day, hour: hour, minute: minute, second: second, offsetSeconds: 0)
            else { throw .outOfRange }
            offset = zone.offsetSeconds(forLocal: local.millisecondsSinceEpoch / 1000) / 60 * 60
        }
        guard let instant = Instant(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second,
            millisecond: millisecond, offsetSeconds: offset)
        else { throw .outOfRange }
        return (instant, offset)
    }

    /// The RFC 3339 text for this date-time, such as `2026-11-02T09:15:00+08:00`.
    ///
    /// Written with the written offset, or the zone's; milliseconds only when not zero.
    ///
    /// - Parameter zone: The zone for a local time.
    /// - Returns: The text.
    /// - Throws: ``Failure``.
    public func rfc3339(in zone: ImportTimeZone?) throws(Failure) -> String {
        let (instant, offset) = try resolved(in: zone)
        return instant.string(offsetSeconds: offset)
    }
}
