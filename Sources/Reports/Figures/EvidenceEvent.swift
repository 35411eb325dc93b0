public import EventLog

/// An event a finding rests on, with the hashes that let a reader check it against the log.
///
/// `leaf` is SHA-256(0x00 ‖ the stored body) — the body `ironcage trail SUBJECT --format
/// ndjson` prints — and `head` the chain head stored with it, which `ironcage verify`
/// recomputes from the start of the log; a checkpoint binds the heads to a moment.
public struct EvidenceEvent: Sendable, Equatable {
    public let seq: Int64
    public let head: SHA256Digest
    public let leaf: SHA256Digest
    public let type: String
    /// `at` as the department wrote it.
    public let at: String
    public let dept: String
    public let actor: String?
    public let subject: String
    /// The event's `data` as canonical JSON (`{}` when it had none).
    public let data: String
}
