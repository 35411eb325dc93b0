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
        let start = index
        index = try JSONLexis.endOfNumber(in: UnsafeRawBufferPointer(bytes), at: start)
        return builder.number(UnsafeBufferPointer(rebasing: bytes[start..<index]))
    }

    /// Reads the string whose opening quote is under `index`, leaving `index` after it.
    ///
    /// - Returns: The end of its content in the input when it has no escapes (the
    ///   content is then `open + 1 ..< end`), or `nil` when it was decoded into `scratch`.
    @inline(__always)
    private mutating func scanString() throws(JSONParseError) -> Int? {
        let open = index
        var i = JSONLexis.skipPlainWords(in: UnsafeRawBufferPointer(bytes), from: open + 1)
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
        let (scalar, next) = try JSONLexis.unicodeEscape(in: UnsafeRawBufferPointer(bytes), at: i)
        JSONLexis.appendUTF8(scalar, to: &scratch)
        return next
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
