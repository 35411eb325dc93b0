import EventLog
import Testing

@testable import Interchange

@Suite("EventTypeNaming")
struct EventTypeNamingTests {
    @Test(
        "slugs ASCII names: lower case, runs of other characters to one underscore, n before a digit",
        arguments: [
            ("Send Fine", "send_fine"),
            ("W_Completeren aanvraag", "w_completeren_aanvraag"),
            ("  Insert Fine Notification -- (final)  ", "insert_fine_notification_final"),
            ("1st review", "n1st_review"),
            ("A.B.C", "a_b_c"),
            ("UPPER", "upper"),
        ])
    func slugs(name: String, slug: String) {
        #expect(EventTypeNaming.slug(name) == slug)
    }

    @Test("cuts slugs longer than 64 bytes to 48 (trailing underscores dropped) and ends them with _ and 8 hex digits of the name's hash")
    func longSlug() {
        let name = String(repeating: "very long activity name ", count: 5)
        let slug = EventTypeNaming.slug(name)
        #expect(slug == "very_long_activity_name_very_long_activity_name_" + String(SHA256.hash(name).hex.prefix(8)))
        #expect(slug?.utf8.count == 56)
    }

    @Test("has no slug for names outside ASCII or without a letter or digit", arguments: ["受理", "Review 审批", "—", "!!!", ""])
    func noSlug(name: String) {
        #expect(EventTypeNaming.slug(name) == nil)
    }

    @Test("maps, keeps dotted types, slugs, or hashes — in that order")
    func derivation() throws {
        let naming = try EventTypeNaming(prefix: "gy.permit", table: [("受理", "application.accepted"), ("Send Fine", "penalty.sent")])
        #expect(naming.type(for: "受理") == ("application.accepted", .mapped))
        #expect(naming.type(for: "Send Fine") == ("penalty.sent", .mapped))
        #expect(naming.type(for: "case.closed") == ("case.closed", .kept))
        #expect(naming.type(for: "Payment") == ("gy.permit.payment", .slug))
        #expect(naming.type(for: "归档") == ("gy.permit.x" + String(SHA256.hash("归档").hex.prefix(16)), .hashed))
        #expect(naming.type(for: "归档").type == "gy.permit.x5292ab1a36c56a6b")
    }

    @Test("refuses a prefix or a mapped type that is not a dotted lower-case name")
    func badNames() {
        #expect(throws: MappingError(key: "type_prefix", message: "must be dotted lower-case segments such as 'event' or 'gy.permit'")) {
            try EventTypeNaming(prefix: "Event")
        }
        #expect(throws: MappingError(key: "types[\"受理\"]", message: "must be a dotted lower-case type such as 'case.accepted'")) {
            try EventTypeNaming(prefix: "event", table: [("受理", "accepted")])
        }
    }
}
