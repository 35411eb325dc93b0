/// Writes the canonical form (``CanonicalJSON``) of JSON text while ``JSONGrammar``
/// reads it, without building a tree.
///
/// Values are written to the output in document order; strings without escapes and
/// numbers are copied straight from the input. When an object closes, its members are
/// checked for order; only if they are out of order are their bytes moved into key
/// order (each nesting level copies its own bytes once more). The members of the
/// top-level object stay available in ``members`` with their positions in the output,
/// which is what envelope validation reads.
///
/// The output is a fixed buffer the caller provides, at least as long as the input:
/// the canonical form never is longer, because it drops white space, writes escapes
/// no longer than any escape the input could have used for the same character, and
/// copies everything else. Every write still checks the bound.
struct CanonicalJSONBuilder: JSONBuilder {
    /// The JSON type of a written value.
    enum Kind: UInt8 {
        case null, bool, number, string, array, object
    }

    /// A written value: its type and where its canonical bytes are in the output.
    struct Value {
        var kind: Kind
        var start: Int
        var end: Int
    }

    /// An object member: key and value, written as `"key":value` from `start` to
    /// `value.end` in the output.
    struct Member {
        /// Where the member's canonical bytes begin (the key's opening quote).
        var start: Int
        /// The decoded key's length in bytes.
        var keyCount: Int
        /// Where the decoded key is in ``keyBytes`` when it had escapes, or -1 when it
        /// is the output's bytes right after `start` (no escapes: decoded = written).
        var escapedKeyStart: Int
        /// ``JSONKeyOrder/prefix(_:)`` of the decoded key.
        var prefix: UInt64
        /// The key's opening quote in the input, for duplicate-key errors.
        var offset: Int
        var value: Value
    }

    /// Where the canonical bytes go.
    private let buffer: UnsafeMutableBufferPointer<UInt8>
    /// How many bytes of ``buffer`` are written.
    private(set) var count = 0
    /// Decoded keys that had escapes, back to back.
    private var keyBytes: [UInt8] = []
    /// Members of open objects and, once it closed, of the top-level object.
    private(set) var members: [Member] = []

    /// Creates a builder writing into `buffer`.
    ///
    /// - Parameter buffer: At least as many bytes as the input to be parsed.
    init(writingInto buffer: UnsafeMutableBufferPointer<UInt8>) {
        self.buffer = buffer
        members.reserveCapacity(16)
    }

    /// Calls `body` with the decoded key of a member.
    ///
    /// - Parameters:
    ///   - member: One of ``members``.
    ///   - output: The bytes written.
    ///   - body: Reads the key.
    func withKey<R>(
        of member: Member, in output: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> R
    ) -> R {
        if member.escapedKeyStart < 0 {
            return body(UnsafeBufferPointer(rebasing: output[(member.start + 1)..<(member.start + 1 + member.keyCount)]))
        }
        return keyBytes.withUnsafeBufferPointer {
            body(UnsafeBufferPointer(rebasing: $0[member.escapedKeyStart..<(member.escapedKeyStart + member.keyCount)]))
        }
    }

    // MARK: Writing

    @inline(__always)
    private mutating func write(_ byte: UInt8) {
        precondition(count < buffer.count, "canonical JSON longer than its input")
        buffer[count] = byte
        count += 1
    }

