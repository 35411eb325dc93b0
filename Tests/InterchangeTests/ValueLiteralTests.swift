import Testing

@testable import Interchange

private func literal(_ read: (UnsafeRawBufferPointer) -> [UInt8]?, _ text: String) -> String? {
    Array(text.utf8).withUnsafeBytes { read($0) }.map { String(decoding: $0, as: UTF8.self) }
}

@Suite("ValueLiteral")
struct ValueLiteralTests {
    @Test("reads whole numbers into JSON integers", arguments: [
        ("42", "42"), ("+007", "7"), ("-12", "-12"), ("-0", "0"), ("9223372036854775807", "9223372036854775807"),
        ("-9223372036854775808", "-9223372036854775808"),
    ])
    func integers(text: String, expected: String) {
        #expect(literal(ValueLiteral.integer, text) == expected)
    }

    @Test("refuses what is not a 64-bit whole number", arguments: ["", "+", "1.0", "12a", "9223372036854775808", " 1", "1e3"])
    func notIntegers(text: String) {
        #expect(literal(ValueLiteral.integer, text) == nil)
    }

    @Test("reads decimals into JSON numbers, keeping every digit", arguments: [
        ("1447.50", "1447.50"), (".5", "0.5"), ("5.", "5"), ("+1.0E7", "1.0E7"), ("007.25", "7.25"), ("-0", "0"),
        ("-0.0", "-0.0"), ("1e-3", "1e-3"), ("123456789012345678901234567890", "123456789012345678901234567890"),
    ])
    func decimals(text: String, expected: String) {
        #expect(literal(ValueLiteral.decimal, text) == expected)
    }

    @Test("refuses what JSON cannot hold as a number", arguments: ["NaN", "INF", "-INF", "", ".", "1,5", "1e", "0x10", "1.2.3"])
    func notDecimals(text: String) {
        #expect(literal(ValueLiteral.decimal, text) == nil)
    }

    @Test("reads truth values as spreadsheets and xs:boolean write them", arguments: [
        ("true", true), ("TRUE", true), ("1", true), ("yes", true), ("Y", true), ("是", true),
        ("false", false), ("0", false), ("No", false), ("否", false),
    ])
    func booleans(text: String, expected: Bool) {
        #expect(Array(text.utf8).withUnsafeBytes { ValueLiteral.boolean($0) } == expected)
    }
}
