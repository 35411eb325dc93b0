import EventLog
import Testing

@testable import Interchange

/// Parties and organization references
/// (https://standard.open-contracting.org/1.1/en/schema/reference/#parties) as `org:` ids.
@Suite("OCDSParties")
struct OCDSPartiesTests {
    static let parties = """
        [{"id": "CN-SAIC-91520100MA6J8CP21N", "identifier": {"scheme": "CN-SAIC", "id": "91520100MA6J8CP21N"}, "roles": ["tenderer"]},
         {"id": "b", "identifier": {"id": "11520102009403051D"}, "roles": ["buyer", "payer"]},
         {"id": "gb", "identifier": {"scheme": "GB-COH", "id": 9506232}, "roles": ["tenderer"]},
         {"id": 17, "roles": ["procuringEntity"]},
         {"id": "p2", "roles": ["procuringEntity"]}]
        """

    @Test("a Chinese registry's code as org:<code>, another registry's as org:<scheme>-<id>, no identifier as org:<party id>")
    func identifiers() throws {
        var parties = OCDSParties()
        try parties.load(try JSONParser.parse(Self.parties))
        func org(_ reference: String) throws -> String? { try parties.organization(try JSONParser.parse(reference), "ref") }
        #expect(try org(#"{"id": "CN-SAIC-91520100MA6J8CP21N", "name": "贵州筑城建设工程有限公司"}"#) == "org:91520100MA6J8CP21N")
        #expect(try org(#"{"id": "b"}"#) == "org:11520102009403051D")
        #expect(try org(#"{"id": "gb"}"#) == "org:GB-COH-9506232")
        #expect(try org(#"{"id": 17}"#) == "org:17")
        #expect(try org(#"{"id": "unlisted"}"#) == "org:unlisted")
        #expect(try org("null") == nil)
        #expect(parties.buyer == "org:11520102009403051D")
        #expect(parties.procuringEntity == "org:17")
    }

    @Test("a reference without an id, or a party of the wrong kind, is refused with its path")
    func refusals() throws {
        var parties = OCDSParties()
        #expect(throws: OCDSRefusal.self) { try parties.organization(try JSONParser.parse(#"{"name": "某公司"}"#), "buyer") }
        let stringIdentifier = try JSONParser.parse(#"[{"id": "a", "identifier": "91520100MA6J8CP21N"}]"#)
        do {
            try parties.load(stringIdentifier)
            Issue.record("a string identifier was accepted")
        } catch {
            #expect(error.field == "parties[0].identifier")
            #expect(error.reason == .badValue(expected: "an object"))
        }
    }
}
