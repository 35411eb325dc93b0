import Testing

@testable import EventLog

private let validLine =
    #"{"id":"JGJ-2026-000123","type":"case.accepted","at":"2026-11-02T09:15:00+08:00","dept":"gy.jgj","#
    + #""actor":"officer:0451","subject":"case:2026-0042","data":{"kind":"criminal","reporter":"person:88"}}"#

/// The line's rejection, or `nil` when it is accepted.
private func rejection(_ line: String) -> EnvelopeRejection? {
    if case .failure(let rejection) = Envelope.parse(line: line) { return rejection }
    return nil
}

private func rejection(_ bytes: [UInt8]) -> EnvelopeRejection? {
    if case .failure(let rejection) = Envelope.parse(line: bytes) { return rejection }
    return nil
}

/// A valid line with one member's raw JSON replaced (`nil` removes it).
private func line(
    id: String? = #""JGJ-1""#, type: String? = #""case.accepted""#, at: String? = #""2026-11-02T09:15:00+08:00""#,
    dept: String? = #""gy.jgj""#, actor: String? = #""officer:0451""#, subject: String? = #""case:2026-0042""#,
    data: String? = #"{"kind":"criminal"}"#, extra: String? = nil
) -> String {
    let members: [(String, String?)] = [
        ("id", id), ("type", type), ("at", at), ("dept", dept), ("actor", actor), ("subject", subject), ("data", data),
    ]
    var parts = members.compactMap { key, value in value.map { "\"\(key)\":\($0)" } }
    if let extra { parts.append(extra) }
    return "{" + parts.joined(separator: ",") + "}"
}

@Suite("Envelope.parse")
struct EnvelopeParserTests {
    @Test("accepts a valid line and writes its canonical content")
    func acceptsValidLine() throws {
        let envelope = try Envelope.parse(line: validLine).get()
        #expect(envelope.id == "JGJ-2026-000123")
        #expect(envelope.type == "case.accepted")
        #expect(envelope.at == "2026-11-02T09:15:00+08:00")
        #expect(envelope.dept == "gy.jgj")
        #expect(envelope.actor == "officer:0451")
        #expect(envelope.subject == "case:2026-0042")
        #expect(envelope.instant == Instant(millisecondsSinceEpoch: 1_793_582_100_000))
        let expected =
            #"{"actor":"officer:0451","at":"2026-11-02T09:15:00+08:00","data":{"kind":"criminal","reporter":"person:88"},"#
            + #""dept":"gy.jgj","id":"JGJ-2026-000123","subject":"case:2026-0042","type":"case.accepted"}"#
        #expect(envelope.content == Array(expected.utf8))
        #expect(envelope.dataBytes.map(Array.init) == Array(#"{"kind":"criminal","reporter":"person:88"}"#.utf8))
        #expect(envelope.dataObject()?["reporter"] == .string("person:88"))
    }

    @Test("gives the same content whatever the sender's key order, spacing and escapes")
    func contentIsCanonical() throws {
        let reordered =
            #" { "data" : { "reporter" : "person:88" , "kind" : "crimin\u0061l" } , "subject":"case:2026-0042","#
            + #""actor":"officer\u003a0451", "dept":"gy\/jgj","at":"2026-11-02T09:15:00+08:00","type":"case.accepted","#
            + #""id":"JGJ-2026-000123" } "#
        let plain =
            #"{"id":"JGJ-2026-000123","type":"case.accepted","at":"2026-11-02T09:15:00+08:00","dept":"gy/jgj","#
            + #""actor":"officer:0451","subject":"case:2026-0042","data":{"kind":"criminal","reporter":"person:88"}}"#
        let a = try Envelope.parse(line: plain).get()
        let b = try Envelope.parse(line: reordered).get()
        #expect(a == b)
    }

    @Test("treats a null actor as no actor and leaves it out of the content")
    func nullActor() throws {
        let withNull = try Envelope.parse(line: line(actor: "null", data: nil)).get()
        let absent = try Envelope.parse(line: line(actor: nil, data: nil)).get()
        #expect(withNull.actor == nil)
        #expect(withNull == absent)
        let expected = #"{"at":"2026-11-02T09:15:00+08:00","dept":"gy.jgj","id":"JGJ-1","subject":"case:2026-0042","type":"case.accepted"}"#
        #expect(withNull.content == Array(expected.utf8))
        #expect(withNull.dataObject() == nil)
        #expect(withNull.dataBytes == nil)
    }

