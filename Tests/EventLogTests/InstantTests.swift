import Testing

@testable import EventLog

@Suite("Instant")
struct InstantTests {
    @Test(
        "parses RFC 3339 date-times with an offset to UTC milliseconds",
        arguments: [
            ("2026-11-02T09:15:00+08:00", 1_793_582_100_000),
            ("2026-11-02T01:15:00Z", 1_793_582_100_000),
            ("2026-11-02t01:15:00z", 1_793_582_100_000),
            ("2026-11-02T09:15:00-05:30", 1_793_630_700_000),
            ("2026-11-02T01:15:00-00:00", 1_793_582_100_000),
            ("2026-11-22T10:33:37.123Z", 1_795_343_617_123),
            ("2026-11-22T10:33:37.1Z", 1_795_343_617_100),
            ("2026-11-22T10:33:37.12Z", 1_795_343_617_120),
            ("2026-11-22T10:33:37.123456789Z", 1_795_343_617_123),
            ("2026-11-22T10:33:37.999999999+00:00", 1_795_343_617_999),
            ("2024-02-29T12:00:00Z", 1_709_208_000_000),
            ("2000-02-29T00:00:00Z", 951_782_400_000),
            ("1970-01-01T00:00:00Z", 0),
            ("1969-12-31T23:59:59.999Z", -1),
            ("0001-01-01T00:00:00Z", -62_135_596_800_000),
            ("0001-01-01T00:00:00+01:00", -62_135_600_400_000),
            ("9999-12-31T23:59:59.999Z", 253_402_300_799_999),
            ("2026-12-31T23:59:59+23:59", 1_798_675_259_000),
        ] as [(String, Int64)])
    func parses(text: String, milliseconds: Int64) {
        #expect(Instant(rfc3339: text)?.millisecondsSinceEpoch == milliseconds)
        let fromBytes = Array(text.utf8).withUnsafeBytes { Instant(rfc3339: $0) }
        #expect(fromBytes?.millisecondsSinceEpoch == milliseconds)
    }

    @Test(
        "rejects anything but an RFC 3339 date-time with an offset",
        arguments: [
            "2026-11-02T09:15:00",  // no offset
            "2026-11-02 09:15:00+08:00",  // space separator
            "2026-11-02T24:00:00Z",  // hour 24
            "2026-11-02T23:60:00Z",
            "2026-12-31T23:59:60Z",  // leap second
            "2026-02-29T00:00:00Z",  // not a leap year
            "1900-02-29T00:00:00Z",  // century, not a leap year
            "2026-04-31T00:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-00-01T00:00:00Z",
            "2026-01-00T00:00:00Z",
            "0000-01-01T00:00:00Z",  // year 0
            "2026-11-02T09:15:00+24:00",
            "2026-11-02T09:15:00+08:60",
            "2026-11-02T09:15:00+0800",
            "2026-11-02T09:15:00+08",
            "2026-11-02T09:15:00.Z",  // dot without digits
            "2026-11-02T09:15:00.1234567890Z",  // ten fraction digits
            "2026-11-02T09:15:00,5Z",
            "2026-11-02T09:15:00Z ",
            " 2026-11-02T09:15:00Z",
            "2026-11-2T09:15:00Z",
            "26-11-02T09:15:00Z",
            "2026-11-02T9:15:00Z",
            "2026-11-02T09:15Z",
            "+2026-11-02T09:15:00Z",
            "2026-11-02T09:15:00ZZ",
            "2026-11-02",
            "",
            "２０２６-11-02T09:15:00Z",
        ])
    func rejects(text: String) {
        #expect(Instant(rfc3339: text) == nil)
    }

    @Test("formats UTC with three fraction digits and Z")
    func utcString() {
        #expect(Instant(millisecondsSinceEpoch: 1_795_343_617_123).utcString == "2026-11-22T10:33:37.123Z")
        #expect(Instant(millisecondsSinceEpoch: 1_793_582_100_000).utcString == "2026-11-02T01:15:00.000Z")
        #expect(Instant(millisecondsSinceEpoch: -1).utcString == "1969-12-31T23:59:59.999Z")
        #expect(Instant(millisecondsSinceEpoch: -62_135_596_800_000).utcString == "0001-01-01T00:00:00.000Z")
        #expect(Instant(millisecondsSinceEpoch: 253_402_300_799_999).utcString == "9999-12-31T23:59:59.999Z")
    }

