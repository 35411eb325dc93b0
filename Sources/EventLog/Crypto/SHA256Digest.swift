/// A SHA-256 digest: the 256-bit message digest H(N) of FIPS 180-4 §6.2.2.
///
/// Held as the eight 32-bit words H0…H7 in stored properties, so a digest is a 32-byte value
/// with no heap storage. Its byte form is those words in big-endian order (FIPS 180-4 §3.1,
/// §6.2.2), which is also what `hex`, `bytes` and `withUnsafeBytes(_:)` show.
public struct SHA256Digest: Hashable, Sendable, CustomStringConvertible {
    /// The length of a digest in bytes.
    public static let byteCount = 32

    /// H0…H7 in host byte order.
    let words: SHA256.HashValue

    /// Wraps a final hash value.
    ///
    /// - Parameters:
    ///   - words: H0…H7, the hash value after the last block.
    init(words: SHA256.HashValue) {
        self.words = words
    }

    /// Creates a digest from its 32 bytes.
    ///
    /// - Parameters:
    ///   - bytes: Exactly `SHA256Digest.byteCount` bytes, in the order `bytes` returns them.
    ///     Any other count is a programming error.
    public init(bytes: some Collection<UInt8>) {
        precondition(bytes.count == Self.byteCount, "a SHA-256 digest has 32 bytes, got \(bytes.count)")
        var words: SHA256.HashValue = (0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &words) { buffer in
            for (index, byte) in zip(0..., bytes) {
                buffer[index] = byte
            }
            for index in 0..<8 {
                let word = buffer.load(fromByteOffset: 4 * index, as: UInt32.self)
                buffer.storeBytes(of: UInt32(bigEndian: word), toByteOffset: 4 * index, as: UInt32.self)
            }
        }
        self.words = words
    }

    /// Creates a digest from its 32 bytes in memory, as `init(bytes:)` does, with eight loads.
    ///
    /// For the verifier, which reads a stored head for every event.
    ///
    /// - Parameters:
    ///   - bytes: Exactly `SHA256Digest.byteCount` bytes, at any alignment. Any other count is a
    ///     programming error.
    init(bytesIn bytes: UnsafeRawBufferPointer) {
        precondition(bytes.count == Self.byteCount, "a SHA-256 digest has 32 bytes, got \(bytes.count)")
        @inline(__always)
        func word(_ index: Int) -> UInt32 {
            UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: 4 &* index, as: UInt32.self))
        }
        words = (word(0), word(1), word(2), word(3), word(4), word(5), word(6), word(7))
    }

    /// Parses a digest written as hexadecimal.
    ///
    /// - Parameters:
    ///   - hex: Exactly 64 hexadecimal digits, upper or lower case, with no prefix, spaces or
    ///     separators.
    /// - Returns: The digest, or `nil` if `hex` is anything else.
    public init?(hex: String) {
        var bytes: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        let parsed = withUnsafeMutableBytes(of: &bytes) { buffer in
            var digits = hex.utf8.makeIterator()
            for index in 0..<Self.byteCount {
                guard let high = digits.next().flatMap(Self.nibble(ofHexDigit:)),
                    let low = digits.next().flatMap(Self.nibble(ofHexDigit:))
                else { return false }
                buffer[index] = high << 4 | low
            }
            return digits.next() == nil
        }
        guard parsed else { return nil }
        self = Swift.withUnsafeBytes(of: &bytes) { SHA256Digest(bytes: $0) }
    }

    /// The digest as 64 lower-case hexadecimal digits.
    public var hex: String {
        String(unsafeUninitializedCapacity: 2 * Self.byteCount) { text in
            withUnsafeBytes { bytes in
                let digits: StaticString = "0123456789abcdef"
                for (index, byte) in bytes.enumerated() {
                    text[2 * index] = digits.utf8Start[Int(byte >> 4)]
                    text[2 * index + 1] = digits.utf8Start[Int(byte & 0x0f)]
                }
            }
            return 2 * Self.byteCount
        }
    }

    /// The same as `hex`.
    public var description: String {
        hex
    }

    /// The digest's 32 bytes, in the order of FIPS 180-4 §6.2.2 (H0 first, each word big-endian).
    public var bytes: [UInt8] {
        withUnsafeBytes { Array($0) }
    }

    /// Calls `body` with the digest's 32 bytes, without allocating.
    ///
    /// - Parameters:
    ///   - body: A closure that reads the bytes; the pointer is valid only during the call.
    /// - Returns: What `body` returns.
    /// - Throws: What `body` throws.
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        var bigEndianWords = (
            words.0.bigEndian, words.1.bigEndian, words.2.bigEndian, words.3.bigEndian,
            words.4.bigEndian, words.5.bigEndian, words.6.bigEndian, words.7.bigEndian
        )
        return try Swift.withUnsafeBytes(of: &bigEndianWords, body)
    }

    /// Compares two digests in time that does not depend on where they differ.
    ///
    /// Every word is compared, with no early exit, so the time taken does not reveal how long
    /// a prefix of a forged authentication code was right; `HMACSHA256.isValid` relies on this.
    public static func == (lhs: SHA256Digest, rhs: SHA256Digest) -> Bool {
        let x = lhs.words
        let y = rhs.words
        var difference = x.0 ^ y.0
        difference |= x.1 ^ y.1
        difference |= x.2 ^ y.2
        difference |= x.3 ^ y.3
        difference |= x.4 ^ y.4
        difference |= x.5 ^ y.5
        difference |= x.6 ^ y.6
        difference |= x.7 ^ y.7
        return difference == 0
    }

    /// Feeds the digest's 32 bytes to `hasher`, so equal digests hash equally.
    ///
    /// - Parameters:
    ///   - hasher: The hasher to feed.
    public func hash(into hasher: inout Hasher) {
        withUnsafeBytes { hasher.combine(bytes: $0) }
    }

    /// The value of one ASCII hexadecimal digit.
    ///
    /// - Parameters:
    ///   - digit: A UTF-8 code unit.
    /// - Returns: 0…15, or `nil` if `digit` is not `0`–`9`, `a`–`f` or `A`–`F`.
    private static func nibble(ofHexDigit digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
