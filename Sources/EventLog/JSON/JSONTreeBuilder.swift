/// Builds ``JSONValue`` trees for ``JSONGrammar``.
///
/// Elements and members of open containers wait on two stacks, so each finished
/// array or object is allocated once at its exact size.
struct JSONTreeBuilder: JSONBuilder {
    /// An object member waiting for its object to close.
    struct PendingMember {
        var key: String
        var value: JSONValue
        /// The key's opening quote in the input.
        var offset: Int
        /// The key's first eight bytes, big-endian (``JSONKeyOrder/prefix(_:)``).
        var prefix: UInt64
    }

    private var elements: [JSONValue] = []
    private var members: [PendingMember] = []

    /// Forgets anything left from an earlier document that failed.
    mutating func reset() {
        elements.removeAll(keepingCapacity: true)
        members.removeAll(keepingCapacity: true)
    }

    func null() -> JSONValue { .null }

    func bool(_ value: Bool) -> JSONValue { .bool(value) }

    func number(_ literal: UnsafeBufferPointer<UInt8>) -> JSONValue {
        .number(literal: String(decoding: literal, as: UTF8.self))
    }

    func string(_ decoded: UnsafeBufferPointer<UInt8>, isRaw: Bool) -> JSONValue {
        .string(String(decoding: decoded, as: UTF8.self))
    }

    func beginArray() -> Int { elements.count }

    func willParseElement(_ index: Int) {}

    mutating func element(_ value: JSONValue) {
        elements.append(value)
    }

    mutating func endArray(_ mark: Int) -> JSONValue {
        guard mark < elements.count else { return .array([]) }
        let array = Array(elements[mark...])
        elements.removeSubrange(mark...)
        return .array(array)
    }

    mutating func beginObject() -> Int {
        if members.capacity == 0 { members.reserveCapacity(16) }
        return members.count
    }

    func willParseMember(_ index: Int) {}

    func key(_ decoded: UnsafeBufferPointer<UInt8>, isRaw: Bool, offset: Int) -> PendingMember {
        PendingMember(
            key: String(decoding: decoded, as: UTF8.self), value: .null, offset: offset,
            prefix: JSONKeyOrder.prefix(decoded))
    }

    mutating func member(_ key: PendingMember, _ value: JSONValue) {
        var member = key
        member.value = value
        members.append(member)
    }

    mutating func endObject(_ mark: Int) throws(JSONParseError) -> JSONValue {
        guard mark < members.count else { return .object(.empty) }
        let duplicate = JSONKeyOrder.sortMembers(
            &members, from: mark,
            compare: { a, b in
                if a.prefix != b.prefix { return a.prefix < b.prefix ? -1 : 1 }
                return JSONKeyOrder.compare(a.key, b.key)
            },
            offset: { $0.offset })
        if let duplicate { throw JSONParseError(.duplicateKey, at: duplicate) }
        let sorted = members[mark...].map { (key: $0.key, value: $0.value) }
        members.removeSubrange(mark...)
        return .object(JSONObject(sortedUniqueMembers: sorted))
    }
}
