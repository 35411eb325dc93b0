/// The small lexical pieces of RFC 8259 that every JSON reader and writer here needs:
/// where a number ends, what a `\u` escape means, how a scalar is written in UTF-8,
/// how a byte is escaped in canonical form, and a fast skip over plain string bytes.
///
/// ``JSONParser``'s grammar, the OCDS importer's tape and the canonical writers all use
/// these, so the rules they enforce and the bytes they write cannot drift apart.
/// Functions are `@inlinable`: they sit in the innermost loops of all of them.
public enum JSONLexis {
    /// Finds the end of the number that begins at `start` (RFC 8259 §6:
    /// `[ minus ] int [ frac ] [ exp ]`).
    ///
    /// - Parameters:
    ///   - bytes: The text.
    ///   - start: The offset of the number's first byte (`-` or a digit).
    /// - Returns: The offset just past the number.
    /// - Throws: ``JSONParseError`` with `leadingZero`, `expectedDigit` or `unexpectedEnd`.
    @inlinable
    public static func endOfNumber(in bytes: UnsafeRawBufferPointer, at start: Int) throws(JSONParseError) -> Int {
        let end = bytes.count
        var i = start
        if bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard i < end else { throw JSONParseError(.unexpectedEnd, at: i) }
        if bytes[i] == UInt8(ascii: "0") {
            i += 1
            if i < end, isDigit(bytes[i]) { throw JSONParseError(.leadingZero, at: i - 1) }
        } else if isDigit(bytes[i]) {
            i = endOfDigits(in: bytes, at: i + 1)
        } else {
            throw JSONParseError(.expectedDigit, at: i)
        }
        if i < end, bytes[i] == UInt8(ascii: ".") {
            i += 1
            try requireDigit(in: bytes, at: i)
            i = endOfDigits(in: bytes, at: i + 1)
        }
        if i < end, bytes[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            if i < end, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            try requireDigit(in: bytes, at: i)
            i = endOfDigits(in: bytes, at: i + 1)
        }
        return i
    }

