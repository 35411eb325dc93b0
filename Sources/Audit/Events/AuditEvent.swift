public import EventLog

/// An event as the rules read it: the envelope's fields, the log's `seq` and `recorded`,
/// and the payload.
public struct AuditEvent: Sendable, Equatable {
    public let seq: Int64
    public let id: String
    public let type: String
    public let at: Instant
    public let recorded: Instant
    public let dept: String
    public let actor: String?
    public let subject: String
    public let data: JSONObject

    public init(
        seq: Int64, id: String, type: String, at: Instant, recorded: Instant, dept: String, actor: String?, subject: String,
        data: JSONObject
    ) {
        self.seq = seq
        self.id = id
        self.type = type
        self.at = at
        self.recorded = recorded
        self.dept = dept
        self.actor = actor
        self.subject = subject
        self.data = data
    }

    /// Reads a stored body straight from its JSON, without the full re-validation of
    /// `StoredEvent` (the log's integrity is `verify`'s business; the audit reads fast).
    ///
    /// - Throws: `StoredEventError` when the body is not a stored event.
    public init(body: UnsafeRawBufferPointer) throws {
        if let event = Self.scanned(body) {
            self = event
            return
        }
        guard let object = (try? JSONParser.parse(body))?.objectValue,
            let seq = object["seq"]?.int64Value, let id = object["id"]?.stringValue, let type = object["type"]?.stringValue,
            let at = object["at"]?.stringValue.flatMap(Instant.init(rfc3339:)),
            let recorded = object["recorded"]?.stringValue.flatMap(Instant.init(rfc3339:)),
            let dept = object["dept"]?.stringValue, let subject = object["subject"]?.stringValue
        else {
            // Fall back to the strict reader for a precise error.
            self.init(try StoredEvent(body: body))
            return
        }
        self.init(
            seq: seq, id: id, type: type, at: at, recorded: recorded, dept: dept, actor: object["actor"]?.stringValue,
            subject: subject, data: object["data"]?.objectValue ?? .empty)
    }

    /// The event stored in the log.
    public init(_ stored: StoredEvent) {
        let envelope = stored.envelope
        self.init(
            seq: stored.seq, id: envelope.id, type: envelope.type, at: envelope.instant, recorded: stored.recorded,
            dept: envelope.dept, actor: envelope.actor, subject: envelope.subject, data: stored.data.objectValue ?? .empty)
    }
}
