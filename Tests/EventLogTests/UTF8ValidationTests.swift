import Testing

@testable import EventLog

private func firstInvalid(_ bytes: [UInt8]) -> Int? {
    bytes.withUnsafeBytes { UTF8Validation.firstInvalidByteOffset(in: $0) }
}

@Suite("UTF8Validation")
struct UTF8ValidationTests {
    @Test("accepts ASCII, Chinese, emoji and the boundary code points")
    func acceptsWellFormed() {
        #expect(firstInvalid([]) == nil)
        #expect(firstInvalid(Array("plain ASCII text, longer than eight bytes".utf8)) == nil)
        #expect(firstInvalid(Array("数据铁笼 😀 é".utf8)) == nil)
        #expect(firstInvalid([0x7F, 0xC2, 0x80, 0xDF, 0xBF, 0xE0, 0xA0, 0x80, 0xED, 0x9F, 0xBF]) == nil)
        #expect(firstInvalid([0xEE, 0x80, 0x80, 0xEF, 0xBF, 0xBF, 0xF0, 0x90, 0x80, 0x80, 0xF4, 0x8F, 0xBF, 0xBF]) == nil)
    }

    @Test(
        "finds the lead byte of the first ill-formed sequence",
        arguments: [
            ([0xC0, 0xAF], 0),  // overlong, two bytes
            ([0xC1, 0xBF], 0),
            ([0x41, 0xE0, 0x9F, 0xBF], 1),  // overlong, three bytes
            ([0xF0, 0x8F, 0xBF, 0xBF], 0),  // overlong, four bytes
            ([0xED, 0xA0, 0x80], 0),  // U+D800
            ([0xED, 0xBF, 0xBF], 0),  // U+DFFF
            ([0xF4, 0x90, 0x80, 0x80], 0),  // U+110000
            ([0xF5, 0x80, 0x80, 0x80], 0),
            ([0xFF], 0),
            ([0xFE], 0),
            ([0x80], 0),
            ([0x41, 0x42, 0xE4, 0xB8], 2),  // truncated at the end
            ([0xE4, 0xB8, 0x41], 0),  // truncated before ASCII
            ([0xF0, 0x9F, 0x98], 0),
            (Array("0123456789abcdef".utf8) + [0xC3], 16),  // after the eight-byte fast path
        ] as [([UInt8], Int)])
    func findsFirstInvalid(bytes: [UInt8], offset: Int) {
        #expect(firstInvalid(bytes) == offset)
    }
}
