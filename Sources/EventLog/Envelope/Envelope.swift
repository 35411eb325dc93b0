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
        var utc: [UInt8] = []
        utc.reserveCapacity(32)
        recorded.appendUTCString(to: &utc)
        return utc.withUnsafeBytes { utc in
            [UInt8](unsafeUninitializedCapacity: storedBodyCapacity(recordedUTCCount: utc.count)) { buffer, count in
                // The capacity is never zero, so there is always a base address.
                guard let base = buffer.baseAddress else { return }
                count = writeStoredBody(seq: seq, recordedUTC: utc, to: UnsafeMutableRawPointer(base))
            }
        }
    }

    /// Room enough for ``storedBody(seq:recorded:)`` with a `recorded` of this many bytes, any `seq`.
    func storedBodyCapacity(recordedUTCCount: Int) -> Int {
        // `"recorded":"` … `","seq":` + 19 digits + `,`
        content.count + recordedUTCCount + 13 + 8 + 19 + 1
    }

    /// Writes ``storedBody(seq:recorded:)`` to memory the caller owns, for hot paths that
    /// write many bodies into one buffer.
    ///
    /// - Parameters:
    ///   - seq: The event's position in the log, from 1.
    ///   - recordedUTC: ``Instant/utcString`` of the `recorded` instant, in UTF-8.
    ///   - target: At least ``storedBodyCapacity(recordedUTCCount:)`` bytes.
    /// - Returns: The number of bytes written.
    func writeStoredBody(seq: Int64, recordedUTC: UnsafeRawBufferPointer, to target: UnsafeMutableRawPointer) -> Int {
        precondition(seq >= 1, "seq starts at 1")
        var position = 0
        func write(_ bytes: UnsafeRawBufferPointer) {
            guard let base = bytes.baseAddress else { return }
            (target + position).copyMemory(from: base, byteCount: bytes.count)
            position += bytes.count
        }
        func write(_ text: StaticString) {
            write(UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
        }
        content.withUnsafeBytes { bytes in
            write(UnsafeRawBufferPointer(rebasing: bytes[..<subjectOffset]))
            write(#""recorded":""#)
            write(recordedUTC)
            write(#"","seq":"#)
            // The decimal digits of a positive number, written from the last.
            var digits = 1
            var rest = seq / 10
            while rest > 0 {
                digits += 1
                rest /= 10
            }
            var remaining = seq
            for offset in stride(from: digits - 1, through: 0, by: -1) {
                target.storeBytes(of: UInt8(ascii: "0") + UInt8(remaining % 10), toByteOffset: position + offset, as: UInt8.self)
                remaining /= 10
            }
            position += digits
            write(",")
            write(UnsafeRawBufferPointer(rebasing: bytes[subjectOffset...]))
        }
        return position
    }
}
