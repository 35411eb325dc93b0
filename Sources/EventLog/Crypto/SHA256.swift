/// Streaming SHA-256 (FIPS 180-4).
///
/// Feed the message in any number of pieces with `update(_:)`, then call `finalize()`; the
/// digest does not depend on how the message was split. For a message already in memory,
/// `SHA256.hash(_:)` does both.
///
/// Whole blocks are compressed straight from the caller's buffer; only the bytes of an
/// incomplete block are copied, into a 64-byte buffer inside the value. Hashing allocates
/// nothing on the heap.
///
/// ```swift
/// var hasher = SHA256()
/// hasher.update("ab")
/// hasher.update("c")
/// hasher.finalize().hex // "ba7816bf…f20015ad"
/// ```
public struct SHA256: Sendable {
    /// The bytes of one message block, as a fixed-size value.
    typealias BlockBytes = (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)

    /// The largest message SHA-256 is defined for, in bytes: fewer than 2⁶⁴ bits (FIPS 180-4 §1).
    static let maximumMessageByteCount: UInt64 = 1 << 61

    /// H(i), the hash value after the last compressed block (FIPS 180-4 §6.2.2).
    private var state: HashValue = SHA256.initialHashValue

    /// Message bytes not yet compressed; the first `pendingCount` bytes are meaningful.
    private var pending: BlockBytes = (0, 0, 0, 0, 0, 0, 0, 0)

    /// How many bytes of `pending` are in use, always less than 64 between calls.
    private var pendingCount = 0

    /// The number of message bytes fed so far, for the length field of the padding.
    private var messageByteCount: UInt64 = 0

    /// The compression function this hasher runs.
    private let implementation: Implementation

    /// Creates a hasher for an empty message.
    public init() {
        implementation = .preferred
    }

    /// Creates a hasher for an empty message that runs a given compression function.
    ///
    /// For tests, which hold every implementation to the same vectors.
    ///
    /// - Parameters:
    ///   - implementation: One of `Implementation.available`.
    init(implementation: Implementation) {
        self.implementation = implementation
    }

    /// Appends bytes to the message.
    ///
    /// - Parameters:
    ///   - bytes: The next bytes of the message. Only the tail that does not fill a whole block
    ///     is copied; the buffer need not be aligned.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        let count = bytes.count
        guard count > 0 else { return }
        let (total, overflow) = messageByteCount.addingReportingOverflow(UInt64(count))
        precondition(!overflow && total < Self.maximumMessageByteCount, "SHA-256 is defined only for messages under 2^64 bits")
        messageByteCount = total

