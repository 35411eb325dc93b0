import Testing

@testable import EventLog

/// Runs `body` over the UTF-8 bytes of `text`.
private func over<T>(_ text: String, _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
    try Array(text.utf8).withUnsafeBytes { try body($0) }
}

@Suite("JSON lexis")
struct JSONLexisTests {
    @Test("a number ends where RFC 8259 §6 says", arguments: [
        ("0,", 1), ("-0]", 2), ("12345}", 5), ("-12.50e+3 ", 9), ("1E5", 3), ("3.14", 4), ("7", 1),
    ])
    func numberEnds(text: String, end: Int) throws {
        #expect(try over(text) { try JSONLexis.endOfNumber(in: $0, at: 0) } == end)
    }

    @Test("a malformed number names its reason and offset", arguments: [
        ("01", JSONParseError(.leadingZero, at: 0)),
        ("-", JSONParseError(.unexpectedEnd, at: 1)),
        ("-x", JSONParseError(.expectedDigit, at: 1)),
        ("1.", JSONParseError(.unexpectedEnd, at: 2)),
        ("1.e5", JSONParseError(.expectedDigit, at: 2)),
        ("2e+", JSONParseError(.unexpectedEnd, at: 3)),
    ])
    func badNumbers(text: String, error: JSONParseError) {
        #expect(throws: error) { try over(text) { try JSONLexis.endOfNumber(in: $0, at: 0) } }
    }

    @Test("\\u escapes: a BMP scalar, a surrogate pair, and the errors")
    func unicodeEscapes() throws {
        let plain = try over(#"\u4e2D!"#) { try JSONLexis.unicodeEscape(in: $0, at: 0) }
        #expect(plain.scalar == 0x4E2D)
        #expect(plain.next == 6)
        // U+1F600 GRINNING FACE is D83D DE00 in UTF-16.
        let pair = try over(#"\ud83d\ude00"#) { try JSONLexis.unicodeEscape(in: $0, at: 0) }
        #expect(pair.scalar == 0x1F600)
        #expect(pair.next == 12)
        #expect(throws: JSONParseError(.invalidUnicodeEscape, at: 0)) {
            try over(#"\u12g4"#) { try JSONLexis.unicodeEscape(in: $0, at: 0) }
        }
        #expect(throws: JSONParseError(.loneSurrogate, at: 0)) {
            try over(#"\ud83d!"#) { try JSONLexis.unicodeEscape(in: $0, at: 0) }
        }
        #expect(throws: JSONParseError(.loneSurrogate, at: 0)) {
            try over(#"\ude00"#) { try JSONLexis.unicodeEscape(in: $0, at: 0) }
        }
        #expect(throws: JSONParseError(.loneSurrogate, at: 0)) {
            try over(#"\ud83d\u0041"#) { try JSONLexis.unicodeEscape(in: $0, at: 0) }
        }
    }

    @Test("UTF-8 of one-, two-, three- and four-byte scalars (RFC 3629 §3)")
    func utf8() {
        var out: [UInt8] = []
        for scalar: UInt32 in [0x41, 0xE9, 0x4E2D, 0x1F600] { JSONLexis.appendUTF8(scalar, to: &out) }
        #expect(out == [0x41, 0xC3, 0xA9, 0xE4, 0xB8, 0xAD, 0xF0, 0x9F, 0x98, 0x80])
    }

    @Test("the canonical escape of every byte that needs one")
    func escapes() {
        var out: [UInt8] = []
        for byte: UInt8 in [0x22, 0x5C, 0x08, 0x0C, 0x0A, 0x0D, 0x09, 0x00, 0x1F] {
            #expect(JSONLexis.needsEscape(byte))
            JSONLexis.appendEscape(byte, to: &out)
        }
        #expect(String(decoding: out, as: UTF8.self) == #"\"\\\b\f\n\r\t\u0000\u001f"#)
        #expect(!JSONLexis.needsEscape(0x20))
        #expect(!JSONLexis.needsEscape(0x2F))
        #expect(!JSONLexis.needsEscape(0xE4))
    }

    @Test("plain words are skipped up to the word holding a byte to escape")
    func skipping() {
        // 16 plain bytes (two of them Chinese characters), a quote at 18: the skip stops at the word 16..<24.
        #expect(over("abcdefgh中文ijkl\"mnopqrstuvw") { JSONLexis.skipPlainWords(in: $0, from: 0) } == 16)
        #expect(over("abc\\defghijklmnop") { JSONLexis.skipPlainWords(in: $0, from: 0) } == 0)
        #expect(over("abcdefghijk") { JSONLexis.skipPlainWords(in: $0, from: 0) } == 8)
        #expect(over("abcdefgh\u{1}") { JSONLexis.skipPlainWords(in: $0, from: 1) } == 1)
    }

    @Test("a nested value ends at its own closing bracket, brackets and escaped quotes inside strings not counted")
    func nested() {
        // The object's closing brace is byte 28, its array's bracket byte 21 (the "]}" inside the string
        // and the escaped quote after it are not counted): the offsets just past them are 29 and 22.
        let text = #"{"a":[1,{"b":"]}\"x"}],"c":2} tail"#
        #expect(over(text) { JSONLexis.endOfNested(in: $0, from: 0) } == 29)
        #expect(over(text) { JSONLexis.endOfNested(in: $0, from: 5) } == 22)
        #expect(over(text) { JSONLexis.endOfNested(in: $0, from: 1) } == nil)
        #expect(over(#"{"a":[1,2"#) { JSONLexis.endOfNested(in: $0, from: 0) } == nil)
    }

    @Test("a nested value ends at its own bracket wherever the words that are stepped over fall", arguments: 0 ..< 17)
    func nestedAtEveryAlignment(padding: Int) {
        // Plain runs of every length before and between the brackets, escapes and quotes
        // inside strings (a bracket or brace, an escaped quote, an escaped backslash before
        // a closing quote), Chinese text: the object, 59 bytes and seven paddings long, ends
        // at its own brace, and " tail" follows it.
        let x = String(repeating: "x", count: padding)
        let object = #"{"a\#(x)":"\#(x)]}\"\#(x)\\","b":[1,{"c":"\#(x)[{"},"\#(x)数据"],"\#(x)d":{"e\#(x)":"\\\""}}"#
        #expect(object.utf8.count == 59 + 7 * padding)
        #expect(over(object + " tail") { JSONLexis.endOfNested(in: $0, from: 0) } == object.utf8.count)
        // Cut short anywhere, it has no end.
        for cut in [1, object.utf8.count / 2, object.utf8.count - 1] {
            #expect(Array(object.utf8.prefix(cut)).withUnsafeBytes { JSONLexis.endOfNested(in: $0, from: 0) } == nil)
        }
    }
}
