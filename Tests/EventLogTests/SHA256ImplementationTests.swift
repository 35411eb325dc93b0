@testable import EventLog
import Testing

/// The SHA extensions against the portable Swift compression, the reference (FIPS 180-4
/// §6.2.2). The published vectors run on both in `SHA256Tests` and `HMACSHA256Tests`; these
/// tests cover the lengths, splits and alignments the vectors do not.
@Suite("SHA-256 implementations", .enabled(if: SHA256.Implementation.preferred != .portable, "no SHA extensions on this CPU"))
struct SHA256ImplementationTests {
    static let hardware = SHA256.Implementation.preferred

    @Test("prefers the SHA extensions where the CPU has them, as CPUID leaf 7 says")
    func preferredIsAvailable() {
        #expect(SHA256.Implementation.available == [.portable, .shaExtensions])
    }

    @Test("agree on pseudo-random messages of every length from 0 to 1000 bytes")
    func everyLength() {
        var generator = SplitMix64(seed: 0x4e49_5348_4132)
        for length in 0...1000 {
            let message = generator.bytes(count: length)
            let reference = SHA256Tests.hash(message, using: .portable)
            #expect(SHA256Tests.hash(message, using: Self.hardware) == reference, "length \(length)")
        }
    }

    @Test(
        "agree on multi-block messages read at every alignment from 0 to 15 bytes",
        arguments: [128, 191, 200, 320, 447, 1024, 4099]
    )
    func multiBlockAlignments(length: Int) {
        var generator = SplitMix64(seed: UInt64(length))
        let message = generator.bytes(count: length)
        let reference = SHA256Tests.hash(message, using: .portable)
        for start in 0..<16 {
            let buffer = [UInt8](repeating: 0xa5, count: start) + message + [0x5a]
            let digest = buffer.withUnsafeBytes { bytes in
                var hasher = SHA256(implementation: Self.hardware)
                hasher.update(UnsafeRawBufferPointer(rebasing: bytes[start..<(start + length)]))
                return hasher.finalize()
            }
            #expect(digest == reference, "length \(length) at offset \(start)")
        }
    }

    @Test("agree however a multi-block message is split, as the chain's leaves are fed (0x00, then the body)")
    func multiBlockSplits() {
        var generator = SplitMix64(seed: 0x6c65_6166)
        let message = generator.bytes(count: 333)
        let reference = SHA256Tests.hash(message, using: .portable)
        for split in [1, 2, 31, 63, 64, 65, 127, 128, 129, 200, 332] {
            var hasher = SHA256(implementation: Self.hardware)
            hasher.update(Array(message[..<split]))
            hasher.update(Array(message[split...]))
            #expect(hasher.finalize() == reference, "split at \(split)")
        }
    }

    @Test("agree on SHA-256 of two concatenated digests, the chain's link step")
    func concatenatedDigests() {
        var generator = SplitMix64(seed: 0x6c69_6e6b)
        for _ in 0..<200 {
            let first = SHA256Digest(bytes: generator.bytes(count: 32))
            let second = SHA256Digest(bytes: generator.bytes(count: 32))
            let reference = SHA256Tests.hash(first.bytes + second.bytes, using: .portable)
            #expect(SHA256.hash(concatenating: first, second, using: .portable) == reference)
            #expect(SHA256.hash(concatenating: first, second, using: Self.hardware) == reference)
        }
    }
}
