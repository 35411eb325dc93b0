/// The keys already used in one JSON object being written, to keep them unique.
///
/// ``EventLog/Envelope/parse(line:)-([UInt8])`` refuses duplicate keys (RFC 8259 §4
/// leaves them undefined), so importers drop a repeated key and warn instead of
/// losing the whole record. Objects from records are small; a linear scan over flat
/// storage is faster than hashing for them.
struct KeySet {
    private var bytes: [UInt8] = []
    private var ends: [Int] = []

    /// Whether no key was added since the last ``removeAll()``.
    var isEmpty: Bool { ends.isEmpty }

    /// Adds a key.
    ///
    /// - Parameter key: The key's bytes.
    /// - Returns: `false` when the key was already there (and nothing changed).
    /// - Complexity: O(*n*) in the bytes of the keys so far.
    mutating func insert(_ key: UnsafeRawBufferPointer) -> Bool {
        if contains(key) { return false }
        bytes.append(contentsOf: key)
        ends.append(bytes.count)
        return true
    }

    /// Adds a key held in an array.
    mutating func insert(_ key: [UInt8]) -> Bool {
        key.withUnsafeBytes { insert($0) }
    }

    /// Whether the key is there.
    func contains(_ key: UnsafeRawBufferPointer) -> Bool {
        var start = 0
        return bytes.withUnsafeBytes { stored in
            for end in ends {
                if end - start == key.count, UnsafeRawBufferPointer(rebasing: stored[start..<end]).elementsEqual(key) {
                    return true
                }
                start = end
            }
            return false
        }
    }

    /// Whether the key is there.
    func contains(_ key: StaticString) -> Bool {
        contains(UnsafeRawBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
    }

    /// Forgets every key, keeping the storage.
    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
    }
}
