@testable import EventLog
import Testing

/// Hashing two messages side by side (`SHA256+Pairs.swift`) must give each message's own
/// digest, whatever their lengths: shared whole blocks, the longer one's extra blocks, and
/// final padding of one or two blocks each (FIPS 180-4 §5.1.1).
@Suite("SHA-256 pairs")
struct SHA256PairTests {
    @Test(
        "hashes two messages at once to each one's digest, for lengths across the block and padding boundaries",
        arguments: SHA256.Implementation.available
    )
    func pairsOfLengths(implementation: SHA256.Implementation) {
        var generator = SplitMix64(seed: 0x7061_6972)
        let lengths = [0, 1, 55, 56, 63, 64, 65, 119, 120, 128, 191, 300, 331, 347, 400]
        let buffer = generator.bytes(count: 2 * 400 + 3)
        for firstLength in lengths {
            for secondLength in lengths {
                // The second message starts at an odd offset, as leaf messages in the verifier's buffer do.
                let (first, second) = buffer.withUnsafeBytes { bytes in
                    SHA256.hash(
                        UnsafeRawBufferPointer(rebasing: bytes[0..<firstLength]),
                        UnsafeRawBufferPointer(rebasing: bytes[(firstLength + 3)..<(firstLength + 3 + secondLength)]),
                        using: implementation)
                }
                #expect(first == SHA256.hash(Array(buffer[0..<firstLength])), "\(firstLength) and \(secondLength) bytes")
                #expect(
                    second == SHA256.hash(Array(buffer[(firstLength + 3)..<(firstLength + 3 + secondLength)])),
                    "\(firstLength) and \(secondLength) bytes")
            }
        }
    }

    @Test("hashes two pairs of concatenated digests at once to each pair's link", arguments: SHA256.Implementation.available)
    func pairsOfLinks(implementation: SHA256.Implementation) {
        var generator = SplitMix64(seed: 0x6c69_6e6b_73)
        for _ in 0..<50 {
            let digests = (0..<4).map { _ in SHA256Digest(bytes: generator.bytes(count: 32)) }
            let (first, second) = SHA256.hash(
                concatenating: (digests[0], digests[1]), and: (digests[2], digests[3]), using: implementation)
            #expect(first == SHA256.hash(digests[0].bytes + digests[1].bytes))
            #expect(second == SHA256.hash(digests[2].bytes + digests[3].bytes))
        }
    }

    @Test("computes two chain links at once as next(after:leaf:) computes each", arguments: SHA256.Implementation.available)
    func pairsOfChainLinks(implementation: SHA256.Implementation) {
        var generator = SplitMix64(seed: 0x6368_6169_6e)
        for (firstLength, secondLength) in [(0, 0), (290, 345), (345, 290), (54, 55), (62, 63), (1000, 3)] {
            let previous = (SHA256Digest(bytes: generator.bytes(count: 32)), SHA256Digest(bytes: generator.bytes(count: 32)))
            let bodies = (generator.bytes(count: firstLength), generator.bytes(count: secondLength))
            let messages = ([HashChain.leafPrefix] + bodies.0, [HashChain.leafPrefix] + bodies.1)
            let heads = messages.0.withUnsafeBytes { first in
                messages.1.withUnsafeBytes { second in
                    HashChain.next(after: previous, leafMessages: (first, second), using: implementation)
                }
            }
            let expected = (
                bodies.0.withUnsafeBytes { HashChain.next(after: previous.0, leaf: HashChain.leaf(of: $0)) },
                bodies.1.withUnsafeBytes { HashChain.next(after: previous.1, leaf: HashChain.leaf(of: $0)) }
            )
            #expect(heads.0 == expected.0, "bodies of \(firstLength) and \(secondLength) bytes")
            #expect(heads.1 == expected.1, "bodies of \(firstLength) and \(secondLength) bytes")
        }
    }
}
