@testable import EventLog
import Testing

@Suite("HMAC-SHA256")
struct HMACSHA256Tests {
    /// One test case of RFC 4231 §4.
    struct RFC4231Case: Sendable, CustomTestStringConvertible {
        let number: Int
        let key: [UInt8]
        let data: [UInt8]
        let hmacSHA256: String

        var testDescription: String { "RFC 4231 test case \(number)" }
    }

    /// RFC 4231 §4.2–§4.8, the HMAC-SHA-256 results; case 5 (§4.6) is in its own test because
    /// the RFC publishes only its first 128 bits.
    static let rfc4231Cases: [RFC4231Case] = [
        RFC4231Case(
            number: 1,
            key: [UInt8](repeating: 0x0b, count: 20),
            data: Array("Hi There".utf8),
            hmacSHA256: "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
        ),
        RFC4231Case(
            number: 2,
            key: Array("Jefe".utf8),
            data: Array("what do ya want for nothing?".utf8),
            hmacSHA256: "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        ),
        RFC4231Case(
            number: 3,
            key: [UInt8](repeating: 0xaa, count: 20),
            data: [UInt8](repeating: 0xdd, count: 50),
            hmacSHA256: "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"
        ),
        RFC4231Case(
            number: 4,
            key: Array(0x01...0x19),
            data: [UInt8](repeating: 0xcd, count: 50),
            hmacSHA256: "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"
        ),
        // Cases 6 and 7: a 131-byte key, longer than the 64-byte block, which must be hashed first.
        RFC4231Case(
            number: 6,
            key: [UInt8](repeating: 0xaa, count: 131),
            data: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
            hmacSHA256: "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        ),
        RFC4231Case(
            number: 7,
            key: [UInt8](repeating: 0xaa, count: 131),
            data: Array(
                ("This is a test using a larger than block-size key and a larger than block-size data."
                    + " The key needs to be hashed before being used by the HMAC algorithm.").utf8
            ),
            hmacSHA256: "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"
        ),
    ]

    @Test("computes the RFC 4231 HMAC-SHA-256 results", arguments: rfc4231Cases, SHA256.Implementation.available)
    func rfc4231(testCase: RFC4231Case, implementation: SHA256.Implementation) {
        let code = testCase.data.withUnsafeBytes {
            HMACSHA256.authenticationCode(for: $0, key: testCase.key, using: implementation)
        }
        #expect(code.hex == testCase.hmacSHA256)
        #expect(HMACSHA256.authenticationCode(for: testCase.data, key: testCase.key) == code)
        #expect(HMACSHA256.isValid(code, for: testCase.data, key: testCase.key))
    }

    @Test("matches the truncated 128-bit result of RFC 4231 test case 5", arguments: SHA256.Implementation.available)
    func rfc4231TruncatedCase5(implementation: SHA256.Implementation) {
        let code = Array("Test With Truncation".utf8).withUnsafeBytes {
            HMACSHA256.authenticationCode(for: $0, key: [UInt8](repeating: 0x0c, count: 20), using: implementation)
        }
        // RFC 4231 §4.6 gives only the first 128 bits: a3b6167473100ee06e0c796c2955552b.
        let published: [UInt8] = [
            0xa3, 0xb6, 0x16, 0x74, 0x73, 0x10, 0x0e, 0xe0, 0x6e, 0x0c, 0x79, 0x6c, 0x29, 0x55, 0x55, 0x2b,
        ]
        #expect(Array(code.bytes.prefix(16)) == published)
    }

    @Test("rejects a code with any single bit flipped")
    func rejectsOneBitFlips() {
        let key = Array("Jefe".utf8)
        let message = Array("what do ya want for nothing?".utf8)
        let bytes = HMACSHA256.authenticationCode(for: message, key: key).bytes
        for bit in 0..<8 * SHA256Digest.byteCount {
            var flipped = bytes
            flipped[bit / 8] ^= 1 << (bit % 8)
            #expect(!HMACSHA256.isValid(SHA256Digest(bytes: flipped), for: message, key: key), "bit \(bit)")
        }
    }

    @Test("rejects a correct code under a different key")
    func rejectsWrongKey() {
        let message = Array("what do ya want for nothing?".utf8)
        let code = HMACSHA256.authenticationCode(for: message, key: Array("Jefe".utf8))
        #expect(!HMACSHA256.isValid(code, for: message, key: Array("Jeff".utf8)))
    }

    @Test("treats a 64-byte key as a block and a 65-byte key as its hash")
    func keyLengthAtBlockSize() {
        // RFC 2104 §2: keys up to B = 64 bytes are zero-padded; longer keys are hashed first,
        // so a 65-byte key must give the same code as its 32-byte digest used as the key.
        let message = Array("event 42".utf8)
        let longKey = [UInt8](repeating: 0x5a, count: 65)
        #expect(
            HMACSHA256.authenticationCode(for: message, key: longKey)
                == HMACSHA256.authenticationCode(for: message, key: SHA256.hash(longKey).bytes)
        )
        let blockKey = [UInt8](repeating: 0x5a, count: 64)
        #expect(
            HMACSHA256.authenticationCode(for: message, key: blockKey)
                != HMACSHA256.authenticationCode(for: message, key: SHA256.hash(blockKey).bytes)
        )
    }
}
