/// The log's size and the hash chain's head after its last event.
public struct ChainHead: Sendable, Equatable {
    /// Events in the log; also the last `seq`.
    public var size: Int64
    /// `head[size]`; `HashChain.genesis(logID:)` when the log is empty.
    public var hash: SHA256Digest

    public init(size: Int64, hash: SHA256Digest) {
        self.size = size
        self.hash = hash
    }
}
