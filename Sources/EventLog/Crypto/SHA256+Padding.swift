extension SHA256 {
    /// The last one or two blocks of a padded message (FIPS 180-4 §5.1.1): the bytes after the
    /// last whole block, a 1 bit, zero bits up to 448 mod 512, and the message's length in bits
    /// as a 64-bit big-endian integer.
    struct FinalBlocks {
        /// The padded bytes; the second block is used only when `count` is 2.
        private(set) var bytes: (BlockBytes, BlockBytes) = ((0, 0, 0, 0, 0, 0, 0, 0), (0, 0, 0, 0, 0, 0, 0, 0))

        /// How many blocks the padding fills: 2 when the 0x80 byte leaves no room for the
        /// 8-byte length field in the first.
        let count: Int

        /// Pads the end of a message.
        ///
        /// - Parameters:
        ///   - tail: The message bytes after its last whole block, fewer than 64.
        ///   - messageByteCount: The length of the whole message in bytes.
        init(tail: UnsafeRawBufferPointer, messageByteCount: UInt64) {
            precondition(tail.count < blockByteCount, "the tail of a message is shorter than a block")
            count = tail.count < blockByteCount - 8 ? 1 : 2
            let lengthOffset = count * blockByteCount - 8
            withUnsafeMutableBytes(of: &bytes) { buffer in
                buffer.copyMemory(from: tail)
                buffer[tail.count] = 0x80
                buffer.storeBytes(of: (messageByteCount &* 8).bigEndian, toByteOffset: lengthOffset, as: UInt64.self)
            }
        }

        /// Compresses the padded blocks into a hash value.
        ///
        /// - Parameters:
        ///   - state: H(i−1) on entry, the message's final hash value on return.
        ///   - implementation: The compression function to run.
        func compress(into state: inout HashValue, using implementation: Implementation) {
            withUnsafeBytes(of: bytes) { buffer in
                if let start = buffer.baseAddress {
                    SHA256.compress(&state, blocks: start, count: count, using: implementation)
                }
            }
        }
    }
}
