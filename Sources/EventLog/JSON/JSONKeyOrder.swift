/// Byte-wise comparison of strings, the order IronCage sorts object keys in.
///
/// Keys are ordered by their UTF-8 bytes taken as unsigned numbers (memcmp order).
/// This agrees with Unicode code point order, and differs from the UTF-16 code unit
/// order of RFC 8785 (JSON Canonicalization Scheme) §3.2.3 only for keys that mix
/// characters U+E000–U+FFFF with characters above U+FFFF at the same position.
///
/// Swift's own `String` comparison applies Unicode canonical equivalence (so that
/// "é" precomposed equals "e" + U+0301), which would make two different byte strings
/// count as one key; that is why this type compares bytes.
enum JSONKeyOrder {
    /// Three-way comparison of the UTF-8 bytes of two strings.
    ///
    /// - Parameters:
    ///   - a: A string.
    ///   - b: Another string.
    /// - Returns: A negative number, zero or a positive number as `a` sorts before, the
    ///   same as, or after `b`.
    @inline(__always)
    static func compare(_ a: String, _ b: String) -> Int {
        var a = a
        var b = b
        return a.withUTF8 { x in b.withUTF8 { y in compare(x, y) } }
    }

    /// Three-way comparison of two byte strings, unsigned, shorter prefix first.
    ///
    /// - Parameters:
    ///   - x: Bytes.
    ///   - y: Other bytes.
    /// - Returns: A negative number, zero or a positive number as `x` sorts before, the
    ///   same as, or after `y`.
    @inline(__always)
    static func compare(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Int {
        let n = min(x.count, y.count)
        var i = 0
        while i < n {
            let a = x[i]
            let b = y[i]
            if a != b { return a < b ? -1 : 1 }
            i += 1
        }
        return x.count - y.count
    }

    /// Tells whether two strings have the same UTF-8 bytes.
    ///
    /// - Parameters:
    ///   - a: A string.
    ///   - b: Another string.
    /// - Returns: `true` when the bytes are identical.
    @inline(__always)
    static func equal(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        return compare(a, b) == 0
    }

    /// The first eight UTF-8 bytes of a key as a big-endian number, zero-padded.
    ///
    /// Comparing prefixes first settles most comparisons in one instruction; equal
    /// prefixes fall back to ``compare(_:_:)-(String,String)``.
    ///
    /// - Parameter bytes: The key's UTF-8 bytes.
    /// - Returns: The prefix.
    @inline(__always)
    static func prefix(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        if bytes.count >= 8, let base = bytes.baseAddress {
            return UInt64(bigEndian: UnsafeRawPointer(base).loadUnaligned(as: UInt64.self))
        }
        var value: UInt64 = 0
        for byte in bytes {
            value = value << 8 | UInt64(byte)
        }
        // Overshifting gives 0 (the empty key), as Swift's `<<` is a smart shift.
        return value << (8 * (8 - bytes.count))
    }
}
