@testable import EventLog
import Testing

@Suite("SHA256Digest")
struct SHA256DigestTests {
    /// SHA-256("abc") from FIPS 180-4's example, as hex and as bytes.
    static let abcHex = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    static let abcBytes: [UInt8] = [
        0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41, 0x40, 0xde, 0x5d, 0xae, 0x22, 0x23,
        0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17, 0x7a, 0x9c, 0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15, 0xad,
    ]

    @Test("exposes its bytes in FIPS 180-4 order, H0 first and big-endian")
    func bytesInStandardOrder() {
        let digest = SHA256.hash("abc")
        #expect(digest.bytes == Self.abcBytes)
        #expect(digest.withUnsafeBytes { Array($0) } == Self.abcBytes)
        #expect(SHA256Digest(bytes: Self.abcBytes) == digest)
        #expect(SHA256Digest(bytes: Self.abcBytes[...]) == digest)
        // The verifier's reader, at an odd offset as a stored head may lie.
        let unaligned = [0xff] + Self.abcBytes
        #expect(unaligned.withUnsafeBytes { SHA256Digest(bytesIn: UnsafeRawBufferPointer(rebasing: $0.dropFirst())) } == digest)
    }

    @Test("writes lower-case hex as its description")
    func hexAndDescription() {
        let digest = SHA256Digest(bytes: Self.abcBytes)
        #expect(digest.hex == Self.abcHex)
        #expect(digest.description == Self.abcHex)
        #expect("\(digest)" == Self.abcHex)
    }

    @Test("round-trips through hex in either case")
    func hexRoundTrip() {
        var generator = SplitMix64(seed: 32)
        for _ in 0..<100 {
            let digest = SHA256Digest(bytes: generator.bytes(count: 32))
            #expect(SHA256Digest(hex: digest.hex) == digest)
            #expect(SHA256Digest(hex: digest.hex.uppercased()) == digest)
        }
        #expect(SHA256Digest(hex: "BA7816BF8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015AD")?.bytes == Self.abcBytes)
    }

    /// Strings that are not 64 hex digits, each one step away from a valid digest.
    static let malformedHex: [String] = {
        let valid = abcHex
        let sixtyThree = String(valid.dropLast())
        let sixtyTwo = String(valid.dropLast(2))
        var cases: [String] = [""]
        cases.append(sixtyThree)  // 63 digits
        cases.append(valid + "0")  // 65 digits
        cases.append("0x" + sixtyTwo)  // a prefix
        cases.append(sixtyThree + "g")
        cases.append(sixtyThree + " ")
        cases.append(" " + sixtyThree)
        cases.append(sixtyTwo + "é")  // 63 characters but 64 UTF-8 bytes
        cases.append(sixtyThree + "٣")  // an Arabic-Indic digit
        cases.append(String(repeating: "zz", count: 32))
        return cases
    }()

    @Test("rejects hex that is not exactly 64 hex digits", arguments: malformedHex)
    func rejectsMalformedHex(text: String) {
        #expect(SHA256Digest(hex: text) == nil)
    }

    @Test("compares and hashes by value")
    func equalityAndHashing() {
        let abc = SHA256.hash("abc")
        let again = SHA256Digest(bytes: Self.abcBytes)
        let other = SHA256.hash("abd")
        #expect(abc == again)
        #expect(abc != other)
        #expect(abc.hashValue == again.hashValue)
        #expect(Set([abc, again, other]).count == 2)
        // Digests that differ only in their last word are still unequal.
        var lastByteFlipped = Self.abcBytes
        lastByteFlipped[31] ^= 0x01
        #expect(SHA256Digest(bytes: lastByteFlipped) != abc)
    }
}
