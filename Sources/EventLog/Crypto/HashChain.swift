/// The event log's hash chain (RFC 9162 leaf hashing).
///
/// Each event body is hashed as an RFC 9162 §2.1.1 Merkle tree leaf, `SHA-256(0x00 || body)`;
/// the 0x00 prefix separates leaf hashes from interior-node hashes (prefixed 0x01), so the same
/// leaf hashes can later feed a Merkle tree without opening it to second-preimage attacks
/// (RFC 9162 §2.1.1). The chain heads are
///
///     head[0] = genesis(logID)
///     head[n] = SHA-256(head[n−1] || leaf(body[n]))
///
/// so each head commits to the log's identity and to every event before it, in order.
public enum HashChain {
    /// The domain-separation prefix hashed before the log's identifier in `genesis(logID:)`.
    private static let genesisPrefix = "IronCage log genesis\u{0}"

    /// `SHA-256(0x00 || body)`: the RFC 9162 §2.1.1 leaf hash, computed without copying `body`.
    ///
    /// The prefix byte is fed to a streaming hasher ahead of `body`, so no concatenated buffer
    /// is built and nothing is allocated.
    ///
    /// - Parameters:
    ///   - body: The event's canonical bytes.
    /// - Returns: The leaf hash.
    public static func leaf(of body: UnsafeRawBufferPointer) -> SHA256Digest {
        var hasher = SHA256()
        withUnsafeBytes(of: leafPrefix) { hasher.update($0) }
        hasher.update(body)
        return hasher.finalize()
    }

    /// The byte a leaf hash puts before the body (RFC 9162 §2.1.1).
    static let leafPrefix: UInt8 = 0x00

    /// Two chain links at once: `next(after: previous.0, leaf: leaf(of: body0))` and the same
    /// for the second, hashed side by side (see `SHA256.hash(_:_:using:)`).
    ///
    /// The verifier checks links independently of each other, so it can pair them up.
    ///
    /// - Parameters:
    ///   - previous: The heads before the two events.
    ///   - leafMessages: Each event's body with `leafPrefix` before it, `0x00 || body`, so that
    ///     the message to hash lies in one piece of memory.
    ///   - implementation: The compression function to run.
    /// - Returns: The heads after the two events.
    static func next(
        after previous: (SHA256Digest, SHA256Digest), leafMessages: (UnsafeRawBufferPointer, UnsafeRawBufferPointer),
        using implementation: SHA256.Implementation = .preferred
    ) -> (SHA256Digest, SHA256Digest) {
        let leaves = SHA256.hash(leafMessages.0, leafMessages.1, using: implementation)
        return SHA256.hash(concatenating: (previous.0, leaves.0), and: (previous.1, leaves.1), using: implementation)
    }

    /// `SHA-256(previous || leaf)`: the next chain head.
    ///
    /// - Parameters:
    ///   - previous: The head before this event, `head[n−1]`.
    ///   - leaf: The event's leaf hash, from `leaf(of:)`.
    /// - Returns: `head[n]`.
    public static func next(after previous: SHA256Digest, leaf: SHA256Digest) -> SHA256Digest {
        SHA256.hash(concatenating: previous, leaf)
    }

    /// `head[0]`: `SHA-256("IronCage log genesis\u{0}" || logID as UTF-8)`, binding the chain to its log.
    ///
    /// The fixed, NUL-terminated prefix separates genesis heads from the log's other uses of
    /// SHA-256, such as leaves, which start with 0x00.
    ///
    /// - Parameters:
    ///   - logID: The log's identifier.
    /// - Returns: The chain's first head.
    public static func genesis(logID: String) -> SHA256Digest {
        var hasher = SHA256()
        hasher.update(genesisPrefix)
        hasher.update(logID)
        return hasher.finalize()
    }
}
