import EventLog
import Testing

@testable import Interchange

/// Parties and organization references
/// (https://standard.open-contracting.org/1.1/en/schema/reference/#parties) as `org:` ids.
@Suite("OCDSParties")
struct OCDSPartiesTests {
    static let release = """
        {"parties": [
           {"id": "CN-SAIC-91520100MA6J8CP21N", "identifier": {"scheme": "CN-SAIC", "id": "91520100MA6J8CP21N"}, "roles": ["tenderer"]},
           {"id": "b", "identifier": {"id": "11520102009403051D"}, "roles": ["buyer", "payer"]},
           {"id": "gb", "identifier": {"scheme": "GB-COH", "id": 9506232}, "roles": ["tenderer"]},
           {"id": 17, "roles": ["procuringEntity"]},
           {"id": "p2", "roles": ["procuringEntity"]}],
         "references": [
           {"id": "CN-SAIC-91520100MA6J8CP21N", "name": "贵州筑城建设工程有限公司"}, {"id": "b"}, {"id": "gb"}, {"id": 17},
           {"id": "unlisted"}, null, {"name": "某公司"}]}
        """

    @Test("a Chinese registry's code as org:<code>, another registry's as org:<scheme>-<id>, no identifier as org:<party id>")
    func identifiers() throws {
        var tape = JSONTape()
        try Array(Self.release.utf8).withUnsafeBytes { text in
            try tape.parse(text)
            var parties = OCDSParties()
            try parties.load(tape.member(JSONTape.root, "parties"), in: tape)
            let nodes = Array(tape.elements(try #require(tape.member(JSONTape.root, "references"))))
            #expect(try nodes.prefix(6).map { try parties.organization($0, in: tape, "ref") } == [
                "org:91520100MA6J8CP21N", "org:11520102009403051D", "org:GB-COH-9506232", "org:17", "org:unlisted", nil,
            ])
            #expect(parties.buyer == "org:11520102009403051D")
            #expect(parties.procuringEntity == "org:17")
            #expect(throws: OCDSRefusal.self) { try parties.organization(nodes[6], in: tape, "buyer") }
        }
    }

    @Test("a party of the wrong kind is refused with its path")
    func refusals() throws {
        var tape = JSONTape()
        try Array(#"{"parties": [{"id": "a", "identifier": "91520100MA6J8CP21N"}]}"#.utf8).withUnsafeBytes { text in
            try tape.parse(text)
            var parties = OCDSParties()
            do throws(OCDSRefusal) {
                try parties.load(tape.member(JSONTape.root, "parties"), in: tape)
                Issue.record("a string identifier was accepted")
            } catch {
                #expect(error.field == "parties[0].identifier")
                #expect(error.reason == .badValue(expected: "an object"))
            }
        }
    }
}