    @inline(__always)
    private mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        precondition(bytes.count <= buffer.count - count, "canonical JSON longer than its input")
        guard let source = bytes.baseAddress, let target = buffer.baseAddress else { return }
        if bytes.count <= 8 {
            // Short runs (most keys and values): a loop beats a call to memmove.
            for i in 0..<bytes.count { target[count + i] = source[i] }
        } else {
            (target + count).update(from: source, count: bytes.count)
        }
        count += bytes.count
    }

    @inline(__always)
    private mutating func write(_ text: StaticString) {
        write(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    @inline(__always)
    private mutating func writeString(_ decoded: UnsafeBufferPointer<UInt8>, isRaw: Bool) {
        if isRaw {
            // Unescaped input holds no control character, quote or backslash (RFC 8259
            // §7), so it is already canonical.
            write(UInt8(ascii: "\""))
            write(decoded)
            write(UInt8(ascii: "\""))
        } else {
            var escaped: [UInt8] = []
            escaped.reserveCapacity(decoded.count + 8)
            CanonicalJSON.appendString(utf8: decoded, to: &escaped)
            escaped.withUnsafeBufferPointer { write($0) }
        }
    }

    // MARK: JSONBuilder

    mutating func null() -> Value {
        let start = count
        write("null")
        return Value(kind: .null, start: start, end: count)
    }

    mutating func bool(_ value: Bool) -> Value {
        let start = count
        write(value ? "true" : "false")
        return Value(kind: .bool, start: start, end: count)
    }

    mutating func number(_ literal: UnsafeBufferPointer<UInt8>) -> Value {
        let start = count
        write(literal)
        return Value(kind: .number, start: start, end: count)
    }

    mutating func string(_ decoded: UnsafeBufferPointer<UInt8>, isRaw: Bool) -> Value {
        let start = count
        writeString(decoded, isRaw: isRaw)
        return Value(kind: .string, start: start, end: count)
    }

    mutating func beginArray() -> Int {
        write(UInt8(ascii: "["))
        return count - 1
    }

    mutating func willParseElement(_ index: Int) {
        if index > 0 { write(UInt8(ascii: ",")) }
    }

    func element(_ value: Value) {}

    mutating func endArray(_ mark: Int) -> Value {
        write(UInt8(ascii: "]"))
        return Value(kind: .array, start: mark, end: count)
    }

    mutating func beginObject() -> Int {
        write(UInt8(ascii: "{"))
        return count - 1
    }

    mutating func willParseMember(_ index: Int) {
        if index > 0 { write(UInt8(ascii: ",")) }
    }

    mutating func key(_ decoded: UnsafeBufferPointer<UInt8>, isRaw: Bool, offset: Int) -> Member {
        let start = count
        writeString(decoded, isRaw: isRaw)
        write(UInt8(ascii: ":"))
        var escapedKeyStart = -1
        if !isRaw {
            escapedKeyStart = keyBytes.count
            keyBytes.append(contentsOf: decoded)
        }
        return Member(
            start: start, keyCount: decoded.count, escapedKeyStart: escapedKeyStart,
            prefix: JSONKeyOrder.prefix(decoded), offset: offset, value: Value(kind: .null, start: 0, end: 0))
    }

    mutating func member(_ key: Member, _ value: Value) {
        var member = key
        member.value = value
        members.append(member)
    }

    mutating func endObject(_ mark: Int) throws(JSONParseError) -> Value {
        // This object's members are those written after its brace.
        var first = members.count
        while first > 0, members[first - 1].start > mark { first -= 1 }
        let memberCount = members.count - first
        if memberCount > 1 {
            let keys = keyBytes
            let output = UnsafeBufferPointer(buffer)
            var ordered = true
            for i in (first + 1)..<members.count
            where Self.compare(members[i - 1], members[i], output: output, keys: keys) >= 0 {
                ordered = false
                break
            }
            if !ordered {
                let duplicate = JSONKeyOrder.sortMembers(
                    &members, from: first,
                    compare: { Self.compare($0, $1, output: output, keys: keys) },
                    offset: { $0.offset })
                if let duplicate { throw JSONParseError(.duplicateKey, at: duplicate) }
                rewriteInOrder(from: first, bodyStart: mark + 1)
            }
        }
        write(UInt8(ascii: "}"))
        if mark > 0, memberCount > 0 {
            // A nested object: its members are written; forget them. (Only the
            // top-level object starts at 0.)
            // Escaped keys were stored in document order; drop from the earliest.
            if let earliest = members[first...].lazy.map(\.escapedKeyStart).filter({ $0 >= 0 }).min() {
                keyBytes.removeSubrange(earliest...)
            }
            members.removeSubrange(first...)
        }
        return Value(kind: .object, start: mark, end: count)
    }

    @inline(__always)
    private static func compare(_ a: Member, _ b: Member, output: UnsafeBufferPointer<UInt8>, keys: [UInt8]) -> Int {
        if a.prefix != b.prefix { return a.prefix < b.prefix ? -1 : 1 }
        if a.escapedKeyStart < 0, b.escapedKeyStart < 0 {
            return JSONKeyOrder.compare(
                UnsafeBufferPointer(rebasing: output[(a.start + 1)..<(a.start + 1 + a.keyCount)]),
                UnsafeBufferPointer(rebasing: output[(b.start + 1)..<(b.start + 1 + b.keyCount)]))
        }
        return keys.withUnsafeBufferPointer { k in
            func key(_ m: Member) -> UnsafeBufferPointer<UInt8> {
                m.escapedKeyStart < 0
                    ? UnsafeBufferPointer(rebasing: output[(m.start + 1)..<(m.start + 1 + m.keyCount)])
                    : UnsafeBufferPointer(rebasing: k[m.escapedKeyStart..<(m.escapedKeyStart + m.keyCount)])
            }
            return JSONKeyOrder.compare(key(a), key(b))
        }
    }

    /// Moves the bytes of the members from `first` on, now sorted in ``members``, into
    /// that order in the output, and updates their positions.
    private mutating func rewriteInOrder(from first: Int, bodyStart: Int) {
        let length = count - bodyStart
        let out = buffer
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: length) { temp in
            _ = temp.initialize(fromContentsOf: out[bodyStart..<(bodyStart + length)])
            var write = bodyStart
            for i in first..<members.count {
                if i > first {
                    out[write] = UInt8(ascii: ",")
                    write += 1
                }
                let member = members[i]
                let size = member.value.end - member.start
                let from = member.start - bodyStart
                _ = UnsafeMutableBufferPointer(rebasing: out[write..<(write + size)])
                    .update(fromContentsOf: temp[from..<(from + size)])
                let shift = write - member.start
                members[i].start += shift
                members[i].value.start += shift
                members[i].value.end += shift
                write += size
            }
        }
    }
}
