#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A point in time, in milliseconds since 1970-01-01T00:00:00Z, ignoring leap seconds.
///
/// IronCage stores every instant in UTC (the architecture's "Instants are stored in
/// UTC") with millisecond resolution, which is what `recorded` carries and more than
/// any legal time limit needs. Day arithmetic in a local time zone goes through
/// ``calendarDate(offsetSeconds:)`` and friends, computed with plain integer arithmetic
/// rather than a calendar library so results never depend on the machine's settings.
public struct Instant: Comparable, Hashable, Sendable {
    /// Milliseconds since the Unix epoch, 1970-01-01T00:00:00Z; negative before it.
    public var millisecondsSinceEpoch: Int64

    /// Creates an instant.
    ///
    /// - Parameter millisecondsSinceEpoch: Milliseconds since 1970-01-01T00:00:00Z.
    public init(millisecondsSinceEpoch: Int64) {
        self.millisecondsSinceEpoch = millisecondsSinceEpoch
    }

    /// Orders instants from earlier to later.
    ///
    /// - Parameters:
    ///   - lhs: An instant.
    ///   - rhs: Another instant.
    /// - Returns: `true` when `lhs` is earlier than `rhs`.
    public static func < (lhs: Instant, rhs: Instant) -> Bool {
        lhs.millisecondsSinceEpoch < rhs.millisecondsSinceEpoch
    }

    /// The current time from the system's real-time clock, truncated to milliseconds.
    ///
    /// - Returns: Now.
    public static func now() -> Instant {
        var spec = timespec()
        // CLOCK_REALTIME cannot fail with a valid pointer (POSIX clock_gettime).
        _ = clock_gettime(CLOCK_REALTIME, &spec)
        let milliseconds = Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000
        return Instant(millisecondsSinceEpoch: milliseconds)
    }
}
