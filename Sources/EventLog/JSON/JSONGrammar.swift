/// The RFC 8259 grammar over bytes, driving a ``JSONBuilder``.
///
/// Strict: exactly RFC 8259 (no trailing commas, comments, `NaN`, leading zeros or
/// `+`, single quotes), well-formed UTF-8 checked before anything else (RFC 8259 §8.1),
/// `\u` surrogates only in high–low pairs, unique keys, nesting at most
/// ``JSONParser/maximumDepth``. Errors are the first problem in document order, except
/// that a duplicate key is found when its object closes.
///
/// A grammar keeps its scratch buffer and its builder's buffers between documents.
struct JSONGrammar<Builder: JSONBuilder> {
    private static var quote: UInt8 { UInt8(ascii: "\"") }
    private static var backslash: UInt8 { UInt8(ascii: "\\") }

    /// The builder, holding what was produced.
    var builder: Builder
    private var bytes = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    private var end = 0
    private var index = 0
    private var depth = 0
    /// Decoded bytes of the string being read, when it has escapes.
    private var scratch: [UInt8] = []

    /// Creates a grammar feeding `builder`.
    init(builder: Builder) {
        self.builder = builder
    }

    /// Parses one complete JSON text.
    ///
    /// - Parameter input: The text, UTF-8; read only during the call.
    /// - Returns: The builder's value for the top-level value.
    /// - Throws: ``JSONParseError`` for the first problem found.
    mutating func parse(_ input: UnsafeRawBufferPointer) throws(JSONParseError) -> Builder.Value {
        guard input.count > 0 else { throw JSONParseError(.unexpectedEnd, at: 0) }
        if let bad = UTF8Validation.firstInvalidByteOffset(in: input) {
            throw JSONParseError(.invalidUTF8, at: bad)
        }
        bytes = input.assumingMemoryBound(to: UInt8.self)
        defer { bytes = UnsafeBufferPointer(start: nil, count: 0) }
        end = input.count
        index = 0
        depth = 0
        let value = try parseValue()
        skipWhitespace()
        if index < end {
            throw JSONParseError(.trailingData, at: index)
        }
        return value
    }

