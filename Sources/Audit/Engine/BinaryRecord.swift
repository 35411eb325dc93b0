/// A compact binary record for the projection store: little-endian integers and
/// length-prefixed UTF-8 strings, read back in the order written. Cheaper to write and
/// read than JSON on the audit's hot path.
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

    mutating func integer(_ value: Int64) {
        let bits = UInt64(bitPattern: value)
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
    }

    /// A string, or none (nil) — distinct from the empty string.
    mutating func string(_ text: String?) {
        guard let text else {
            length(UInt32.max)
            return
        }
        length(UInt32(text.utf8.count))
        bytes.append(contentsOf: text.utf8)
    }

    private mutating func length(_ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
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
        guard let bits = unsigned(8) else { return nil }
        return Int64(bitPattern: bits)
    }

    /// `.some(nil)` for a string written as none; nil when damaged.
    mutating func string() -> String?? {
        guard let length = unsigned(4) else { return nil }
        if length == UInt64(UInt32.max) { return .some(nil) }
        guard offset + Int(length) <= bytes.count else { return nil }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset ..< offset + Int(length)]), as: UTF8.self)
        offset += Int(length)
        return .some(text)
    }

    /// A string that must be present: `likely` itself (sharing its storage, not a copy) when
    /// the bytes spell it.
    mutating func requiredString(likely: String) -> String? {
        let start = offset
        guard let length = unsigned(4), length != UInt64(UInt32.max), offset + Int(length) <= bytes.count else { return nil }
        let stored = UnsafeRawBufferPointer(rebasing: bytes[offset ..< offset + Int(length)])
        if stored.elementsEqual(likely.utf8) {
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

    private mutating func unsigned(_ width: Int) -> UInt64? {
        guard offset + width <= bytes.count else { return nil }
        var value: UInt64 = 0
        for index in 0 ..< width { value |= UInt64(bytes[offset + index]) << UInt64(index * 8) }
        offset += width
        return value
    }
}
