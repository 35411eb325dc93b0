@testable import Audit
import EventLog
import Testing

/// Folding a tender's events into one picture of the tender.
@Suite struct TenderTests {
    static func event(_ seq: Int64, _ type: String, _ at: String, _ data: String) -> AuditEvent {
        let object = (try? JSONParser.parse(Array(data.utf8)))?.objectValue ?? .empty
        let instant = Instant(rfc3339: at) ?? Instant(millisecondsSinceEpoch: 0)
        return AuditEvent(
            seq: seq, id: "E\(seq)", type: type, at: instant, recorded: instant, dept: "gy.ggzy", actor: nil, subject: "tender:T1",
            data: object)
    }

    static func fold(_ events: [AuditEvent]) -> Tender {
        Tender(subject: "tender:T1", facts: events.compactMap(Tender.fact(for:)).sorted(by: Fact.chronological))
    }

    @Test func `keeps the notice, each bidder's last bid before the opening, and the award`() {
        let tender = Self.fold([
            Self.event(1, "tender.published", "2026-09-01T09:00:00+08:00",
                #"{"buyer":"org:B","agency":"org:A","method":"open","ceiling":1000000,"estimate":980000,"currency":"CNY","submission_deadline":"2026-09-22T09:30:00+08:00","title":"路灯"}"#),
            Self.event(2, "bid.submitted", "2026-09-20T10:00:00+08:00",
                #"{"bidder":"org:X","amount":950000,"currency":"CNY","preparer":"p:1","fingerprint":{"mac":"AA-BB","ip":"10.0.0.1"}}"#),
            Self.event(3, "bid.submitted", "2026-09-21T10:00:00+08:00", #"{"bidder":"org:Y","amount":960000.50,"currency":"CNY"}"#),
            Self.event(4, "bid.submitted", "2026-09-21T11:00:00+08:00", #"{"bidder":"org:X","amount":940000,"currency":"CNY"}"#),
            Self.event(5, "bid.submitted", "2026-09-21T12:00:00+08:00", #"{"bidder":"org:Z","amount":990000,"currency":"CNY"}"#),
            Self.event(6, "bid.withdrawn", "2026-09-21T13:00:00+08:00", #"{"bidder":"org:Z"}"#),
            Self.event(7, "tender.opened", "2026-09-22T09:30:00+08:00", "{}"),
            Self.event(8, "bid.submitted", "2026-09-22T11:00:00+08:00", #"{"bidder":"org:Y","amount":930000,"currency":"CNY"}"#),
            Self.event(9, "bid.disqualified", "2026-09-23T10:00:00+08:00", #"{"bidder":"org:X","reason":"资格不符"}"#),
            Self.event(10, "tender.awarded", "2026-09-25T10:00:00+08:00", #"{"winner":"org:Y","amount":960000.50}"#),
            Self.event(11, "contract.signed", "2026-10-10T10:00:00+08:00", #"{"supplier":"org:Y","amount":960000.50}"#),
        ])
        #expect(tender.notice?.ceiling == 1_000_000)
        #expect(tender.notice?.estimate == 980_000)
        #expect(tender.notice?.method == "open")
        #expect(tender.notice?.submissionDeadline == Instant(rfc3339: "2026-09-22T09:30:00+08:00"))
        #expect(tender.submissions.map(\.seq) == [2, 3, 4, 5, 8])
        // X re-bid before the opening (its second bid counts), Z withdrew, Y's bid after the opening is a change.
        #expect(tender.bids.map(\.seq) == [3, 4])
        #expect(tender.bids.map(\.amount) == [960_000.5, 940_000])
        #expect(tender.validBids.map(\.bidder) == ["org:Y"])
        #expect(tender.changedAfterOpening.map(\.seq) == [8])
        #expect(tender.submissions[0].fingerprint == ["mac": "AA-BB", "ip": "10.0.0.1"])
        #expect(tender.submissions[0].preparer == "p:1")
        #expect(tender.submissions[1].amountText == "960000.50")
        #expect(tender.award == Tender.Award(seq: 10, at: Instant(rfc3339: "2026-09-25T10:00:00+08:00")!, winner: "org:Y", amount: 960_000.5))
        #expect(tender.contracts.map(\.amended) == [false])
        #expect(tender.opened?.seq == 7)
    }

    @Test func `ignores events that are not part of a tender's life`() {
        #expect(Tender.fact(for: Self.event(1, "case.accepted", "2026-09-01T09:00:00+08:00", "{}")) == nil)
    }
}