    @inline(__always)
    private mutating func skipWhitespace() {
        // RFC 8259 §2: ws = space, horizontal tab, line feed, carriage return.
        while index < end {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private mutating func parseValue() throws(JSONParseError) -> Builder.Value {
        skipWhitespace()
        guard index < end else { throw JSONParseError(.unexpectedEnd, at: index) }
        switch bytes[index] {
        case UInt8(ascii: "\""):
            return try parseStringValue()
        case UInt8(ascii: "{"):
            return try parseObject()
        case UInt8(ascii: "["):
            return try parseArray()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try parseNumber()
        case UInt8(ascii: "t"):
            try parseLiteral("true")
            return builder.bool(true)
        case UInt8(ascii: "f"):
            try parseLiteral("false")
            return builder.bool(false)
        case UInt8(ascii: "n"):
            try parseLiteral("null")
            return builder.null()
        default:
            throw JSONParseError(.expectedValue, at: index)
        }
    }

    private mutating func parseLiteral(_ word: StaticString) throws(JSONParseError) {
        let count = word.utf8CodeUnitCount
        guard index + count <= end else { throw JSONParseError(.invalidLiteral, at: index) }
        let expected = word.utf8Start
        for i in 0..<count where bytes[index + i] != expected[i] {
            throw JSONParseError(.invalidLiteral, at: index)
        }
        index += count
    }

    private mutating func parseNumber() throws(JSONParseError) -> Builder.Value {
        // RFC 8259 §6: number = [ minus ] int [ frac ] [ exp ]
        let start = index
        var i = index
        if bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard i < end else { throw JSONParseError(.unexpectedEnd, at: i) }
        if bytes[i] == UInt8(ascii: "0") {
            i += 1
            if i < end, isDigit(bytes[i]) { throw JSONParseError(.leadingZero, at: i - 1) }
        } else if isDigit(bytes[i]) {
            i += 1
            while i < end, isDigit(bytes[i]) { i += 1 }
        } else {
            throw JSONParseError(.expectedDigit, at: i)
        }
        if i < end, bytes[i] == UInt8(ascii: ".") {
            i += 1
            try requireDigit(at: i)
            while i < end, isDigit(bytes[i]) { i += 1 }
        }
        if i < end, bytes[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            if i < end, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            try requireDigit(at: i)
            while i < end, isDigit(bytes[i]) { i += 1 }
        }
        index = i
        return builder.number(UnsafeBufferPointer(rebasing: bytes[start..<i]))
    }

    @inline(__always)
    private func requireDigit(at i: Int) throws(JSONParseError) {
        guard i < end else { throw JSONParseError(.unexpectedEnd, at: i) }
        guard isDigit(bytes[i]) else { throw JSONParseError(.expectedDigit, at: i) }
    }

    @inline(__always)
    private func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }

    /// Reads the string whose opening quote is under `index`, leaving `index` after it.
    ///
    /// - Returns: The end of its content in the input when it has no escapes (the
    ///   content is then `open + 1 ..< end`), or `nil` when it was decoded into `scratch`.
    @inline(__always)
    private mutating func scanString() throws(JSONParseError) -> Int? {
        let open = index
        var i = open + 1
        if let base = bytes.baseAddress {
            // Skip eight bytes at a time while none is a quote, a backslash or a
            // control character (the classic "has zero byte" / "has less than" tests).
            let raw = UnsafeRawPointer(base)
            let ones: UInt64 = 0x0101_0101_0101_0101
            let highs: UInt64 = 0x8080_8080_8080_8080
            while i + 8 <= end {
                let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let quotes = word ^ (ones &* 0x22)
                let backslashes = word ^ (ones &* 0x5C)
                let special =
                    ((quotes &- ones) & ~quotes) | ((backslashes &- ones) & ~backslashes) | ((word &- ones &* 0x20) & ~word)
                if special & highs != 0 { break }
                i += 8
            }
        }
        while i < end {
            let byte = bytes[i]
            if byte == Self.quote {
                index = i + 1
                return i
            }
            if byte == Self.backslash {
                try decodeEscapedString(open: open, firstEscape: i)
                return nil
            }
            if byte < 0x20 { throw JSONParseError(.controlCharacterInString, at: i) }
            i += 1
        }
        throw JSONParseError(.unterminatedString, at: open)
    }

    private mutating func parseStringValue() throws(JSONParseError) -> Builder.Value {
        let open = index
        if let close = try scanString() {
            return builder.string(UnsafeBufferPointer(rebasing: bytes[(open + 1)..<close]), isRaw: true)
        }
        let decoded = scratch
        return decoded.withUnsafeBufferPointer { builder.string($0, isRaw: false) }
    }

    private mutating func parseKey() throws(JSONParseError) -> Builder.Key {
        let open = index
        if let close = try scanString() {
            return builder.key(UnsafeBufferPointer(rebasing: bytes[(open + 1)..<close]), isRaw: true, offset: open)
        }
        let decoded = scratch
        return decoded.withUnsafeBufferPointer { builder.key($0, isRaw: false, offset: open) }
    }

    /// Decodes a string with escapes (RFC 8259 §7) into `scratch`, from its first
    /// backslash, leaving `index` after the closing quote.
    private mutating func decodeEscapedString(open: Int, firstEscape: Int) throws(JSONParseError) {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[(open + 1)..<firstEscape]))
        var i = firstEscape
        while i < end {
            let byte = bytes[i]
            if byte == Self.quote {
                index = i + 1
                return
            }
            if byte < 0x20 { throw JSONParseError(.controlCharacterInString, at: i) }
            if byte != Self.backslash {
                // Copy the run of plain bytes up to the next quote, backslash or control.
                var j = i + 1
                while j < end {
                    let b = bytes[j]
                    if b == Self.quote || b == Self.backslash || b < 0x20 { break }
                    j += 1
                }
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<j]))
                i = j
                continue
            }
            guard i + 1 < end else { throw JSONParseError(.unterminatedString, at: open) }
            switch bytes[i + 1] {
            case UInt8(ascii: "\""): scratch.append(0x22)
            case UInt8(ascii: "\\"): scratch.append(0x5C)
            case UInt8(ascii: "/"): scratch.append(0x2F)
            case UInt8(ascii: "b"): scratch.append(0x08)
            case UInt8(ascii: "f"): scratch.append(0x0C)
            case UInt8(ascii: "n"): scratch.append(0x0A)
            case UInt8(ascii: "r"): scratch.append(0x0D)
            case UInt8(ascii: "t"): scratch.append(0x09)
            case UInt8(ascii: "u"):
                i = try decodeUnicodeEscape(at: i)
                continue
            default:
                throw JSONParseError(.invalidEscape, at: i)
            }
            i += 2
        }
        throw JSONParseError(.unterminatedString, at: open)
    }

    /// Decodes `\uXXXX`, or a surrogate pair of two, at `i` into `scratch`.
    ///
    /// - Returns: The offset just past the escape(s).
    private mutating func decodeUnicodeEscape(at i: Int) throws(JSONParseError) -> Int {
        guard let unit = hex4(at: i + 2) else { throw JSONParseError(.invalidUnicodeEscape, at: i) }
        var scalar = UInt32(unit)
        var next = i + 6
        switch unit {
        case 0xD800...0xDBFF:
            guard next + 1 < end, bytes[next] == Self.backslash, bytes[next + 1] == UInt8(ascii: "u") else {
                throw JSONParseError(.loneSurrogate, at: i)
            }
            guard let low = hex4(at: next + 2) else { throw JSONParseError(.invalidUnicodeEscape, at: next) }
            guard (0xDC00...0xDFFF).contains(low) else { throw JSONParseError(.loneSurrogate, at: i) }
            scalar = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
            next += 6
        case 0xDC00...0xDFFF:
            throw JSONParseError(.loneSurrogate, at: i)
        default:
            break
        }
        switch scalar {
        case 0..<0x80:
            scratch.append(UInt8(scalar))
        case 0x80..<0x800:
            scratch.append(UInt8(0xC0 | scalar >> 6))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            scratch.append(UInt8(0xE0 | scalar >> 12))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | scalar >> 18))
            scratch.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        }
        return next
    }

    /// Four hexadecimal digits at `i` as a number, or `nil`.
    @inline(__always)
    private func hex4(at i: Int) -> UInt16? {
        guard i + 4 <= end else { return nil }
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

    private mutating func enterContainer() throws(JSONParseError) {
        depth += 1
        if depth > JSONParser.maximumDepth { throw JSONParseError(.nestingTooDeep, at: index) }
    }

    private mutating func parseArray() throws(JSONParseError) -> Builder.Value {
        try enterContainer()
        index += 1
        let mark = builder.beginArray()
        skipWhitespace()
        guard index < end else { throw JSONParseError(.unexpectedEnd, at: index) }
        if bytes[index] == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return builder.endArray(mark)
        }
        var count = 0
        while true {
            builder.willParseElement(count)
            let value = try parseValue()
            builder.element(value)
            count += 1
            skipWhitespace()
            guard index < end else { throw JSONParseError(.unexpectedEnd, at: index) }
            let byte = bytes[index]
            if byte == UInt8(ascii: "]") {
                index += 1
                break
            }
            guard byte == UInt8(ascii: ",") else { throw JSONParseError(.expectedCommaOrArrayEnd, at: index) }
            let comma = index
            index += 1
            skipWhitespace()
            if index < end, bytes[index] == UInt8(ascii: "]") { throw JSONParseError(.trailingComma, at: comma) }
        }
        depth -= 1
        return builder.endArray(mark)
    }

    private mutating func parseObject() throws(JSONParseError) -> Builder.Value {
        try enterContainer()
        index += 1
        let mark = builder.beginObject()
        skipWhitespace()
        guard index < end else { throw JSONParseError(.unexpectedEnd, at: index) }
        if bytes[index] == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return try builder.endObject(mark)
        }
        var count = 0
        while true {
            skipWhitespace()
            guard index < end else { throw JSONParseError(.unexpectedEnd, at: index) }
            guard bytes[index] == Self.quote else { throw JSONParseError(.expectedKey, at: index) }
            builder.willParseMember(count)
            let key = try parseKey()
            skipWhitespace()
            guard index < end else { throw JSONParseError(.unexpectedEnd, at: index) }
            guard bytes[index] == UInt8(ascii: ":") else { throw JSONParseError(.expectedColon, at: index) }
            index += 1
            let value = try parseValue()
            builder.member(key, value)
            count += 1
            skipWhitespace()
            guard index < end else { throw JSONParseError(.unexpectedEnd, at: index) }
            let byte = bytes[index]
            if byte == UInt8(ascii: "}") {
                index += 1
                break
            }
            guard byte == UInt8(ascii: ",") else { throw JSONParseError(.expectedCommaOrObjectEnd, at: index) }
            let comma = index
            index += 1
            skipWhitespace()
            if index < end, bytes[index] == UInt8(ascii: "}") { throw JSONParseError(.trailingComma, at: comma) }
        }
        depth -= 1
        return try builder.endObject(mark)
    }
}
