/// The members of a JSON object, sorted by key, keys unique.
///
/// Members are kept in ``JSONKeyOrder`` (unsigned UTF-8 byte order), which is also the
/// order of the canonical form, so writing canonical bytes needs no sort. Lookup by key
/// scans small objects (the usual `data` payload has a handful of fields) and
/// binary-searches larger ones.
public struct JSONObject: Sendable, Equatable {
    /// The members, sorted by the UTF-8 bytes of their keys, without duplicate keys.
    public let members: [(key: String, value: JSONValue)]

    /// An object without members.
    public static let empty = JSONObject(sortedUniqueMembers: [])

    /// Wraps members that are already sorted and unique (the parser's output).
    init(sortedUniqueMembers members: [(key: String, value: JSONValue)]) {
        self.members = members
        #if DEBUG
            _checkInvariants()
        #endif
    }

    /// Creates an object from members in any order.
    ///
    /// Like `Dictionary(uniqueKeysWithValues:)`, this traps when a key occurs twice:
    /// building such an object is a programming mistake, while reading one from input
    /// is reported by ``JSONParser`` as ``JSONParseError/Reason/duplicateKey``.
    ///
    /// - Parameter members: Key–value pairs with distinct keys.
    public init(uniqueKeysWithValues members: [(key: String, value: JSONValue)]) {
        let sorted = members.sorted { JSONKeyOrder.compare($0.key, $1.key) < 0 }
        for i in sorted.indices.dropFirst() {
            precondition(
                !JSONKeyOrder.equal(sorted[i - 1].key, sorted[i].key),
                "JSONObject(uniqueKeysWithValues:): duplicate key")
        }
        self.members = sorted
    }

    /// The number of members.
    public var count: Int { members.count }

    /// Whether the object has no members.
    public var isEmpty: Bool { members.isEmpty }

    /// The keys, in sorted order.
    public var keys: [String] { members.map(\.key) }

    /// The value of the member whose key has exactly the UTF-8 bytes of `key`.
    ///
    /// - Parameter key: The key to look up.
    /// - Returns: The member's value, or `nil` when there is no such member.
    /// - Complexity: O(*n*) for up to 8 members, O(log *n*) above.
    public subscript(key: String) -> JSONValue? {
        guard let index = index(forKey: key) else { return nil }
        return members[index].value
    }

    /// The position of the member with the given key.
    ///
    /// - Parameter key: The key to look up.
    /// - Returns: The index into ``members``, or `nil`.
    public func index(forKey key: String) -> Int? {
        var key = key
        return key.withUTF8 { wanted in
            if members.count <= 8 {
                for i in members.indices {
                    var candidate = members[i].key
                    let found = candidate.withUTF8 { $0.count == wanted.count && JSONKeyOrder.compare($0, wanted) == 0 }
                    if found { return i }
                }
                return nil
            }
            var low = 0
            var high = members.count
            while low < high {
                let mid = (low + high) / 2
                var candidate = members[mid].key
                let order = candidate.withUTF8 { JSONKeyOrder.compare($0, wanted) }
                if order == 0 { return mid }
                if order < 0 { low = mid + 1 } else { high = mid }
            }
            return nil
        }
    }

    /// Exact equality: the same keys (by bytes) with exactly equal values.
    ///
    /// - Parameters:
    ///   - lhs: An object.
    ///   - rhs: Another object.
    /// - Returns: `true` when both have the same canonical form.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.members.count == rhs.members.count else { return false }
        for (a, b) in zip(lhs.members, rhs.members) {
            guard JSONKeyOrder.equal(a.key, b.key), a.value == b.value else { return false }
        }
        return true
    }

    #if DEBUG
        /// Traps unless the members are strictly increasing by key bytes.
        func _checkInvariants() {
            for i in members.indices.dropFirst() {
                assert(JSONKeyOrder.compare(members[i - 1].key, members[i].key) < 0, "JSONObject members out of order")
            }
        }
    #endif
}
