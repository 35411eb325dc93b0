/// An event as stored in the log, parsed back from its canonical body.
///
/// The log keeps only the bytes of ``Envelope/storedBody(seq:recorded:)``; this type
/// reads them back and checks them as strictly as ingest did, plus one more rule: the
/// body must be exactly the canonical form of what it contains. Writing the parsed
/// event again must reproduce the stored bytes, so a body not written by IronCage as it
/// stands — edited, re-encoded, re-ordered — is refused rather than reinterpreted.
public struct StoredEvent: Sendable, Equatable {
    /// The event's position in the log, from 1.
    public let seq: Int64
    /// When the log appended it.
    public let recorded: Instant
    /// The envelope as submitted; its ``Envelope/content`` equals the original
    /// submission's content byte for byte.
    public let envelope: Envelope
    /// The payload; an empty object when the event had no `data`.
    public let data: JSONValue

    /// Parses and checks a stored body.
    ///
    /// Checks, in order: the body is a valid envelope apart from `seq` and `recorded`
    /// (as ``Envelope/parse(line:)-(UnsafeRawBufferPointer)`` checks a line); `seq` is
    /// present and a positive integer; `recorded` is present and RFC 3339; the body is
    /// in canonical form.
    ///
    /// - Parameter body: The bytes stored for one event.
    /// - Throws: ``StoredEventError``, naming the body's `seq` when it can be read.
    public init(body: UnsafeRawBufferPointer) throws(StoredEventError) {
        let parsed: Envelope.Parsed
        switch Envelope.parse(body, allowingLogFields: true) {
        case .success(let value): parsed = value
        case .failure(let rejection):
            throw StoredEventError(.invalidEnvelope(rejection), seq: StoredBody.seq(in: body))
        }
        let seq: Int64
        switch parsed.seq {
        case .absent: throw StoredEventError(.missingSeq)
        case .invalid: throw StoredEventError(.badSeq)
        case .valid(let value): seq = value
        }
        let recorded: Instant
        switch parsed.recorded {
        case .absent: throw StoredEventError(.missingRecorded, seq: seq)
        case .invalid: throw StoredEventError(.badRecorded, seq: seq)
        case .valid(let value): recorded = value
        }
        let envelope = parsed.envelope
        let canonical = envelope.storedBody(seq: seq, recorded: recorded)
        guard canonical.withUnsafeBytes({ $0.elementsEqual(body) }) else {
            throw StoredEventError(.notCanonical, seq: seq)
        }
        self.seq = seq
        self.recorded = recorded
        self.envelope = envelope
        self.data = envelope.dataObject().map { .object($0) } ?? .object(.empty)
    }

    /// Parses and checks a stored body held in an array; see
    /// ``init(body:)-(UnsafeRawBufferPointer)``.
    ///
    /// - Parameter body: The bytes stored for one event.
    /// - Throws: ``StoredEventError`` as the pointer-based initialiser does.
    public init(body: [UInt8]) throws(StoredEventError) {
        let result: Result<StoredEvent, StoredEventError> = body.withUnsafeBytes { bytes in
            do throws(StoredEventError) {
                return .success(try StoredEvent(body: bytes))
            } catch {
                return .failure(error)
            }
        }
        self = try result.get()
    }
}
