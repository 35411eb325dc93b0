import Testing

@testable import EventLog

/// Parses UTF-8 bytes, returning the error instead of throwing.
private func parseError(_ bytes: [UInt8]) -> JSONParseError? {
    do {
        _ = try JSONParser.parse(bytes)
        return nil
    } catch {
        return error
    }
}

private func parseError(_ text: String) -> JSONParseError? {
    parseError(Array(text.utf8))
}

@Suite("JSONParser")
struct JSONParserTests {
    @Test("parses every kind of value")
    func parsesValues() throws {
        let value = try JSONParser.parse(#" { "b" : [true, false, null], "a" : -12.5e+3, "c" : "x" } "#)
        let expected = JSONValue.object(
            JSONObject(uniqueKeysWithValues: [
                ("a", .number(literal: "-12.5e+3")),
                ("b", .array([.bool(true), .bool(false), .null])),
                ("c", .string("x")),
            ]))
        #expect(value == expected)
    }

    @Test("accepts a scalar at the top level (RFC 8259 §2)")
    func scalarTopLevel() throws {
        #expect(try JSONParser.parse("42") == .number(literal: "42"))
        #expect(try JSONParser.parse(" \"s\"\r\n") == .string("s"))
        #expect(try JSONParser.parse("null") == .null)
    }

    @Test("keeps numbers exactly as written", arguments: ["0", "-0", "1.50", "1e3", "1E-3", "-0.0e+0", "123456789012345678901234567890"])
    func keepsNumberLiterals(literal: String) throws {
        #expect(try JSONParser.parse(literal) == .number(literal: literal))
    }

    @Test("sorts object members by UTF-8 bytes")
    func sortsMembers() throws {
        let value = try JSONParser.parse(#"{"中":1,"b":2,"a":3,"B":4,"aa":5}"#)
        #expect(value.objectValue?.keys == ["B", "a", "aa", "b", "中"])
    }

    @Test("sorts large objects too")
    func sortsLargeObject() throws {
        let keys = (0..<40).map { "k\(39 - $0)" }
        let text = "{" + keys.map { "\"\($0)\":0" }.joined(separator: ",") + "}"
        let value = try JSONParser.parse(text)
        #expect(value.objectValue?.keys == keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
    }

    @Test("decodes escapes")
    func decodesEscapes() throws {
        let value = try JSONParser.parse(#""\"\\\/\b\f\n\r\t\u0041\u4e2d\uD83D\uDE00""#)
        #expect(value == .string("\"\\/\u{8}\u{C}\n\r\tA中😀"))
    }

    @Test("looks up members by exact bytes")
    func looksUpMembers() throws {
        let value = try JSONParser.parse(#"{"kind":"criminal","amount":1250.50,"café":1}"#)
        #expect(value["kind"]?.stringValue == "criminal")
        #expect(value["amount"]?.doubleValue == 1250.5)
        #expect(value["amount"]?.numberLiteral == "1250.50")
        #expect(value["missing"] == nil)
        // "cafe" + U+0301 is canonically equivalent to "café" but not the same bytes.
        #expect(value["cafe\u{301}"] == nil)
        #expect(value["caf\u{E9}"] == .number(literal: "1"))
    }

    @Test("looks up members of large objects by binary search")
    func looksUpLargeObject() throws {
        let text = "{" + (0..<20).map { "\"key\($0)\":\($0)" }.joined(separator: ",") + "}"
        let value = try JSONParser.parse(text)
        for i in 0..<20 {
            #expect(value["key\(i)"]?.int64Value == Int64(i))
        }
        #expect(value["key20"] == nil)
    }

    @Test("offers typed accessors")
    func accessors() throws {
        let value = try JSONParser.parse(#"{"a":[1],"b":true,"n":null,"i":-7,"f":2.5}"#)
        #expect(value["a"]?.arrayValue == [.number(literal: "1")])
        #expect(value["b"]?.boolValue == true)
        #expect(value["n"]?.isNull == true)
        #expect(value["i"]?.int64Value == -7)
        #expect(value["f"]?.int64Value == nil)
        #expect(value["f"]?.stringValue == nil)
        #expect(value.objectValue?.count == 5)
    }

    @Test("compares numbers by literal and strings by bytes")
    func exactEquality() {
        #expect(JSONValue.number(literal: "1") != .number(literal: "1.0"))
        #expect(JSONValue.string("caf\u{E9}") != .string("cafe\u{301}"))
        #expect(JSONValue.string("a") == .string("a"))
    }

    @Test(
        "reports grammar errors with their byte offset",
        arguments: [
            ("", JSONParseError(.unexpectedEnd, at: 0)),
            ("   ", JSONParseError(.unexpectedEnd, at: 3)),
            (#"{"a":1,}"#, JSONParseError(.trailingComma, at: 6)),
            ("[1,2,]", JSONParseError(.trailingComma, at: 4)),
            (#"{"a":1 "b":2}"#, JSONParseError(.expectedCommaOrObjectEnd, at: 7)),
            ("[1 2]", JSONParseError(.expectedCommaOrArrayEnd, at: 3)),
            (#"{"a" 1}"#, JSONParseError(.expectedColon, at: 5)),
            ("{a:1}", JSONParseError(.expectedKey, at: 1)),
            ("{'a':1}", JSONParseError(.expectedKey, at: 1)),
            (#"{"a":1"#, JSONParseError(.unexpectedEnd, at: 6)),
            ("[1,", JSONParseError(.unexpectedEnd, at: 3)),
            ("// c\n1", JSONParseError(.expectedValue, at: 0)),
            ("[1] /* c */", JSONParseError(.trailingData, at: 4)),
            ("NaN", JSONParseError(.expectedValue, at: 0)),
            ("[Infinity]", JSONParseError(.expectedValue, at: 1)),
            ("+1", JSONParseError(.expectedValue, at: 0)),
            ("01", JSONParseError(.leadingZero, at: 0)),
            ("[-012]", JSONParseError(.leadingZero, at: 2)),
            ("-", JSONParseError(.unexpectedEnd, at: 1)),
            ("-a", JSONParseError(.expectedDigit, at: 1)),
            ("1.", JSONParseError(.unexpectedEnd, at: 2)),
            ("[1.e5]", JSONParseError(.expectedDigit, at: 3)),
            ("[.5]", JSONParseError(.expectedValue, at: 1)),
            ("[1e]", JSONParseError(.expectedDigit, at: 3)),
            ("[1e+]", JSONParseError(.expectedDigit, at: 4)),
            ("tru", JSONParseError(.invalidLiteral, at: 0)),
            ("[nul]", JSONParseError(.invalidLiteral, at: 1)),
            ("True", JSONParseError(.expectedValue, at: 0)),
            ("1 2", JSONParseError(.trailingData, at: 2)),
            (#"{"a":"b"}}"#, JSONParseError(.trailingData, at: 9)),
            (#"["abc"#, JSONParseError(.unterminatedString, at: 1)),
            (#"["a\"#, JSONParseError(.unterminatedString, at: 1)),
            ("[\"a\tb\"]", JSONParseError(.controlCharacterInString, at: 3)),
            ("\"a\nb\"", JSONParseError(.controlCharacterInString, at: 2)),
            (#""\x""#, JSONParseError(.invalidEscape, at: 1)),
            (#""\'""#, JSONParseError(.invalidEscape, at: 1)),
            (#""\u12G4""#, JSONParseError(.invalidUnicodeEscape, at: 1)),
            (#""\u12""#, JSONParseError(.invalidUnicodeEscape, at: 1)),
            (#""\uD800""#, JSONParseError(.loneSurrogate, at: 1)),
            (#""ab\uDC00""#, JSONParseError(.loneSurrogate, at: 3)),
            (#""\uD800\u0041""#, JSONParseError(.loneSurrogate, at: 1)),
            (#""\uD800\uD800""#, JSONParseError(.loneSurrogate, at: 1)),
            (#""\uD800\uZZZZ""#, JSONParseError(.invalidUnicodeEscape, at: 7)),
            (#""\uD800x""#, JSONParseError(.loneSurrogate, at: 1)),
            (#"{"a":1,"b":2,"a":3}"#, JSONParseError(.duplicateKey, at: 13)),
            (#"{"x":{"k":1,"k":2}}"#, JSONParseError(.duplicateKey, at: 12)),
            (#"{"a":1,"b":1,"b":2,"a":2}"#, JSONParseError(.duplicateKey, at: 13)),
            (#"{"\u0061":1,"a":2}"#, JSONParseError(.duplicateKey, at: 12)),
        ])
    func grammarErrors(text: String, expected: JSONParseError) {
        #expect(parseError(text) == expected)
    }

    @Test("reports a duplicate key in an object of more than 16 members at its second occurrence")
    func duplicateInLargeObject() {
        var members = (0..<20).map { "\"k\($0)\":0" }
        members.append("\"k3\":1")
        members.append("\"k1\":1")
        let text = "{" + members.joined(separator: ",") + "}"
        let offset = text.utf8.count - #""k3":1,"k1":1}"#.utf8.count
        #expect(parseError(text) == JSONParseError(.duplicateKey, at: offset))
    }

    @Test("accepts nesting 64 deep and rejects 65")
    func nestingLimit() throws {
        let ok = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(throws: Never.self) { try JSONParser.parse(ok) }
        let tooDeep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        #expect(parseError(tooDeep) == JSONParseError(.nestingTooDeep, at: 64))
        let objects = String(repeating: #"{"a":"#, count: 65) + "1" + String(repeating: "}", count: 65)
        #expect(parseError(objects) == JSONParseError(.nestingTooDeep, at: 5 * 64))
    }

    @Test(
        "rejects ill-formed UTF-8 anywhere, at the first bad byte",
        arguments: [
            ([0x22, 0xC0, 0x80, 0x22], 1),  // overlong NUL
            ([0x22, 0xE0, 0x80, 0xAF, 0x22], 1),  // overlong '/'
            ([0x22, 0xF0, 0x8F, 0xBF, 0xBF, 0x22], 1),  // overlong U+FFFF
            ([0x22, 0x61, 0xED, 0xA0, 0x80, 0x22], 2),  // UTF-8-encoded surrogate U+D800
            ([0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], 1),  // U+110000
            ([0x22, 0xE4, 0xB8, 0x22], 1),  // truncated 中
            ([0x22, 0xE4, 0xB8], 1),  // truncated at end of input
            ([0x22, 0xFF, 0x22], 1),
            ([0x22, 0x80, 0x22], 1),  // lone continuation byte
            ([0x5B, 0x31, 0x2C, 0x5D, 0xFE], 4),  // reported ahead of the earlier trailing comma
        ] as [([UInt8], Int)])
    func invalidUTF8(bytes: [UInt8], offset: Int) {
        #expect(parseError(bytes) == JSONParseError(.invalidUTF8, at: offset))
    }

    @Test("rejects well-formed non-ASCII outside strings as grammar errors")
    func nonASCIIOutsideStrings() {
        #expect(parseError("[1,中]") == JSONParseError(.expectedValue, at: 3))
    }

    @Test("describes errors by offset and reason, never content")
    func errorDescription() {
        let error = parseError(#"{"name":"张三" "id":1}"#)
        #expect(error?.description == "invalid JSON at byte 17: expected ',' or '}'")
        #expect(JSONParseError(.loneSurrogate, at: 3).description == #"invalid JSON at byte 3: lone surrogate \u escape"#)
        #expect(JSONParseError(.nestingTooDeep, at: 0).reason.description == "nesting deeper than 64")
    }

    @Test("can be reused for many documents")
    func reuse() throws {
        var parser = JSONParser()
        #expect(throws: JSONParseError(.trailingComma, at: 7)) { try parser.parse(Array(#"{"a":[1,]}"#.utf8)) }
        #expect(
            try parser.parse(Array(#"{"b":[2]}"#.utf8))
                == .object(JSONObject(uniqueKeysWithValues: [("b", .array([.number(literal: "2")]))])))
    }
}
