/// HMAC-SHA256 (RFC 2104, tested with the RFC 4231 vectors).
///
/// `HMAC(K, m) = H((K0 ⊕ opad) || H((K0 ⊕ ipad) || m))`, where `H` is SHA-256, the block size
/// `B` is 64 bytes, and `K0` is the key padded with zeros to `B` bytes, or, for a key longer than
/// `B`, its SHA-256 digest padded the same way (RFC 2104 §2). Keys shorter than the 32-byte
/// output are allowed but weaken the code (RFC 2104 §3).
///
/// Computing a code allocates nothing on the heap.
public enum HMACSHA256 {
    /// The inner padding byte, `ipad` (RFC 2104 §2).
    private static let innerPad: UInt8 = 0x36

    /// The outer padding byte, `opad` (RFC 2104 §2).
    private static let outerPad: UInt8 = 0x5c

    /// Computes the authentication code of a message.
    ///
    /// - Parameters:
    ///   - message: The message to authenticate.
    ///   - key: The secret key, of any length.
    /// - Returns: The 32-byte HMAC-SHA256 code.
    public static func authenticationCode(for message: [UInt8], key: [UInt8]) -> SHA256Digest {
        message.withUnsafeBytes { authenticationCode(for: $0, key: key) }
    }

    /// Computes the authentication code of a message in memory.
    ///
    /// - Parameters:
    ///   - message: The message to authenticate.
    ///   - key: The secret key, of any length.
    /// - Returns: The 32-byte HMAC-SHA256 code.
    public static func authenticationCode(for message: UnsafeRawBufferPointer, key: [UInt8]) -> SHA256Digest {
        authenticationCode(for: message, key: key, using: .preferred)
    }

    /// Computes the authentication code of a message in memory with a given SHA-256
    /// compression function, for tests.
    ///
    /// - Parameters:
    ///   - message: The message to authenticate.
    ///   - key: The secret key, of any length.
    ///   - implementation: One of `SHA256.Implementation.available`.
    /// - Returns: The 32-byte HMAC-SHA256 code.
    static func authenticationCode(
        for message: UnsafeRawBufferPointer, key: [UInt8], using implementation: SHA256.Implementation
    ) -> SHA256Digest {
        // K0 (RFC 2104 §2, step 1), already XORed with ipad for the inner hash.
        var paddedKey: SHA256.BlockBytes = (0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &paddedKey) { block in
            if key.count > SHA256.blockByteCount {
                var keyHasher = SHA256(implementation: implementation)
                keyHasher.update(key)
                keyHasher.finalize().withUnsafeBytes { block.copyMemory(from: $0) }
            } else {
                key.withUnsafeBytes { block.copyMemory(from: $0) }
            }
            for index in block.indices {
                block[index] ^= innerPad
            }
        }
        var inner = SHA256(implementation: implementation)
        withUnsafeBytes(of: &paddedKey) { inner.update($0) }
        inner.update(message)
        let innerDigest = inner.finalize()

        // Turn K0 ⊕ ipad into K0 ⊕ opad.
        withUnsafeMutableBytes(of: &paddedKey) { block in
            for index in block.indices {
                block[index] ^= innerPad ^ outerPad
            }
        }
        var outer = SHA256(implementation: implementation)
        withUnsafeBytes(of: &paddedKey) { outer.update($0) }
        innerDigest.withUnsafeBytes { outer.update($0) }
        return outer.finalize()
    }

    /// Checks an authentication code, in constant time.
    ///
    /// The comparison looks at all 32 bytes whatever they hold, so its timing does not tell a
    /// forger how many leading bytes of a guess were right.
    ///
    /// - Parameters:
    ///   - code: The code that came with the message.
    ///   - message: The message it claims to authenticate.
    ///   - key: The secret key.
    /// - Returns: `true` if `code` is the message's HMAC-SHA256 under `key`.
    public static func isValid(_ code: SHA256Digest, for message: [UInt8], key: [UInt8]) -> Bool {
        // SHA256Digest's == compares every word without an early exit.
        authenticationCode(for: message, key: key) == code
    }
}
