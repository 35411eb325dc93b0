import CSHA256

extension SHA256 {
    /// Hashes two messages held in memory, side by side where the CPU gains from it.
    ///
    /// One message's compression rounds each wait for the one before (on the SHA extensions
    /// the instruction's latency, not its throughput, is the limit), so the blocks two messages
    /// have in common are compressed together: about 60% of the time of one message after the
    /// other, measured on this project's machine. The portable implementation hashes them one
    /// after the other.
    ///
    /// - Parameters:
    ///   - first: The first message.
    ///   - second: The second message.
    ///   - implementation: The compression function to run.
    /// - Returns: The two messages' SHA-256 digests, in order.
    static func hash(
        _ first: UnsafeRawBufferPointer, _ second: UnsafeRawBufferPointer, using implementation: Implementation = .preferred
    ) -> (SHA256Digest, SHA256Digest) {
        guard implementation == .shaExtensions, let firstStart = first.baseAddress, let secondStart = second.baseAddress else {
            return (hash(first, using: implementation), hash(second, using: implementation))
        }
        var firstState = initialHashValue
        var secondState = initialHashValue
        let firstBlocks = first.count / blockByteCount
        let secondBlocks = second.count / blockByteCount
        let sharedBlocks = min(firstBlocks, secondBlocks)
        compressSideBySide(&firstState, firstStart, &secondState, secondStart, count: sharedBlocks)
        // The longer message's remaining whole blocks.
        if firstBlocks > sharedBlocks {
            compress(
                &firstState, blocks: firstStart + sharedBlocks * blockByteCount, count: firstBlocks - sharedBlocks,
                using: .shaExtensions)
        }
        if secondBlocks > sharedBlocks {
            compress(
                &secondState, blocks: secondStart + sharedBlocks * blockByteCount, count: secondBlocks - sharedBlocks,
                using: .shaExtensions)
        }
        let firstTail = FinalBlocks(
            tail: UnsafeRawBufferPointer(rebasing: first[(firstBlocks * blockByteCount)...]), messageByteCount: UInt64(first.count))
        let secondTail = FinalBlocks(
            tail: UnsafeRawBufferPointer(rebasing: second[(secondBlocks * blockByteCount)...]),
            messageByteCount: UInt64(second.count))
        if firstTail.count == secondTail.count {
            withUnsafeBytes(of: firstTail.bytes) { firstPadded in
                withUnsafeBytes(of: secondTail.bytes) { secondPadded in
                    if let firstPaddedStart = firstPadded.baseAddress, let secondPaddedStart = secondPadded.baseAddress {
                        compressSideBySide(&firstState, firstPaddedStart, &secondState, secondPaddedStart, count: firstTail.count)
                    }
                }
            }
        } else {
            firstTail.compress(into: &firstState, using: .shaExtensions)
            secondTail.compress(into: &secondState, using: .shaExtensions)
        }
        return (SHA256Digest(words: firstState), SHA256Digest(words: secondState))
    }

    /// `hash(concatenating:_:)` of two pairs of digests, side by side where the CPU gains from it.
    ///
    /// - Parameters:
    ///   - first: The two halves of the first 64-byte message.
    ///   - second: The two halves of the second.
    ///   - implementation: The compression function to run.
    /// - Returns: `SHA-256(first.0 || first.1)` and `SHA-256(second.0 || second.1)`.
    static func hash(
        concatenating first: (SHA256Digest, SHA256Digest), and second: (SHA256Digest, SHA256Digest),
        using implementation: Implementation = .preferred
    ) -> (SHA256Digest, SHA256Digest) {
        guard implementation == .shaExtensions else {
            return (
                hash(concatenating: first.0, first.1, using: implementation),
                hash(concatenating: second.0, second.1, using: implementation)
            )
        }
        var firstMessage = linkMessage(first.0, first.1)
        var secondMessage = linkMessage(second.0, second.1)
        var firstState = initialHashValue
        var secondState = initialHashValue
        withUnsafeBytes(of: &firstMessage) { firstBytes in
            withUnsafeBytes(of: &secondMessage) { secondBytes in
                if let firstStart = firstBytes.baseAddress, let secondStart = secondBytes.baseAddress {
                    compressSideBySide(&firstState, firstStart, &secondState, secondStart, count: 2)
                }
            }
        }
        return (SHA256Digest(words: firstState), SHA256Digest(words: secondState))
    }

    /// The two padded blocks of the 64-byte message `first || second`, laid out in memory as
    /// they appear in the message.
    ///
    /// Each word stored big-endian puts the digests' bytes in message order (FIPS 180-4 §3.1);
    /// the second block is the padding of a 512-bit message (§5.1.1).
    ///
    /// - Parameters:
    ///   - first: The first 32 bytes of the message.
    ///   - second: The last 32 bytes of the message.
    /// - Returns: 128 bytes, ready for `compress(_:blocks:count:using:)`.
    @inline(__always)
    static func linkMessage(_ first: SHA256Digest, _ second: SHA256Digest) -> (MessageBlock, MessageBlock) {
        let x = first.words
        let y = second.words
        return (
            (
                x.0.bigEndian, x.1.bigEndian, x.2.bigEndian, x.3.bigEndian,
                x.4.bigEndian, x.5.bigEndian, x.6.bigEndian, x.7.bigEndian,
                y.0.bigEndian, y.1.bigEndian, y.2.bigEndian, y.3.bigEndian,
                y.4.bigEndian, y.5.bigEndian, y.6.bigEndian, y.7.bigEndian
            ),
            (UInt32(0x8000_0000).bigEndian, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, UInt32(512).bigEndian)
        )
    }

    /// Compresses `count` blocks of each of two messages with the SHA extensions, interleaved.
    ///
    /// - Parameters:
    ///   - firstState: The first message's hash value, updated.
    ///   - firstBlocks: `count` × 64 bytes of the first message.
    ///   - secondState: The second message's hash value, updated.
    ///   - secondBlocks: `count` × 64 bytes of the second message.
    ///   - count: How many blocks of each.
    private static func compressSideBySide(
        _ firstState: inout HashValue, _ firstBlocks: UnsafeRawPointer,
        _ secondState: inout HashValue, _ secondBlocks: UnsafeRawPointer, count: Int
    ) {
        guard count > 0 else { return }
        withUnsafeMutablePointer(to: &firstState) { first in
            withUnsafeMutablePointer(to: &secondState) { second in
                // A homogeneous tuple is laid out as an array of its element type.
                first.withMemoryRebound(to: UInt32.self, capacity: 8) { firstWords in
                    second.withMemoryRebound(to: UInt32.self, capacity: 8) { secondWords in
                        ironcage_sha256_compress_blocks_x2(firstWords, firstBlocks, secondWords, secondBlocks, count)
                    }
                }
            }
        }
    }
}
