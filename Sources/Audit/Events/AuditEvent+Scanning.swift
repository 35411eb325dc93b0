import EventLog

extension AuditEvent {
    /// Reads a stored body's envelope fields by scanning its bytes, and parses only its `data`
    /// object; nil when the body is not laid out as a stored body is (the caller then parses
    /// it whole, for the same event or a precise error).
    ///
    /// A catch-up reads every event of the log; building a JSON tree of the whole envelope
    /// only to look up eight members was a fifth of its parsing thread's time. A stored body
    /// is canonical JSON (`StoredLayout` in EventLog): one object, no whitespace, each member
    /// once. Envelope strings are taken as written, so one with an escape sends the body to
    /// the full parser; so does any member this does not know.
    static func scanned(_ body: UnsafeRawBufferPointer) -> AuditEvent? {
        guard let (envelope, data) = scannedEnvelope(body) else { return nil }
        return envelope.withData(data, of: body)
    }

    /// The event of a `scannedEnvelope(_:)` with its `data` parsed from `body`; nil when it
    /// does not parse as an object (the caller then parses the body whole, for a precise error).
    func withData(_ data: Range<Int>?, of body: UnsafeRawBufferPointer) -> AuditEvent? {
        guard let data else { return self }
        guard let parsed = (try? JSONParser.parse(UnsafeRawBufferPointer(rebasing: body[data])))?.objectValue else { return nil }
        return AuditEvent(
            seq: seq, id: id, type: type, at: at, recorded: recorded, dept: dept, actor: actor, subject: subject, data: parsed)
    }

    /// The envelope of a stored body, its `data` left empty, and where the `data` object's
    /// bytes are in the body (nil when it has none); nil as for `scanned(_:)`.
    ///
    /// For the rules that read a payload's few values from its bytes (`DataMembers`), so
    /// that no tree of it is built.
    static func scannedEnvelope(_ body: UnsafeRawBufferPointer) -> (event: AuditEvent, data: Range<Int>?)? {
        var scanner = StoredBodyScanner(body)
        guard scanner.take(UInt8(ascii: "{")) else { return nil }
        var seq: Int64?
        var id: String?
        var type: String?
        var at: Instant?
        var recorded: Instant?
        var dept: String?
        var actor: String?
        var subject: String?
        var data: Range<Int>?
        // A value that is not what its member needs leaves the cursor inside it, and the body
        // then fails to close: the full parser decides.
        repeat {
            guard let key = scanner.plainString(), scanner.take(UInt8(ascii: ":")), key.count >= 2 else { return nil }
            func text() -> String? { scanner.plainString().flatMap(Self.text) }
            func instant() -> Instant? { scanner.plainString().flatMap { Instant(rfc3339: $0) } }
            // Told apart by length and first letter, then checked whole.
            switch (key.count, key[0]) {
            case (5, UInt8(ascii: "a")) where key.spells(Self.actorMember): actor = text()
            case (2, UInt8(ascii: "a")) where key.spells(Self.atMember): at = instant()
            case (4, UInt8(ascii: "d")) where key.spells(Self.dataMember):
                let start = scanner.offset
                guard scanner.object() != nil else { return nil }
                data = start ..< scanner.offset
            case (4, UInt8(ascii: "d")) where key.spells(Self.deptMember): dept = text()
            case (2, UInt8(ascii: "i")) where key.spells(Self.idMember): id = text()
            case (8, UInt8(ascii: "r")) where key.spells(Self.recordedMember): recorded = instant()
            case (3, UInt8(ascii: "s")) where key.spells(Self.seqMember): seq = scanner.integer()
            case (7, UInt8(ascii: "s")) where key.spells(Self.subjectMember): subject = text()
            case (4, UInt8(ascii: "t")) where key.spells(Self.typeMember): type = text()
            default: return nil
            }
        } while scanner.take(UInt8(ascii: ","))
        guard scanner.take(UInt8(ascii: "}")), scanner.isAtEnd, let seq, let id, let type, let at, let recorded, let dept, let subject
        else { return nil }
        let event = AuditEvent(
            seq: seq, id: id, type: type, at: at, recorded: recorded, dept: dept, actor: actor, subject: subject, data: .empty)
        return (event, data)
    }

    /// The envelope's member names, as bytes: compared with `spells`, not a generic
    /// `elementsEqual` over a string's UTF-8 view (a tenth of the envelope scan's time).
    private static let actorMember = Array("actor".utf8)
    private static let atMember = Array("at".utf8)
    private static let dataMember = Array("data".utf8)
    private static let deptMember = Array("dept".utf8)
    private static let idMember = Array("id".utf8)
    private static let recordedMember = Array("recorded".utf8)
    private static let seqMember = Array("seq".utf8)
    private static let subjectMember = Array("subject".utf8)
    private static let typeMember = Array("type".utf8)

    /// UTF-8 bytes as a string; nil when they are not UTF-8. ASCII, the common case, is
    /// taken without the general validation.
    private static func text(_ bytes: UnsafeRawBufferPointer) -> String? {
        var ascii = true
        for byte in bytes where byte >= 0x80 {
            ascii = false
            break
        }
        return ascii ? String(decoding: bytes, as: UTF8.self) : String(validating: bytes, as: UTF8.self)
    }
}

/// A cursor over a canonical stored body, for `AuditEvent.scanned(_:)`.
private struct StoredBodyScanner {
    let bytes: UnsafeRawBufferPointer
    private(set) var offset = 0

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    var isAtEnd: Bool { offset == bytes.count }

    /// Steps over `byte` if it is next.
    mutating func take(_ byte: UInt8) -> Bool {
        guard offset < bytes.count, bytes[offset] == byte else { return false }
        offset += 1
        return true
    }

    /// A string with no escape in it, as its bytes (without the quotes); nil otherwise.
    mutating func plainString() -> UnsafeRawBufferPointer? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = offset
        offset = JSONLexis.skipPlainWords(in: bytes, from: start)
        while offset < bytes.count {
            switch bytes[offset] {
            case UInt8(ascii: "\""):
                let text = UnsafeRawBufferPointer(rebasing: bytes[start ..< offset])
                offset += 1
                return text
            case UInt8(ascii: "\\"), 0 ..< 0x20:
                return nil
            default:
                offset += 1
            }
        }
        return nil
    }

    /// A non-negative whole number of up to 18 digits.
    mutating func integer() -> Int64? {
        let start = offset
        var value: Int64 = 0
        while offset < bytes.count, offset - start < 18, (UInt8(ascii: "0") ... UInt8(ascii: "9")).contains(bytes[offset]) {
            value = value * 10 + Int64(bytes[offset] - UInt8(ascii: "0"))
            offset += 1
        }
        // Canonical numbers have no leading zero; anything else is for the full parser.
        guard offset > start, offset == start + 1 || bytes[start] != UInt8(ascii: "0") else { return nil }
        return value
    }

    /// An object's bytes, braces included (`JSONLexis.endOfNested`).
    mutating func object() -> UnsafeRawBufferPointer? {
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: "{"), let end = JSONLexis.endOfNested(in: bytes, from: offset) else { return nil }
        defer { offset = end }
        return UnsafeRawBufferPointer(rebasing: bytes[offset ..< end])
    }
}
