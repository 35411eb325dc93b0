/// A compact binary record for the projection store: integers as variable-length
/// (LEB128) zigzag numbers and length-prefixed UTF-8 strings, read back in the order
/// written. Cheaper to write and read than JSON on the audit's hot path, and small: a
/// fact's row is a third smaller than with fixed-width numbers, so more of them fit a page.
struct BinaryRecordWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 128) {
        bytes.reserveCapacity(capacity)
    }

    var count: Int { bytes.count }

    /// Empties the record, keeping its storage for the next one.
    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
    }

    func withBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try bytes.withUnsafeBytes(body)
    }

    /// Bytes written by another writer, as they are.
    mutating func raw(_ other: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: other)
    }

    /// Bytes written by another writer, as they are.
    mutating func raw(_ other: [UInt8]) {
        bytes.append(contentsOf: other)
    }

    /// A string given as its UTF-8 bytes (which the caller has checked are UTF-8).
    mutating func string(utf8: UnsafeRawBufferPointer) {
        unsigned(UInt64(utf8.count) + 1)
        bytes.append(contentsOf: utf8)
    }

    /// A signed number: small magnitudes, either sign, take few bytes.
    mutating func integer(_ value: Int64) {
        unsigned(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    /// A string, or none (nil) — distinct from the empty string. The length is written plus
    /// one; zero stands for none.
    mutating func string(_ text: String?) {
        guard var text else {
            unsigned(0)
            return
        }
        // Through its contiguous UTF-8, which appends as one copy rather than byte by byte.
        text.withUTF8 { utf8 in
            unsigned(UInt64(utf8.count) + 1)
            bytes.append(contentsOf: utf8)
        }
    }

    private mutating func unsigned(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }
}

/// Reads what `BinaryRecordWriter` wrote; every read is nil past the end or on damage.
struct BinaryRecordReader {
    let bytes: UnsafeRawBufferPointer
    private(set) var offset = 0

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    var isAtEnd: Bool { offset >= bytes.count }

    mutating func integer() -> Int64? {
        guard let bits = unsigned() else { return nil }
        return Int64(bitPattern: bits >> 1) ^ -Int64(bitPattern: bits & 1)
    }

    /// How many items follow: nil unless 0 ≤ n ≤ the record's size (each item takes a byte
    /// at least), so that a damaged record cannot ask for a huge allocation.
    mutating func count() -> Int? {
        guard let value = integer(), value >= 0, value <= Int64(bytes.count) else { return nil }
        return Int(value)
    }

    /// `count` bytes as they were written (`BinaryRecordWriter.raw`); nil past the end.
    mutating func raw(count: Int) -> [UInt8]? {
        guard count >= 0, count <= bytes.count - offset else { return nil }
        defer { offset += count }
        return Array(UnsafeRawBufferPointer(rebasing: bytes[offset ..< offset + count]))
    }

    /// Passes over `count` bytes (no further than the end).
    mutating func skip(_ count: Int) {
        offset = min(bytes.count, offset + max(0, count))
    }

    /// `.some(nil)` for a string written as none; nil when damaged.
    mutating func string() -> String?? {
        guard let stored = unsigned() else { return nil }
        if stored == 0 { return .some(nil) }
        let length = stored - 1
        guard length <= UInt64(bytes.count - offset) else { return nil }
        // Facts keep absent values as empty strings: many of a bid's are.
        if length == 0 { return .some("") }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset ..< offset + Int(length)]), as: UTF8.self)
        offset += Int(length)
        return .some(text)
    }

    /// A string that must be present: `likely` itself (sharing its storage, not a copy) when
    /// the bytes spell it.
    mutating func requiredString(likely: String) -> String? {
        let start = offset
        guard let stored = unsigned(), stored > 0, stored - 1 <= UInt64(bytes.count - offset) else { return nil }
        let length = stored - 1
        if UnsafeRawBufferPointer(rebasing: bytes[offset ..< offset + Int(length)]).elementsEqual(likely.utf8) {
            offset += Int(length)
            return likely
        }
        offset = start
        return requiredString()
    }

    /// A string that must be present.
    mutating func requiredString() -> String? {
        guard case .some(.some(let text)) = string() else { return nil }
        return text
    }

    private mutating func unsigned() -> UInt64? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count, shift < 64 {
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
        return nil
    }
}
