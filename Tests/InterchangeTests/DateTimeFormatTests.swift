import EventLog
import Testing

@testable import Interchange

@Suite("DateTimeFormat")
struct DateTimeFormatTests {
    @Test(
        "reads patterns into local date-times, written offsets included",
        arguments: [
            ("yyyy-MM-dd HH:mm:ss", "2026-11-02 09:15:00", CivilDateTime(year: 2026, month: 11, day: 2, hour: 9, minute: 15)),
            ("yyyy/M/d H:mm", "2026/1/5 7:03", CivilDateTime(year: 2026, month: 1, day: 5, hour: 7, minute: 3)),
            ("yyyy/M/d H:mm", "2026/11/25 17:03", CivilDateTime(year: 2026, month: 11, day: 25, hour: 17, minute: 3)),
            ("dd.MM.yyyy HH:mm:ss.SSS", "02.11.2026 09:15:00.25", CivilDateTime(year: 2026, month: 11, day: 2, hour: 9, minute: 15, millisecond: 250)),
            ("yyyyMMdd'T'HHmmss", "20261102T091500", CivilDateTime(year: 2026, month: 11, day: 2, hour: 9, minute: 15)),
            ("yyyy-MM-dd HH:mm:ssXXX", "2026-11-02 09:15:00+08:00", CivilDateTime(year: 2026, month: 11, day: 2, hour: 9, minute: 15, offsetSeconds: 28_800)),
            ("yyyy-MM-dd HH:mm:ssXXX", "2026-11-02 01:15:00Z", CivilDateTime(year: 2026, month: 11, day: 2, hour: 1, minute: 15, offsetSeconds: 0)),
            ("yyyy年M月d日", "2026年11月2日", CivilDateTime(year: 2026, month: 11, day: 2)),
        ] as [(String, String, CivilDateTime)])
    func patterns(pattern: String, text: String, expected: CivilDateTime) throws {
        #expect(try DateTimeFormat(pattern).parse(text) == expected)
    }

    @Test(
        "refuses text that does not follow the pattern",
        arguments: [
            ("yyyy-MM-dd HH:mm:ss", "2026-11-02 9:15:00"),
            ("yyyy-MM-dd HH:mm:ss", "2026-11-02 09:15"),
            ("yyyy-MM-dd HH:mm:ss", "2026-11-02 09:15:00 "),
            ("yyyy/M/d H:mm", "2026/111/2 7:03"),
            ("yyyy-MM-dd", "26-11-02"),
        ])
    func mismatches(pattern: String, text: String) throws {
        #expect(try DateTimeFormat(pattern).parse(text) == nil)
    }

    @Test("reads xs:dateTime with or without an offset, T or a space, and a fraction", arguments: [
        ("2011-10-01T00:38:44.546+02:00", CivilDateTime(year: 2011, month: 10, day: 1, minute: 38, second: 44, millisecond: 546, offsetSeconds: 7_200)),
        ("2011-10-01T00:38:44", CivilDateTime(year: 2011, month: 10, day: 1, minute: 38, second: 44)),
        ("2011-10-01 00:38", CivilDateTime(year: 2011, month: 10, day: 1, minute: 38)),
        ("2011-10-01", CivilDateTime(year: 2011, month: 10, day: 1)),
        ("2011-10-01T00:38:44.123456789-0330", CivilDateTime(year: 2011, month: 10, day: 1, minute: 38, second: 44, millisecond: 123, offsetSeconds: -12_600)),
    ] as [(String, CivilDateTime)])
    func iso8601(text: String, expected: CivilDateTime) {
        #expect(DateTimeFormat.iso8601.parse(text) == expected)
    }

    @Test("refuses patterns it cannot read unambiguously")
    func badPatterns() {
        #expect(throws: MappingError(key: "format", message: "write the year as yyyy (two-digit years are ambiguous)")) {
            try DateTimeFormat("yy-MM-dd")
        }
        #expect(throws: MappingError(key: "format", message: "pattern 'HH:mm' has no yyyy")) { try DateTimeFormat("HH:mm") }
        #expect(throws: MappingError(
            key: "format", message: "'hh' in pattern 'yyyy-MM-dd hh:mm a' is not one of yyyy M MM d dd H HH m mm s ss S… XXX (quote literal letters: 'T')")) {
            try DateTimeFormat("yyyy-MM-dd hh:mm a")
        }
    }

    @Test("resolves a local time with a fixed offset or a named zone, and refuses one with neither")
    func resolving() throws {
        let local = CivilDateTime(year: 2026, month: 11, day: 2, hour: 9, minute: 15)
        #expect(try local.rfc3339(in: .fixed(offsetSeconds: 28_800)) == "2026-11-02T09:15:00+08:00")
        #expect(try local.rfc3339(in: ImportTimeZone("Asia/Shanghai")) == "2026-11-02T09:15:00+08:00")
        #expect(try local.resolved(in: ImportTimeZone("+08:00")).instant == Instant(rfc3339: "2026-11-02T01:15:00Z"))
        #expect(throws: CivilDateTime.Failure.noOffset) { try local.resolved(in: nil) }
        #expect(throws: CivilDateTime.Failure.outOfRange) {
            try CivilDateTime(year: 2026, month: 2, day: 29, offsetSeconds: 0).resolved(in: nil)
        }
    }

    @Test("takes the first occurrence in a daylight-saving overlap and the old offset in a gap")
    func daylightSaving() throws {
        let zone = ImportTimeZone("America/New_York")
        // 2026-11-01 01:30 happens twice (EDT, then EST); 2026-03-08 02:30 does not happen.
        #expect(try CivilDateTime(year: 2026, month: 11, day: 1, hour: 1, minute: 30).rfc3339(in: zone) == "2026-11-01T01:30:00-04:00")
        #expect(try CivilDateTime(year: 2026, month: 3, day: 8, hour: 2, minute: 30).rfc3339(in: zone) == "2026-03-08T02:30:00-05:00")
        let berlin = ImportTimeZone("Europe/Berlin")
        #expect(try CivilDateTime(year: 2026, month: 10, day: 25, hour: 2, minute: 30).rfc3339(in: berlin) == "2026-10-25T02:30:00+02:00")
        #expect(try CivilDateTime(year: 2026, month: 3, day: 29, hour: 2, minute: 30).rfc3339(in: berlin) == "2026-03-29T02:30:00+01:00")
    }

    @Test("reads zones as Z, UTC, ±hh:mm or IANA names", arguments: [
        ("Z", ImportTimeZone.fixed(offsetSeconds: 0)), ("UTC", .fixed(offsetSeconds: 0)),
        ("+08:00", .fixed(offsetSeconds: 28_800)), ("-03:30", .fixed(offsetSeconds: -12_600)),
    ] as [(String, ImportTimeZone)])
    func zones(text: String, zone: ImportTimeZone) {
        #expect(ImportTimeZone(text) == zone)
    }

    @Test("refuses zones it does not know", arguments: ["+8", "+24:00", "08:00", "Mars/Olympus", ""])
    func badZones(text: String) {
        #expect(ImportTimeZone(text) == nil)
    }
}
