/// Strict UTF-8 validation of raw bytes, as RFC 3629 defines UTF-8.
///
/// JSON text exchanged between systems must be UTF-8 (RFC 8259 §8.1), and IronCage
/// stores exactly the bytes it hashes, so ill-formed input is rejected rather than
/// repaired with U+FFFD. The accepted sequences are those of the table in
/// RFC 3629 §4: overlong forms (`C0 80`, `E0 80 80`, …), UTF-16 surrogates encoded as
/// UTF-8 (`ED A0 80` … `ED BF BF`), code points above U+10FFFF (`F4 90 …`, `F5`–`FF`)
/// and sequences cut short are all errors.
///
/// Runs of ASCII, which make up most event lines, are skipped eight bytes at a time.
public enum UTF8Validation {
    /// Finds the first ill-formed UTF-8 sequence.
    ///
    /// - Parameter bytes: The bytes to check.
    /// - Returns: The offset of the first byte of the first ill-formed sequence (for a
    ///   truncated or otherwise broken multi-byte sequence, the offset of its lead byte),
    ///   or `nil` when all of `bytes` is well-formed UTF-8.
    /// - Complexity: O(*n*), where *n* is `bytes.count`.
    public static func firstInvalidByteOffset(in bytes: UnsafeRawBufferPointer) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        return firstInvalidByteOffset(base.assumingMemoryBound(to: UInt8.self), count: bytes.count)
    }

    /// Tells whether `bytes` are well-formed UTF-8.
    ///
    /// - Parameter bytes: The bytes to check.
    /// - Returns: `true` when ``firstInvalidByteOffset(in:)`` finds nothing.
    public static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        firstInvalidByteOffset(in: bytes) == nil
    }

    /// The pointer-based core of ``firstInvalidByteOffset(in:)``.
    @inline(__always)
    static func firstInvalidByteOffset(_ p: UnsafePointer<UInt8>, count: Int) -> Int? {
        let raw = UnsafeRawPointer(p)
        var i = 0
        while i < count {
            // ASCII fast path: eight bytes at a time while no high bit is set.
            while i + 8 <= count,
                raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0
            {
                i += 8
            }
            guard i < count else { return nil }
            let lead = p[i]
            if lead < 0x80 {
                i += 1
                continue
            }
            // Second-byte range and sequence length per RFC 3629 §4.
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF:
                length = 2
            case 0xE0:
                length = 3
                low = 0xA0  // below is overlong
            case 0xE1...0xEC, 0xEE...0xEF:
                length = 3
            case 0xED:
                length = 3
                high = 0x9F  // above encodes U+D800...U+DFFF
            case 0xF0:
                length = 4
                low = 0x90  // below is overlong
            case 0xF1...0xF3:
                length = 4
            case 0xF4:
                length = 4
                high = 0x8F  // above is beyond U+10FFFF
            default:
                // 0x80...0xC1 (continuation or overlong two-byte lead), 0xF5...0xFF.
                return i
            }
            guard i + length <= count else { return i }
            let second = p[i + 1]
            guard second >= low, second <= high else { return i }
            if length >= 3 {
                guard p[i + 2] & 0xC0 == 0x80 else { return i }
            }
            if length == 4 {
                guard p[i + 3] & 0xC0 == 0x80 else { return i }
            }
            i += length
        }
        return nil
    }
}
