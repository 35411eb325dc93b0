public import Foundation

/// The time zone that gives local times in an import their UTC offset.
///
/// Records from other systems often carry wall-clock times without an offset
/// (`2026-11-02 09:15:00`); the envelope's `at` must have one (RFC 3339 §4.2). The
/// zone is configured per import and never guessed: without it such a time refuses
/// its record.
///
/// A fixed offset (`+08:00`) applies as it is. A named zone (`Asia/Shanghai`, from the
/// system's IANA time-zone database) gives the offset in force at that local time;
/// where daylight saving makes a local time occur twice, the first occurrence is
/// taken, and a local time that does not exist (in the spring-forward gap) is read
/// with the offset before the change.
public enum ImportTimeZone: Sendable, Equatable {
    /// A fixed offset east of UTC, in seconds.
    case fixed(offsetSeconds: Int)
    /// A zone of the IANA time-zone database.
    case named(TimeZone)

    /// Reads a zone as written in a mapping or on the command line.
    ///
    /// - Parameter text: `Z`, `UTC`, an offset `±hh:mm`, or an IANA zone name.
    /// - Returns: The zone, or `nil` when the text is none of these.
    public init?(_ text: String) {
        if text == "Z" || text == "UTC" {
            self = .fixed(offsetSeconds: 0)
            return
        }
        let bytes = Array(text.utf8)
        if bytes.count == 6, bytes[0] == UInt8(ascii: "+") || bytes[0] == UInt8(ascii: "-"), bytes[3] == UInt8(ascii: ":") {
            guard let hours = Int(String(decoding: bytes[1..<3], as: UTF8.self)), hours <= 23,
                let minutes = Int(String(decoding: bytes[4..<6], as: UTF8.self)), minutes <= 59,
                bytes[1...2].allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
                bytes[4...5].allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
            else { return nil }
            let seconds = (hours * 60 + minutes) * 60
            self = .fixed(offsetSeconds: bytes[0] == UInt8(ascii: "-") ? -seconds : seconds)
            return
        }
        guard let zone = TimeZone(identifier: text) else { return nil }
        self = .named(zone)
    }

    /// The offset for a local time.
    ///
    /// - Parameter localSeconds: The local date and time as seconds since
    ///   1970-01-01T00:00:00 on the local clock.
    /// - Returns: The offset east of UTC in seconds, as described above.
    public func offsetSeconds(forLocal localSeconds: Int64) -> Int {
        switch self {
        case .fixed(let offset):
            return offset
        case .named(let zone):
            func offset(atUTC seconds: Int64) -> Int {
                zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(seconds)))
            }
            // Zones change offset at most once a day, so the offsets a day either side
            // of the local time (read as UTC) are the only candidates.
            let before = offset(atUTC: localSeconds - 86_400)
            let after = offset(atUTC: localSeconds + 86_400)
            let holding = Set([before, after]).filter { offset(atUTC: localSeconds - Int64($0)) == $0 }
            // Both hold in an overlap: the larger offset is the earlier instant. Neither
            // holds in a gap: the offset before the change applies.
            return holding.max() ?? before
        }
    }
}
