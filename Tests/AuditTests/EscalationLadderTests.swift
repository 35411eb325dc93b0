import Audit
import EventLog
import Testing

/// Climbing the ladder in working days (Guiyang: explanation due in 3 → leader 5 → deputy head 7 → discipline inspection).
@Suite struct EscalationLadderTests {
    static let calendar = Result { try WorkCalendar.load(path: CalendarFixtures.repositoryRoot + "/Rules/calendars/cn.json") }

    static func at(_ text: String) -> Instant { Instant(rfc3339: text + "+08:00") ?? Instant(millisecondsSinceEpoch: 0) }

    @Test func `counts working days across 国庆`() throws {
        let calendar = try Self.calendar.get()
        // Raised Tuesday 2025-09-30; 10-01…10-08 are off, Saturday 10-11 is a make-up working day.
        let ladder = EscalationLadder.guiyang
        #expect(try ladder.step(began: Self.at("2025-09-30T10:00:00"), at: Self.at("2025-10-09T10:00:00"), calendar: calendar) == nil)
        #expect(try ladder.step(began: Self.at("2025-09-30T10:00:00"), at: Self.at("2025-10-11T10:00:00"), calendar: calendar)?.to.en == nil)
        #expect(try ladder.step(began: Self.at("2025-09-30T10:00:00"), at: Self.at("2025-10-13T10:00:00"), calendar: calendar)?.to.en == "responsible leader")
    }

    @Test func `a finding from before the calendar's first year has climbed to the top when the covered years alone pass it`() throws {
        let calendar = try Self.calendar.get()
        let step = try EscalationLadder.guiyang.step(began: Self.at("1999-02-01T00:00:00"), at: Self.at("2026-11-21T00:00:00"), calendar: calendar)
        #expect(step?.to.en == "discipline inspection")
    }

    @Test func `but not when the covered days are too few to tell`() throws {
        let calendar = try Self.calendar.get()
        #expect(throws: CalendarError.self) {
            // 2004-01-02 is the first working day of 2004: one day is not enough.
            _ = try EscalationLadder.guiyang.step(began: Self.at("2003-12-01T00:00:00"), at: Self.at("2004-01-02T12:00:00"), calendar: calendar)
        }
    }
}
