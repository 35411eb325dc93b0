import EventLog

/// An OCDS date as an envelope's `at`: its RFC 3339 text and the instant it names.
///
/// OCDS dates are JSON Schema `date-time` strings, that is RFC 3339 with an offset
/// (https://standard.open-contracting.org/1.1/en/schema/reference/#date); those are
/// kept byte for byte. Exports from local systems also write dates alone
/// (`2026-09-01`) or local times; they are read as ISO 8601 and given the offset of
/// the configured zone, and refused without one — never given a guessed offset.
struct OCDSStamp {
    /// The RFC 3339 text with its offset.
    var text: String
    /// The instant, for ordering a release's events.
    var instant: Instant

    /// Reads a date member.
    ///
    /// - Parameters:
    ///   - value: The member's value; absent, `null` and `""` give `nil`.
    ///   - zone: The zone for a date without an offset.
    ///   - path: The member's path, for a refusal.
    /// - Throws: ``OCDSRefusal`` (`bad_timestamp`, `timestamp_without_offset`) when the
    ///   value is not a string in ISO 8601, or a local time with no zone to place it.
    static func read(_ value: JSONValue?, zone: ImportTimeZone?, _ path: @autoclosure () -> String) throws(OCDSRefusal) -> OCDSStamp? {
        let expected = ImportProblem.Reason.badTimestamp(expected: DateTimeFormat.iso8601.description)
        let written: String?
        do {
            written = try OCDSValueReading.text(value, "")
        } catch {
            throw OCDSRefusal(field: path(), reason: expected)
        }
        guard var written else { return nil }
        let reading = written.withUTF8 {
            TimestampReading.text(UnsafeRawBufferPointer($0), format: .iso8601, zone: zone, keepingRFC3339: true)
        }
        switch reading {
        case .success(let rfc3339):
            guard let instant = Instant(rfc3339: rfc3339) else { throw OCDSRefusal(field: path(), reason: expected) }
            return OCDSStamp(text: rfc3339, instant: instant)
        case .failure(let failure):
            throw OCDSRefusal(field: path(), reason: failure.reason)
        }
    }
}