    /// Whether `byte` is an ASCII digit.
    @inlinable @inline(__always)
    public static func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }

    @inlinable @inline(__always)
    static func endOfDigits(in bytes: UnsafeRawBufferPointer, at start: Int) -> Int {
        var i = start
        while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        return i
    }

    @inlinable @inline(__always)
    static func requireDigit(in bytes: UnsafeRawBufferPointer, at i: Int) throws(JSONParseError) {
        guard i < bytes.count else { throw JSONParseError(.unexpectedEnd, at: i) }
        guard isDigit(bytes[i]) else { throw JSONParseError(.expectedDigit, at: i) }
    }

    /// Reads the `\uXXXX` escape whose backslash is at `i`, or the surrogate pair of two
    /// such escapes that it begins (RFC 8259 §7).
    ///
    /// - Returns: The Unicode scalar value and the offset just past the escape(s).
    /// - Throws: ``JSONParseError`` with `invalidUnicodeEscape` (not four hexadecimal
    ///   digits) or `loneSurrogate` (a surrogate without its partner).
    @inlinable
    public static func unicodeEscape(
        in bytes: UnsafeRawBufferPointer,
        at i: Int
    ) throws(JSONParseError) -> (scalar: UInt32, next: Int) {
        guard let unit = hex4(in: bytes, at: i + 2) else { throw JSONParseError(.invalidUnicodeEscape, at: i) }
        switch unit {
        case 0xD800...0xDBFF:
            let next = i + 6
            guard next + 1 < bytes.count, bytes[next] == UInt8(ascii: "\\"), bytes[next + 1] == UInt8(ascii: "u") else {
                throw JSONParseError(.loneSurrogate, at: i)
            }
            guard let low = hex4(in: bytes, at: next + 2) else { throw JSONParseError(.invalidUnicodeEscape, at: next) }
            guard (0xDC00...0xDFFF).contains(low) else { throw JSONParseError(.loneSurrogate, at: i) }
            return (0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00), next + 6)
        case 0xDC00...0xDFFF:
            throw JSONParseError(.loneSurrogate, at: i)
        default:
            return (UInt32(unit), i + 6)
        }
    }

    /// Four hexadecimal digits (either case) at `i` as a number, or `nil`.
    @inlinable
    public static func hex4(in bytes: UnsafeRawBufferPointer, at i: Int) -> UInt16? {
        guard i >= 0, i + 4 <= bytes.count else { return nil }
        var value: UInt16 = 0
        for k in 0..<4 {
            let byte = bytes[i + k]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    /// Appends a Unicode scalar value in UTF-8 (RFC 3629 §3).
    @inlinable
    public static func appendUTF8(_ scalar: UInt32, to output: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            output.append(UInt8(scalar))
        case 0x80..<0x800:
            output.append(UInt8(0xC0 | scalar >> 6))
            output.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            output.append(UInt8(0xE0 | scalar >> 12))
            output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        default:
            output.append(UInt8(0xF0 | scalar >> 18))
            output.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// Whether a byte must be escaped inside a JSON string: `"`, `\` and U+0000–U+001F.
    @inlinable @inline(__always)
    public static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    /// Appends the canonical escape of a byte that ``needsEscape(_:)``: `\"`, `\\`, `\b`,
    /// `\f`, `\n`, `\r`, `\t`, and `\u00xx` with lower-case hex for the other control bytes
    /// — the one spelling ``CanonicalJSON`` allows.
    @inlinable
    public static func appendEscape(_ byte: UInt8, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""): output.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): output.append(UInt8(ascii: "\\"))
        case 0x08: output.append(UInt8(ascii: "b"))
        case 0x0C: output.append(UInt8(ascii: "f"))
        case 0x0A: output.append(UInt8(ascii: "n"))
        case 0x0D: output.append(UInt8(ascii: "r"))
        case 0x09: output.append(UInt8(ascii: "t"))
        default:
            let hex: StaticString = "0123456789abcdef"
            output.append(UInt8(ascii: "u"))
            output.append(UInt8(ascii: "0"))
            output.append(UInt8(ascii: "0"))
            output.append(hex.utf8Start[Int(byte >> 4)])
            output.append(hex.utf8Start[Int(byte & 0x0F)])
        }
    }

    /// Skips eight bytes at a time from `start` while none of them ``needsEscape(_:)``
    /// (the classic "has a zero byte" and "has a byte less than" word tests).
    ///
    /// - Returns: The offset of the first eight-byte word that holds such a byte, or of
    ///   the last fewer than eight bytes; the caller goes on byte by byte from there.
    @inlinable @inline(__always)
    public static func skipPlainWords(in bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
        guard let base = bytes.baseAddress else { return start }
        var i = start
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        while i + 8 <= bytes.count {
            let word = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let quotes = word ^ (ones &* 0x22)
            let backslashes = word ^ (ones &* 0x5C)
            let special = ((quotes &- ones) & ~quotes) | ((backslashes &- ones) & ~backslashes) | ((word &- ones &* 0x20) & ~word)
            if special & highs != 0 { break }
            i += 8
        }
        return i
    }

    /// Finds the end of the object or array that begins at `start` by counting brackets
    /// outside strings (a backslash in a string steps over the byte after it). It checks
    /// nothing else: the bytes are a stored event's, valid JSON already.
    ///
    /// Runs of bytes that are none of `"`, `\`, brackets and braces are stepped over eight at
    /// a time (the word test of ``skipPlainWords(in:from:)``; `| 0x20` folds `[` into `{` and
    /// `]` into `}`): a catch-up steps over every event's payload here once, which byte by byte
    /// was a tenth of its parsing thread's time on a procurement log.
    ///
    /// - Returns: The offset just past the closing bracket, or nil when `start` holds no
    ///   `{` or `[`, or the bytes end first.
    public static func endOfNested(in bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
        guard start < bytes.count, bytes[start] == UInt8(ascii: "{") || bytes[start] == UInt8(ascii: "["),
            let base = bytes.baseAddress
        else { return nil }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var offset = start
        var depth = 0
        var inString = false
        while offset < bytes.count {
            if offset + 8 <= bytes.count {
                let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                let folded = word | (ones &* 0x20)
                let quotes = word ^ (ones &* 0x22)
                let backslashes = word ^ (ones &* 0x5C)
                let opening = folded ^ (ones &* 0x7B)
                let closing = folded ^ (ones &* 0x7D)
                let found =
                    (((quotes &- ones) & ~quotes) | ((backslashes &- ones) & ~backslashes) | ((opening &- ones) & ~opening)
                        | ((closing &- ones) & ~closing)) & highs
                if found == 0 {
                    offset += 8
                    continue
                }
                // The lowest flagged byte is a true match (a false flag needs a borrow from a
                // match below it); the bytes before it are none of those looked for.
                offset += found.trailingZeroBitCount / 8
            }
            let byte = bytes[offset]
            offset += 1
            if inString {
                if byte == UInt8(ascii: "\\") {
                    offset += 1
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 { return offset }
            default: break
            }
        }
        return nil
    }
}