        var offset = 0
        if pendingCount > 0 {
            let start = pendingCount
            let taken = min(Self.blockByteCount - start, count)
            withUnsafeMutableBytes(of: &pending) { buffer in
                UnsafeMutableRawBufferPointer(rebasing: buffer[start..<start + taken])
                    .copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[0..<taken]))
            }
            pendingCount = start + taken
            offset = taken
            guard pendingCount == Self.blockByteCount else { return }
            var block = pending
            withUnsafeBytes(of: &block) { buffer in
                if let start = buffer.baseAddress {
                    Self.compress(&state, blocks: start, count: 1, using: implementation)
                }
            }
            pendingCount = 0
        }
        let wholeBlocks = (count - offset) / Self.blockByteCount
        if wholeBlocks > 0, let start = bytes.baseAddress {
            Self.compress(&state, blocks: start + offset, count: wholeBlocks, using: implementation)
            offset += wholeBlocks * Self.blockByteCount
        }
        if offset < count {
            withUnsafeMutableBytes(of: &pending) { buffer in
                buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset...]))
            }
            pendingCount = count - offset
        }
    }

    /// Appends bytes to the message.
    ///
    /// - Parameters:
    ///   - bytes: The next bytes of the message.
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Appends a string's UTF-8 encoding to the message.
    ///
    /// - Parameters:
    ///   - string: The next part of the message; its UTF-8 bytes are hashed, with no terminator.
    public mutating func update(_ string: String) {
        var utf8 = string
        utf8.withUTF8 { update(UnsafeRawBufferPointer($0)) }
    }

    /// Pads the message and returns its digest (FIPS 180-4 §5.1.1, §6.2.2).
    ///
    /// `finalize()` is `consuming`: it pads and compresses a value of its own and never changes
    /// the caller's state, so nothing needs resetting. A variable used again afterwards still
    /// holds the message so far (Swift copies the hasher for the call), which makes it cheap to
    /// hash several messages that share a prefix.
    ///
    /// - Returns: The SHA-256 digest of everything passed to `update(_:)`.
    public consuming func finalize() -> SHA256Digest {
        let tail = withUnsafeBytes(of: pending) { pendingBytes in
            FinalBlocks(tail: UnsafeRawBufferPointer(rebasing: pendingBytes[..<pendingCount]), messageByteCount: messageByteCount)
        }
        tail.compress(into: &state, using: implementation)
        return SHA256Digest(words: state)
    }

    /// Hashes a message held in memory.
    ///
    /// - Parameters:
    ///   - bytes: The whole message.
    /// - Returns: Its SHA-256 digest.
    public static func hash(_ bytes: UnsafeRawBufferPointer) -> SHA256Digest {
        hash(bytes, using: .preferred)
    }

    /// Hashes a message held in memory with a given compression function.
    ///
    /// - Parameters:
    ///   - bytes: The whole message.
    ///   - implementation: One of `Implementation.available`.
    /// - Returns: Its SHA-256 digest.
    static func hash(_ bytes: UnsafeRawBufferPointer, using implementation: Implementation) -> SHA256Digest {
        var hasher = SHA256(implementation: implementation)
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// Hashes a message held in an array.
    ///
    /// - Parameters:
    ///   - bytes: The whole message.
    /// - Returns: Its SHA-256 digest.
    public static func hash(_ bytes: [UInt8]) -> SHA256Digest {
        bytes.withUnsafeBytes { hash($0) }
    }

    /// Hashes a string's UTF-8 encoding.
    ///
    /// - Parameters:
    ///   - string: The whole message; its UTF-8 bytes are hashed, with no terminator.
    /// - Returns: Its SHA-256 digest.
    public static func hash(_ string: String) -> SHA256Digest {
        var hasher = SHA256()
        hasher.update(string)
        return hasher.finalize()
    }

    /// Hashes the 64-byte message `first.bytes + second.bytes` without touching memory.
    ///
    /// The message is exactly one block, so its words are the two digests' words (both are
    /// big-endian in byte form, FIPS 180-4 §3.1), and the padding block is a constant
    /// (§5.1.1: 0x80, zeros, and the length 512).
    ///
    /// With the SHA extensions the two blocks are laid out in memory, by `linkMessage`, as the
    /// instructions read them, which costs a few stores.
    ///
    /// - Parameters:
    ///   - first: The first 32 bytes of the message.
    ///   - second: The last 32 bytes of the message.
    ///   - implementation: The compression function to run.
    /// - Returns: `SHA-256(first || second)`.
    static func hash(
        concatenating first: SHA256Digest, _ second: SHA256Digest, using implementation: Implementation = .preferred
    ) -> SHA256Digest {
        let x = first.words
        let y = second.words
        var state = initialHashValue
        switch implementation {
        case .portable:
            compressInline(&state, (x.0, x.1, x.2, x.3, x.4, x.5, x.6, x.7, y.0, y.1, y.2, y.3, y.4, y.5, y.6, y.7))
            compressInline(&state, (0x8000_0000, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 512))
        case .shaExtensions:
            var message = linkMessage(first, second)
            withUnsafeBytes(of: &message) { buffer in
                if let start = buffer.baseAddress {
                    compress(&state, blocks: start, count: 2, using: .shaExtensions)
                }
            }
        }
        return SHA256Digest(words: state)
    }
}
