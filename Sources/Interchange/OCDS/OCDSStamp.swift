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
    ///   - node: The member's node; absent, `null` and `""` give `nil`.
    ///   - tape: The release.
    ///   - zone: The zone for a date without an offset.
    ///   - path: The member's path, for a refusal.
    /// - Throws: ``OCDSRefusal`` (`bad_timestamp`, `timestamp_without_offset`) when the
    ///   value is not a string in ISO 8601, or a local time with no zone to place it.
    static func read(_ node: Int?, in tape: JSONTape, zone: ImportTimeZone?, _ path: @autoclosure () -> String) throws(OCDSRefusal)
        -> OCDSStamp?
    {
        let expected = ImportProblem.Reason.badTimestamp(expected: DateTimeFormat.iso8601.description)
        let written: Int?
        do {
            written = try tape.textNode(node, "")
        } catch {
            throw OCDSRefusal(field: path(), reason: expected)
        }
        guard let written else { return nil }
        // A date never needs an escape; one with escapes is not a date.
        let raw = tape.raw(written)
        if tape.nodes[written].escaped { throw OCDSRefusal(field: path(), reason: expected) }
        if let instant = Instant(rfc3339: raw) {
            return OCDSStamp(text: String(decoding: raw, as: UTF8.self), instant: instant)
        }
        switch TimestampReading.text(raw, format: .iso8601, zone: zone, keepingRFC3339: false) {
        case .success(let rfc3339):
            guard let instant = Instant(rfc3339: rfc3339) else { throw OCDSRefusal(field: path(), reason: expected) }
            return OCDSStamp(text: rfc3339, instant: instant)
        case .failure(let failure):
            throw OCDSRefusal(field: path(), reason: failure.reason)
        }
    }
}
