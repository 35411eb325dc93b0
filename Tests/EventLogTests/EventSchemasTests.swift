import EventLog
import Foundation
import Testing

/// Checking payloads against the documented vocabulary (Rules/schemas/README.md).
@Suite struct EventSchemasTests {
    static let schema = """
        {"schema": "t", "events": {
          "subsidy.paid": {"subject": "pay:<n>", "data": {
            "recipient": {"type": "string", "required": true},
            "period": {"type": "month", "required": true},
            "amount": {"type": "number", "required": true},
            "paid_on": {"type": "date"},
            "count": {"type": "integer"},
            "scheme": {"type": "string", "values": ["城乡低保", "特困供养"]},
            "kin": {"type": "array", "items": "string"},
            "due": {"type": "instant"},
            "fingerprint": {"type": "object", "fields": {"ip": {"type": "string", "required": true}}}}}}}
        """

    static func schemas(_ text: String = schema) throws -> EventSchemas {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("schemas-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Data(text.utf8).write(to: URL(fileURLWithPath: directory + "/t.json"))
        return try EventSchemas.load(directory: directory)
    }

    static func problem(_ data: String, type: String = "subsidy.paid") throws -> String? {
        let object = try #require(try JSONParser.parse(Array(data.utf8)).objectValue)
        return try schemas().problem(type: type, data: object).map { "\($0.code) \($0.field ?? "")" }
    }

    static let good = #""recipient":"person:1","period":"2026-10","amount":620"#

    @Test(arguments: [
        (#"{"recipient":"person:1","period":"2026-10","amount":620,"note":"not documented, kept"}"#, nil),
        (#"{"a_note":{"recipient":5,"x":"]}\"{"},"备注":["[",{"amount":"x"}],"recipient":"person:1","period":"2026-10","amount":620}"#, nil),
        (#"{"recipient":"person:1","period":"2026-10"}"#, "missing_field data.amount"),
        (#"{"period":"2026-10","amount":620}"#, "missing_field data.recipient"),
        (#"{"recipient":"person:1","period":"2026-10","amount":-0.5e3,"count":-12}"#, nil),
        (#"{"recipient":"person:1","period":"2026-10","amount":620,"count":99999999999999999999}"#, "wrong_type data.count"),
        (#"{"recipient":"person:1","period":"2026-10","amount":620,"scheme":"特困供养","kin":[],"fingerprint":{"ip":"10.0.0.1","x":[1]}}"#, nil),
        (#"{"recipient":null,"period":"2026-10","amount":620}"#, "missing_field data.recipient"),
        (#"{"recipient":"person:1","period":"2026-10","amount":"620"}"#, "wrong_type data.amount"),
        (#"{"recipient":"person:1","period":"2026-13","amount":620}"#, "wrong_type data.period"),
        (#"{"recipient":"person:1","period":"2026-10","amount":620,"paid_on":"2026-02-29"}"#, "wrong_type data.paid_on"),
        (#"{"recipient":"person:1","period":"2026-10","amount":620,"paid_on":"2028-02-29"}"#, nil),
        (#"{"recipient":"person:1","period":"2026-10","amount":620,"count":2.5}"#, "wrong_type data.count"),
        (#"{"recipient":"person:1","period":"2026-10","amount":620,"scheme":"高龄津贴"}"#, "undocumented_value data.scheme"),
        (#"{"recipient":"person:1","period":"2026-10","amount":620,"kin":["person:2",3]}"#, "wrong_type data.kin"),
        (#"{"recipient":"person:1","period":"2026-10","amount":620,"due":"2026-11-02T09:00:00"}"#, "wrong_type data.due"),
        (#"{"recipient":"person:1","period":"2026-10","amount":620,"fingerprint":{"mac":"AA"}}"#, "missing_field data.fingerprint.ip"),
    ] as [(String, String?)])
    func `names the first field at fault in name order, never its value`(data: String, expected: String?) throws {
        #expect(try Self.problem(data) == expected)
    }

    @Test func `accepts undocumented types as they come`() throws {
        #expect(try Self.problem("{}", type: "my.own") == nil)
    }

    @Test func `describes a rejection without the value`() throws {
        let object = try #require(try JSONParser.parse(Array(#"{"recipient":"person:1","period":"2026-10","amount":"六百二十"}"#.utf8)).objectValue)
        let rejection = try #require(try Self.schemas().problem(type: "subsidy.paid", data: object))
        #expect(rejection.description == "field 'data.amount': must be a number")
    }

    @Test func `a schema file with an unknown field type names the file and key`() throws {
        #expect {
            _ = try Self.schemas(#"{"events":{"a.b":{"data":{"x":{"type":"text"}}}}}"#)
        } throws: { error in
            guard let error = error as? EventSchemaError else { return false }
            return error.file.hasSuffix("/t.json") && error.key == "events.a.b.data.x.type"
        }
    }
}
