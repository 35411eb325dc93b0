/// One validated event as a department submitted it, with its canonical bytes.
///
/// The envelope is the unit of ingest (see ARCHITECTURE.md, "The event envelope"):
/// `id`, `type`, `at`, `dept`, `actor` (optional), `subject` and an optional `data`
/// object. ``content`` is its canonical JSON (``CanonicalJSON``): it decides whether a
/// re-sent `(dept, id)` is a duplicate or a conflict. ``storedBody(seq:recorded:)``
/// adds the two fields the log assigns and gives the bytes that are stored and hashed.
///
/// Values of `data` are not kept as a tree here — ingest needs only the bytes; read a
/// stored body back with ``StoredEvent`` to get them.
public struct Envelope: Sendable, Equatable {
    /// The longest string field accepted, in UTF-8 bytes.
    public static let maximumFieldLength = 256

    /// Unique within `dept`; `(dept, id)` is the idempotency key.
    public let id: String
    /// The dotted lower-case event type, such as `case.accepted`.
    public let type: String
    /// When it happened, as submitted (RFC 3339 with an offset).
    public let at: String
    /// The department that reports the event.
    public let dept: String
    /// Who acted; `nil` for system events (absent or `null` in the input).
    public let actor: String?
    /// What the event is about, such as `case:2026-0042`.
    public let subject: String
    /// ``at`` as an instant in UTC.
    public let instant: Instant
    /// Canonical JSON of the envelope as submitted — no `seq`, no `recorded`; `actor`
    /// and `data` only when present.
    public let content: [UInt8]
    /// Where `"subject"` starts in ``content``: `recorded` and `seq` sort just before it.
    let subjectOffset: Int
    /// Where the value of `data` is in ``content``, when present.
    let dataRange: Range<Int>?

    /// Wraps already validated parts.
    init(
        id: String, type: String, at: String, dept: String, actor: String?, subject: String,
        instant: Instant, content: [UInt8], subjectOffset: Int, dataRange: Range<Int>?
    ) {
        self.id = id
        self.type = type
        self.at = at
        self.dept = dept
        self.actor = actor
        self.subject = subject
        self.instant = instant
        self.content = content
        self.subjectOffset = subjectOffset
        self.dataRange = dataRange
    }

    /// The canonical bytes of the `data` object, when the envelope has one.
    public var dataBytes: ArraySlice<UInt8>? {
        dataRange.map { content[$0] }
    }

    /// Parses the `data` object out of ``content``.
    ///
    /// Ingest never needs this (it stores bytes); schema checks and importers do.
    ///
    /// - Returns: The payload, or `nil` when the envelope has no `data`.
    /// - Complexity: A full parse of the payload on every call.
    public func dataObject() -> JSONObject? {
        guard let dataRange else { return nil }
        let parsed = content.withUnsafeBytes { bytes -> JSONValue? in
            try? JSONParser.parse(UnsafeRawBufferPointer(rebasing: bytes[dataRange]))
        }
        guard case .object(let object) = parsed else {
            preconditionFailure("Envelope.content holds validated canonical JSON")
        }
        return object
    }

    /// The bytes the log stores and hashes for this event.
    ///
    /// That is ``content`` with `"recorded":"<utcString>","seq":<n>` added in key order:
    /// sorted keys put them right before `"subject"`, so this splices bytes at a known
    /// offset instead of serialising again. The result is the canonical JSON of the
    /// whole stored event, which ``StoredEvent/init(body:)`` checks on the way back.
    ///
    /// - Parameters:
    ///   - seq: The event's position in the log, from 1.
    ///   - recorded: When the log appended it; written as ``Instant/utcString``.
    /// - Returns: The stored body.
    /// - Complexity: O(*n*) in the length of ``content``, one allocation.
    public func storedBody(seq: Int64, recorded: Instant) -> [UInt8] {
        precondition(seq >= 1, "seq starts at 1")
        var body: [UInt8] = []
        body.reserveCapacity(content.count + 64)
        content.withUnsafeBufferPointer { bytes in
            body.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[..<subjectOffset]))
            body.append(contentsOf: #""recorded":""#.utf8)
            recorded.appendUTCString(to: &body)
            body.append(contentsOf: #"","seq":"#.utf8)
            Self.appendDecimal(seq, to: &body)
            body.append(UInt8(ascii: ","))
            body.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[subjectOffset...]))
        }
        return body
    }

    /// Appends a positive number in decimal.
    private static func appendDecimal(_ value: Int64, to bytes: inout [UInt8]) {
        var digits = 1
        var rest = value / 10
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: digits))
        var remaining = value
        var position = start + digits - 1
        while remaining > 0 {
            bytes[position] = UInt8(ascii: "0") + UInt8(remaining % 10)
            remaining /= 10
            position -= 1
        }
    }
}
