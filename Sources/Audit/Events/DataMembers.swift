import EventLog

/// The members of a stored event's `data` object, read one by one straight from its
/// canonical bytes, for the rules that need a few plain values of every event of a type
/// (`RuleEvaluator.readsDataBytes`) and not a JSON tree of the whole payload.
///
/// It reads only what it can read exactly as `JSONParser` would: a key with an escape in
/// it, or bytes that are not canonical JSON, stop it with `failed` set; a string value with
/// an escape is reported as `.escapedString`, undecoded. The caller that needs such a value
/// parses the payload into a tree after all. A value that is neither a string, a number nor
/// an object (`true`, `null`, an array) is skipped and reported as `.other`.
struct DataMembers {
    /// A member's value, as bytes of the payload.
    enum Value {
        /// A string without escapes: its content, without the quotes.
        case string(UnsafeRawBufferPointer)
        /// A string with an escape in it: left to a tree of the payload, should it be read.
        case escapedString
        /// A number: its literal as written.
        case number(UnsafeRawBufferPointer)
        /// An object, braces included (read it with another `DataMembers`).
        case object(UnsafeRawBufferPointer)
        case other
    }

    private let bytes: UnsafeRawBufferPointer
    private var offset = 1
    /// Whether the bytes could not be read exactly (an escape, or not canonical JSON).
    private(set) var failed = false

    /// - Parameter object: an object's bytes, braces included.
    init(_ object: UnsafeRawBufferPointer) {
        bytes = object
        if object.count < 2 || object[0] != UInt8(ascii: "{") || object[object.count - 1] != UInt8(ascii: "}") { failed = true }
        // The empty object has no members.
        if object.count == 2 { offset = 2 }
    }

    /// The next member; nil at the end of the object or on failure (see `failed`).
    mutating func next() -> (key: UnsafeRawBufferPointer, value: Value)? {
        guard !failed, offset < bytes.count - 1 else { return nil }
        guard let key = plainString(), take(UInt8(ascii: ":")), let value = value() else {
            failed = true
            return nil
        }
        // A member is followed by a comma, or by the closing brace that ends the object.
        if !take(UInt8(ascii: ",")) && offset != bytes.count - 1 {
            failed = true
            return nil
        }
        if offset == bytes.count - 1 && bytes[offset - 1] == UInt8(ascii: ",") {
            failed = true
            return nil
        }
        return (key, value)
    }

    private mutating func take(_ byte: UInt8) -> Bool {
        guard offset < bytes.count, bytes[offset] == byte else { return false }
        offset += 1
        return true
    }

    /// A string with no escape in it, as its bytes (without the quotes); nil otherwise.
    private mutating func plainString() -> UnsafeRawBufferPointer? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = offset
        var i = JSONLexis.skipPlainWords(in: bytes, from: start)
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "\"") {
                offset = i + 1
                return UnsafeRawBufferPointer(rebasing: bytes[start ..< i])
            }
            if JSONLexis.needsEscape(byte) { return nil }
            i += 1
        }
        return nil
    }

    /// Steps over a string with escapes in it (without decoding them).
    private mutating func skipEscapedString() -> Bool {
        guard take(UInt8(ascii: "\"")) else { return false }
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\"") {
                offset += 1
                return true
            }
            if byte < 0x20 { return false }
            offset += byte == UInt8(ascii: "\\") ? 2 : 1
        }
        return false
    }

    private mutating func value() -> Value? {
        guard offset < bytes.count else { return nil }
        switch bytes[offset] {
        case UInt8(ascii: "\""):
            let start = offset
            if let text = plainString() { return .string(text) }
            offset = start
            return skipEscapedString() ? .escapedString : nil
        case UInt8(ascii: "-"), UInt8(ascii: "0") ... UInt8(ascii: "9"):
            let start = offset
            guard let end = try? JSONLexis.endOfNumber(in: bytes, at: start) else { return nil }
            offset = end
            return .number(UnsafeRawBufferPointer(rebasing: bytes[start ..< end]))
        case UInt8(ascii: "{"):
            let start = offset
            guard skipNested() else { return nil }
            return .object(UnsafeRawBufferPointer(rebasing: bytes[start ..< offset]))
        case UInt8(ascii: "["):
            return skipNested() ? .other : nil
        default:
            for word in ["true", "false", "null"] where matches(word) {
                offset += word.utf8.count
                return .other
            }
            return nil
        }
    }

    private func matches(_ word: String) -> Bool {
        let end = offset + word.utf8.count
        return end <= bytes.count && UnsafeRawBufferPointer(rebasing: bytes[offset ..< end]).elementsEqual(word.utf8)
    }

    /// Steps over an object or array (`JSONLexis.endOfNested`).
    private mutating func skipNested() -> Bool {
        guard let end = JSONLexis.endOfNested(in: bytes, from: offset) else { return false }
        offset = end
        return true
    }
}

extension UnsafeRawBufferPointer {
    /// Whether the bytes spell `key` (ASCII or UTF-8 bytes, compared without decoding).
    func spells(_ key: [UInt8]) -> Bool {
        guard count == key.count else { return false }
        for index in 0 ..< count where self[index] != key[index] { return false }
        return true
    }
}