    @Test("keeps a null actor out of the content when data is present too")
    func nullActorWithData() throws {
        let envelope = try Envelope.parse(line: line(actor: "null", data: #"{"b":1,"a":[true]}"#)).get()
        let expected =
            #"{"at":"2026-11-02T09:15:00+08:00","data":{"a":[true],"b":1},"dept":"gy.jgj","id":"JGJ-1","#
            + #""subject":"case:2026-0042","type":"case.accepted"}"#
        #expect(envelope.content == Array(expected.utf8))
        #expect(envelope.dataBytes.map(Array.init) == Array(#"{"a":[true],"b":1}"#.utf8))
    }

    @Test("decodes escaped field values")
    func escapedFields() throws {
        let envelope = try Envelope.parse(line: line(id: #""a\"b\\c""#, type: #""case\u002eaccepted""#, subject: #""\u4e2d\/x""#)).get()
        #expect(envelope.id == #"a"b\c"#)
        #expect(envelope.type == "case.accepted")
        #expect(envelope.subject == "中/x")
        let text = String(decoding: envelope.content, as: UTF8.self)
        #expect(text.hasSuffix(#""id":"a\"b\\c","subject":"中/x","type":"case.accepted"}"#))
    }

    @Test(
        "rejects each problem with its code, field and description",
        arguments: [
            (
                #"{"id":"x",}"#, "invalid_json", nil,
                "invalid JSON at byte 9: trailing comma"
            ),
            (
                #"{"id":"张三" "type":1}"#, "invalid_json", nil,
                "invalid JSON at byte 15: expected ',' or '}'"
            ),
            (#"["id"]"#, "not_an_object", nil, "not a JSON object"),
            ("42", "not_an_object", nil, "not a JSON object"),
            (
                line(extra: #""subjet":"case:1""#), "unknown_field", "subjet",
                "field 'subjet': unknown top-level field"
            ),
            (line(extra: #""seq":5"#), "reserved_field", "seq", "field 'seq': assigned by the log, not by the sender"),
            (
                line(extra: #""recorded":"2026-11-02T09:15:00Z""#), "reserved_field", "recorded",
                "field 'recorded': assigned by the log, not by the sender"
            ),
            (line(id: nil), "missing_field", "id", "field 'id': required but missing"),
            (line(type: nil), "missing_field", "type", "field 'type': required but missing"),
            (line(at: nil), "missing_field", "at", "field 'at': required but missing"),
            (line(dept: nil), "missing_field", "dept", "field 'dept': required but missing"),
            (line(subject: nil), "missing_field", "subject", "field 'subject': required but missing"),
            (line(dept: #""""#), "empty_field", "dept", "field 'dept': must not be empty"),
            (line(actor: #""""#), "empty_field", "actor", "field 'actor': must not be empty"),
            (line(id: "123"), "wrong_type", "id", "field 'id': must be a string"),
            (line(subject: #"["case:1"]"#), "wrong_type", "subject", "field 'subject': must be a string"),
            (line(at: "null"), "wrong_type", "at", "field 'at': must be a string"),
            (line(actor: "false"), "wrong_type", "actor", "field 'actor': must be a string or null"),
            (
                line(subject: "\"" + String(repeating: "x", count: 257) + "\""), "too_long", "subject",
                "field 'subject': longer than 256 bytes"
            ),
            (
                line(id: "\"" + String(repeating: "中", count: 86) + "\""), "too_long", "id",
                "field 'id': longer than 256 bytes"
            ),
            (line(actor: #""a\nb""#), "control_character", "actor", "field 'actor': contains a control character"),
            (line(dept: #""\u0000""#), "control_character", "dept", "field 'dept': contains a control character"),
            (line(id: #""a\u001Fb""#), "control_character", "id", "field 'id': contains a control character"),
            (line(at: #""2026-11-02T09:15:00""#), "bad_timestamp", "at", "field 'at': not RFC 3339 with an offset"),
            (line(at: #""2026-02-29T09:15:00Z""#), "bad_timestamp", "at", "field 'at': not RFC 3339 with an offset"),
            (
                line(type: #""Case.Accepted""#), "bad_type_name", "type",
                "field 'type': not a dotted lower-case name such as 'case.accepted'"
            ),
            (line(data: "[1]"), "data_not_object", "data", "field 'data': must be a JSON object"),
            (line(data: "null"), "data_not_object", "data", "field 'data': must be a JSON object"),
            (line(data: #""{}""#), "data_not_object", "data", "field 'data': must be a JSON object"),
        ] as [(String, String, String?, String)])
    func rejections(line: String, code: String, field: String?, description: String) {
        let rejection = rejection(line)
        #expect(rejection?.code == code)
        #expect(rejection?.field == field)
        #expect(rejection?.description == description)
    }

    @Test("gives typed reasons")
    func reasons() {
        #expect(rejection(line(subject: "\"" + String(repeating: "x", count: 257) + "\""))?.reason == .tooLong(limit: 256))
        #expect(rejection(line(actor: "1"))?.reason == .wrongType(expected: "a string or null"))
        #expect(rejection(#"{"id":"x",}"#)?.reason == .invalidJSON(byteOffset: 9, detail: "trailing comma"))
        #expect(rejection(#"{"id":"x","id":"y"}"#)?.reason == .invalidJSON(byteOffset: 10, detail: "duplicate key"))
    }

    @Test("accepts fields of exactly 256 bytes")
    func fieldLengthLimit() throws {
        let ascii = String(repeating: "x", count: 256)
        #expect(try Envelope.parse(line: line(subject: "\"\(ascii)\"")).get().subject == ascii)
        // 85 Chinese characters are 255 bytes; escapes count as the byte they stand for.
        #expect(throws: Never.self) { try Envelope.parse(line: line(id: "\"" + String(repeating: "中", count: 85) + "\"")).get() }
        let quotes = String(repeating: #"\""#, count: 256)
        #expect(try Envelope.parse(line: line(dept: "\"\(quotes)\"")).get().dept == String(repeating: "\"", count: 256))
    }

    @Test(
        "rejects invalid UTF-8 before anything else",
        arguments: [
            ([0x7B, 0x22, 0xC0, 0x80, 0x22], 2),  // overlong
            ([0x7B, 0x22, 0xED, 0xA0, 0x80, 0x22], 2),  // surrogate
            ([0x7B, 0x22, 0xE4, 0xB8, 0x22], 2),  // truncated
            ([0x7B, 0x2C, 0xFF], 2),  // ahead of the JSON error at byte 1
        ] as [([UInt8], Int)])
    func invalidUTF8(bytes: [UInt8], offset: Int) {
        let rejection = rejection(bytes)
        #expect(rejection?.reason == .invalidUTF8(byteOffset: offset))
        #expect(rejection?.code == "invalid_utf8")
        #expect(rejection?.field == nil)
        #expect(rejection?.description == "invalid UTF-8 at byte \(offset)")
    }

    @Test(
        "accepts dotted lower-case type names only",
        arguments: [
            ("case.accepted", true), ("a.b", true), ("bid_x.sub_mitted2.v2", true), ("finding.escalated", true),
            ("case", false), ("case.", false), (".case", false), ("case..accepted", false), ("case.1st", false),
            ("case._x", false), ("_case.x", false), ("case-x.accepted", false), ("case.Accepted", false),
            ("case.accepted ", false), ("案件.受理", false),
        ])
    func typeNames(name: String, valid: Bool) {
        let rejection = rejection(line(type: "\"\(name)\""))
        #expect(rejection == (valid ? nil : EnvelopeRejection(.badTypeName, field: "type")))
    }

    @Test("reports an unknown key before a missing field, so typos name themselves")
    func unknownBeforeMissing() {
        let typo = line(subject: nil, extra: #""subjet":"case:1""#)
        #expect(rejection(typo) == EnvelopeRejection(.unknownField, field: "subjet"))
    }

    @Test("checks top-level keys in sorted order")
    func keysInSortedOrder() {
        #expect(rejection(line(extra: #""zeta":1,"alpha":2"#))?.field == "alpha")
        #expect(rejection(line(extra: #""seq":1,"extra":2"#)) == EnvelopeRejection(.unknownField, field: "extra"))
        #expect(rejection(line(extra: #""seq":1,"recorded":2"#)) == EnvelopeRejection(.reservedField, field: "recorded"))
    }

    @Test("checks fields in the order id, type, at, dept, actor, subject, data")
    func fieldOrder() {
        #expect(rejection(line(id: nil, type: #""Bad""#))?.field == "id")
        #expect(rejection(line(type: #""Bad""#, at: #""bad""#))?.field == "type")
        #expect(rejection(line(at: #""bad""#, dept: nil))?.field == "at")
        #expect(rejection(line(dept: "1", actor: "2"))?.field == "dept")
        #expect(rejection(line(actor: "2", subject: nil))?.field == "actor")
        #expect(rejection(line(subject: nil, data: "1"))?.field == "subject")
        // Within a field: length before control characters.
        #expect(rejection(line(actor: "\"\\n" + String(repeating: "x", count: 300) + "\""))?.code == "too_long")
    }

    @Test("shows unknown keys escaped and cut to 40 characters")
    func sanitisedFieldNames() {
        #expect(rejection(line(extra: #""bad\u001bkey":1"#))?.field == #"bad\u001bkey"#)
        #expect(rejection(line(extra: #""bad\u001bkey":1"#))?.description == #"field 'bad\u001bkey': unknown top-level field"#)
        #expect(rejection(line(extra: #""x\u202e\u007f\\":1"#))?.field == #"x\u202e\u007f\\"#)
        let long = String(repeating: "长", count: 50)
        #expect(rejection(line(extra: "\"\(long)\":1"))?.field == String(repeating: "长", count: 40) + "…")
    }

    @Test("never puts field values in descriptions")
    func noValuesInDescriptions() {
        let secret = "张三身份证520102199001011234"
        let lines = [
            line(id: "\"\(secret)\u{1}\""), line(actor: "\"\(secret)\\n\""), line(at: "\"\(secret)\""),
            line(type: "\"\(secret)\""), line(subject: "\"\(secret)" + String(repeating: "x", count: 300) + "\""),
            "{\"id\":\"\(secret)\" \"x\":1}",
        ]
        for line in lines {
            let description = rejection(line)?.description ?? ""
            #expect(!description.isEmpty)
            #expect(!description.contains("张三"))
            #expect(!description.contains("5201"))
        }
    }

    @Test("describes the reader's line limit")
    func lineTooLong() {
        let rejection = EnvelopeRejection(.lineTooLong(limit: 1_048_576))
        #expect(rejection.code == "line_too_long")
        #expect(rejection.description == "line longer than 1048576 bytes")
    }
}
