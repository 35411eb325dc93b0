/// Why stored bytes are not a valid stored event.
///
/// Raised when reading the log back (verification, projections, audits). Like every
/// IronCage error it carries no field values; it names the `seq` when the body
/// revealed one, so the operator knows which row to look at.
public struct StoredEventError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong with the body.
    public enum Reason: Sendable, Equatable {
        /// `seq` is absent.
        case missingSeq
        /// `seq` is not a positive integer that fits in 64 bits.
        case badSeq
        /// `recorded` is absent.
        case missingRecorded
        /// `recorded` is not an RFC 3339 timestamp string.
        case badRecorded
        /// The body is not a valid envelope apart from `seq` and `recorded`: not UTF-8,
        /// not JSON, not an object, or a field breaks an envelope rule. The rejection
        /// says which, as it would have at ingest.
        case invalidEnvelope(EnvelopeRejection)
        /// The body is a valid event but not byte for byte its canonical form, so it
        /// was not written by IronCage as it stands (see ``Envelope/storedBody(seq:recorded:)``).
        case notCanonical
    }

    /// What is wrong.
    public var reason: Reason
    /// The body's `seq`, when it could be read.
    public var seq: Int64?

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - reason: What is wrong.
    ///   - seq: The body's `seq`, when known.
    public init(_ reason: Reason, seq: Int64? = nil) {
        self.reason = reason
        self.seq = seq
    }

    /// For example `stored event seq 42: not in canonical form`.
    public var description: String {
        let text: String
        switch reason {
        case .missingSeq: text = "field 'seq': required but missing"
        case .badSeq: text = "field 'seq': not a positive integer"
        case .missingRecorded: text = "field 'recorded': required but missing"
        case .badRecorded: text = "field 'recorded': not an RFC 3339 timestamp"
        case .invalidEnvelope(let rejection): text = rejection.description
        case .notCanonical: text = "not in canonical form"
        }
        if let seq { return "stored event seq \(seq): \(text)" }
        return "stored event: \(text)"
    }
}
