/// One way the log differs from what was appended, found by `LogVerifier`.
public struct VerificationProblem: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// The body no longer hashes to the chain head stored with it.
        case modified
        /// A `seq` is absent: rows were deleted.
        case missing
        /// The body at this `seq` carries another `seq`: bodies were moved.
        case reordered
        /// A row the log never recorded appending (beyond its recorded size, or a forged link).
        case inserted
        /// The recorded head or size does not match the rows.
        case head
        /// The log is not an append-only extension of a checkpoint.
        case checkpoint
    }

    public var seq: Int64
    public var kind: Kind
    /// What is wrong, in words; never event content.
    public var detail: String

    public init(seq: Int64, kind: Kind, detail: String) {
        self.seq = seq
        self.kind = kind
        self.detail = detail
    }

    public var description: String { "seq \(seq): \(kind.rawValue): \(detail)" }
}

/// What `LogVerifier` found.
public struct VerificationReport: Sendable, Equatable {
    public var logID: String
    /// The size recorded in the log's chain head.
    public var recordedSize: Int64
    /// Rows read.
    public var eventsChecked: Int64
    /// The recorded chain head.
    public var head: SHA256Digest
    /// Problems in `seq` order, at most `LogVerifier.problemLimit`.
    public var problems: [VerificationProblem]
    /// True when more problems were found than are listed.
    public var truncated: Bool
    /// The checkpoint checked against, if any, and whether its signature was checked.
    public var checkpoint: Checkpoint?
    public var signatureChecked: Bool

    public var isIntact: Bool { problems.isEmpty }
    public var firstProblem: VerificationProblem? { problems.first }
}