    @Test("formats local time at an offset, milliseconds only when not zero")
    func localString() {
        let instant = Instant(millisecondsSinceEpoch: 1_795_343_617_000)
        #expect(instant.string(offsetSeconds: 28_800) == "2026-11-22T18:33:37+08:00")
        #expect(instant.string(offsetSeconds: -19_800) == "2026-11-22T05:03:37-05:30")
        #expect(instant.string(offsetSeconds: 0) == "2026-11-22T10:33:37+00:00")
        #expect(Instant(millisecondsSinceEpoch: 1_795_343_617_123).string(offsetSeconds: 28_800) == "2026-11-22T18:33:37.123+08:00")
        #expect(Instant(millisecondsSinceEpoch: 1_795_343_617_050).string(offsetSeconds: 28_800) == "2026-11-22T18:33:37.050+08:00")
        // Crossing midnight into the next day.
        #expect(Instant(millisecondsSinceEpoch: 1_793_574_000_000).string(offsetSeconds: 28_800) == "2026-11-02T07:00:00+08:00")
        #expect(Instant(rfc3339: "2026-11-01T20:00:00Z")?.string(offsetSeconds: 28_800) == "2026-11-02T04:00:00+08:00")
    }

    @Test("truncates offsets with seconds, such as local mean time, to whole minutes")
    func offsetWithSeconds() {
        let instant = Instant(millisecondsSinceEpoch: -2_208_988_800_000)  // 1900-01-01T00:00:00Z
        #expect(instant.string(offsetSeconds: 29_143) == "1900-01-01T08:05:00+08:05")
        #expect(instant.string(offsetSeconds: -29_143) == "1899-12-31T15:55:00-08:05")
        #expect(Instant(rfc3339: instant.string(offsetSeconds: 29_143)) == instant)
    }

    @Test("round-trips through its own formats")
    func roundTrip() {
        for milliseconds: Int64 in [0, -1, 1, 1_795_343_617_123, -62_135_596_800_000, 253_402_300_799_999, 951_782_400_000] {
            let instant = Instant(millisecondsSinceEpoch: milliseconds)
            #expect(Instant(rfc3339: instant.utcString) == instant)
        }
        for milliseconds: Int64 in [0, -1, 1, 1_795_343_617_123, 951_782_400_000, -62_135_596_800_000 + 36_000_000] {
            let instant = Instant(millisecondsSinceEpoch: milliseconds)
            #expect(Instant(rfc3339: instant.string(offsetSeconds: 28_800)) == instant)
            #expect(Instant(rfc3339: instant.string(offsetSeconds: -36_000)) == instant)
        }
    }

    @Test("gives the calendar date at an offset")
    func calendarDate() throws {
        let evening = try #require(Instant(rfc3339: "2026-11-01T20:00:00Z"))
        #expect(evening.calendarDate(offsetSeconds: 28_800) == (2026, 11, 2))
        #expect(evening.calendarDate(offsetSeconds: 0) == (2026, 11, 1))
        #expect(Instant(millisecondsSinceEpoch: -1).calendarDate(offsetSeconds: 0) == (1969, 12, 31))
        let leapDay = try #require(Instant(rfc3339: "2024-02-29T23:59:59Z"))
        #expect(leapDay.calendarDate(offsetSeconds: 0) == (2024, 2, 29))
        #expect(leapDay.calendarDate(offsetSeconds: 1) == (2024, 3, 1))
    }

    @Test("builds instants from civil fields and checks them")
    func civilFields() {
        #expect(
            Instant(year: 2026, month: 11, day: 2, hour: 9, minute: 15, offsetSeconds: 28_800)?.millisecondsSinceEpoch == 1_793_582_100_000)
        #expect(Instant(year: 2026, month: 2, day: 29) == nil)
        #expect(Instant(year: 2024, month: 2, day: 29)?.millisecondsSinceEpoch == 1_709_164_800_000)
        #expect(Instant.daysInMonth(year: 2100, month: 2) == 28)
        #expect(Instant.isLeapYear(2000))
        #expect(!Instant.isLeapYear(1900))
    }

    @Test("orders earlier before later")
    func ordering() {
        #expect(Instant(millisecondsSinceEpoch: -5) < Instant(millisecondsSinceEpoch: 3))
        #expect(Instant(rfc3339: "2026-11-02T09:15:00+08:00") == Instant(rfc3339: "2026-11-02T01:15:00Z"))
    }

    @Test("reads the system clock")
    func now() {
        // After 2025-01-01 and before 2100-01-01.
        let now = Instant.now().millisecondsSinceEpoch
        #expect(now > 1_735_689_600_000)
        #expect(now < 4_102_444_800_000)
    }
}
