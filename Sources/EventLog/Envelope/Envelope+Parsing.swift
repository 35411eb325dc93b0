/// Validating one NDJSON line into an ``Envelope``.
///
/// Checks run in this fixed order, and the first failure is the rejection:
///
/// 1. the line is well-formed UTF-8 (`invalidUTF8`, at the first bad byte);
/// 2. it is RFC 8259 JSON with unique keys and depth ≤ 64 (`invalidJSON`, with the
///    parser's byte offset and short reason);
/// 3. it is an object (`notAnObject`);
/// 4. every top-level key is one of `id type at dept actor subject data`, checked in
///    sorted key order (UTF-8 bytes): `seq` and `recorded` give `reservedField`,
///    anything else `unknownField` — before any missing field, so a typo such as
///    `subjet` is reported as itself rather than as a missing `subject`;
/// 5. the fields `id`, `type`, `at`, `dept`, `actor`, `subject`, in this order, each
///    checked completely before the next: present (`missingField`; `actor` may be
///    absent or `null`), a string (`wrongType`, expected "a string", for `actor`
///    "a string or null"), not empty (`emptyField`), at most 256 UTF-8 bytes
///    (`tooLong`), no U+0000–U+001F (`controlCharacter`); then for `type` the pattern
///    `^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$` (`badTypeName`) and for `at` RFC 3339
///    with an offset (`badTimestamp`, see ``Instant``);
/// 6. `data`, when present, is an object (`dataNotObject`).
///
/// The line is read once: ``CanonicalJSONBuilder`` writes its canonical bytes while
/// the grammar checks it, and the checks above then look at those bytes. The content
/// is the canonical form of the whole line, less an `actor` that is `null`.
extension Envelope {
    /// Validates one line and builds its envelope.
    ///
    /// - Parameter line: The line without its newline (and without a trailing `\r`,
    ///   which the line reader strips).
    /// - Returns: The envelope, or the first problem in the order described above.
    public static func parse(line: UnsafeRawBufferPointer) -> Result<Envelope, EnvelopeRejection> {
        parse(line, allowingLogFields: false).map(\.envelope)
    }

    /// Validates one line held in an array; see ``parse(line:)-(UnsafeRawBufferPointer)``.
    ///
    /// - Parameter line: The line without its newline.
    /// - Returns: The envelope, or the first problem found.
    public static func parse(line: [UInt8]) -> Result<Envelope, EnvelopeRejection> {
        line.withUnsafeBytes { parse(line: $0) }
    }

    /// Validates one line held in a string; see ``parse(line:)-(UnsafeRawBufferPointer)``.
    ///
    /// - Parameter line: The line without its newline.
    /// - Returns: The envelope, or the first problem found.
    public static func parse(line: String) -> Result<Envelope, EnvelopeRejection> {
        var line = line
        return line.withUTF8 { parse(line: UnsafeRawBufferPointer($0)) }
    }

    /// A field the log assigns, as found in a stored body.
    enum LogField<Value> {
        case absent
        case invalid
        case valid(Value)
    }

    /// The result of validating a line or a stored body.
    struct Parsed {
        var envelope: Envelope
        /// Only read when log fields are allowed.
        var seq: LogField<Int64>
        var recorded: LogField<Instant>
    }

    /// The index in the top-level members of each known field, if present.
    private struct FieldIndices {
        private var storage: (Int, Int, Int, Int, Int, Int, Int, Int, Int) = (-1, -1, -1, -1, -1, -1, -1, -1, -1)

        subscript(field: EnvelopeField) -> Int? {
            get {
                let value =
                    switch field {
                    case .actor: storage.0
                    case .at: storage.1
                    case .data: storage.2
                    case .dept: storage.3
                    case .id: storage.4
                    case .recorded: storage.5
                    case .seq: storage.6
                    case .subject: storage.7
                    case .type: storage.8
                    }
                return value < 0 ? nil : value
            }
            set {
                let value = newValue ?? -1
                switch field {
                case .actor: storage.0 = value
                case .at: storage.1 = value
                case .data: storage.2 = value
                case .dept: storage.3 = value
                case .id: storage.4 = value
                case .recorded: storage.5 = value
                case .seq: storage.6 = value
                case .subject: storage.7 = value
                case .type: storage.8 = value
                }
            }
        }
    }

    /// Maps a parser error to the rejection a sender sees.
    static func rejection(for error: JSONParseError) -> EnvelopeRejection {
        if error.reason == .invalidUTF8 {
            return EnvelopeRejection(.invalidUTF8(byteOffset: error.byteOffset))
        }
        return EnvelopeRejection(.invalidJSON(byteOffset: error.byteOffset, detail: error.reason.description))
    }

    /// Validates a line or, with `allowingLogFields`, a stored body.
    ///
    /// - Parameters:
    ///   - line: The bytes.
    ///   - allowingLogFields: Whether `seq` and `recorded` may be present; they are then
    ///     read into ``Parsed`` and left out of the envelope's content.
    /// - Returns: The envelope and log fields, or the first problem.
    static func parse(_ line: UnsafeRawBufferPointer, allowingLogFields: Bool) -> Result<Parsed, EnvelopeRejection> {
        // Steps 1–3, writing the canonical form of the line as it is read.
        var failure: JSONParseError?
        var top = CanonicalJSONBuilder.Value(kind: .null, start: 0, end: 0)
        var parsedBuilder: CanonicalJSONBuilder?
        var output = [UInt8](unsafeUninitializedCapacity: line.count) { buffer, initialized in
            var grammar = JSONGrammar(builder: CanonicalJSONBuilder(writingInto: buffer))
            do throws(JSONParseError) {
                top = try grammar.parse(line)
                parsedBuilder = grammar.builder
            } catch {
                failure = error
            }
            initialized = grammar.builder.count
        }
        if let failure { return .failure(rejection(for: failure)) }
        guard let builder = parsedBuilder, top.kind == .object else {
            return .failure(EnvelopeRejection(.notAnObject))
        }
        let members = builder.members

        let checked = output.withUnsafeBufferPointer { bytes -> Result<CheckedFields, EnvelopeRejection> in
            do throws(EnvelopeRejection) {
                // Step 4: only known keys.
                var positions = FieldIndices()
                for index in members.indices {
                    let field = builder.withKey(of: members[index], in: bytes) { EnvelopeField(key: $0) }
                    guard let field else {
                        let name = builder.withKey(of: members[index], in: bytes) { String(decoding: $0, as: UTF8.self) }
                        throw EnvelopeRejection(.unknownField, field: EnvelopeRejection.printableFieldName(name))
                    }
                    if field.isAssignedByLog, !allowingLogFields {
                        throw EnvelopeRejection(.reservedField, field: field.name)
                    }
                    positions[field] = index
                }
                func value(_ field: EnvelopeField) -> CanonicalJSONBuilder.Value? {
                    positions[field].map { members[$0].value }
                }

                // Steps 5 and 6.
                var found = CheckedFields()
                found.positions = positions
                found.id = try checkedString(value(.id), .id, in: bytes).string
                let type = try checkedString(value(.type), .type, in: bytes)
                guard !type.hadEscapes, isDottedLowerCaseName(type.bytes(in: bytes)) else {
                    throw EnvelopeRejection(.badTypeName, field: EnvelopeField.type.name)
                }
                found.type = type.string
                let at = try checkedString(value(.at), .at, in: bytes)
                guard !at.hadEscapes, let instant = Instant(rfc3339: UnsafeRawBufferPointer(at.bytes(in: bytes))) else {
                    throw EnvelopeRejection(.badTimestamp, field: EnvelopeField.at.name)
                }
                found.at = at.string
                found.instant = instant
                found.dept = try checkedString(value(.dept), .dept, in: bytes).string
                if let actor = value(.actor), actor.kind != .null {
                    found.actor = try checkedString(actor, .actor, expected: "a string or null", in: bytes).string
                }
                found.subject = try checkedString(value(.subject), .subject, in: bytes).string
                if let data = value(.data), data.kind != .object {
                    throw EnvelopeRejection(.dataNotObject, field: EnvelopeField.data.name)
                }
                if allowingLogFields {
                    found.seq = seqField(value(.seq), in: bytes)
                    found.recorded = recordedField(value(.recorded), in: bytes)
                }
                return .success(found)
            } catch {
                return .failure(error)
            }
        }
        let fields: CheckedFields
        switch checked {
        case .success(let value): fields = value
        case .failure(let rejection): return .failure(rejection)
        }
        let positions = fields.positions
        func value(_ field: EnvelopeField) -> CanonicalJSONBuilder.Value? {
            positions[field].map { members[$0].value }
        }

        // Content: the canonical line less `seq`, `recorded` and a null `actor`. Each
        // is followed by another member (`subject` is required and sorts after them),
        // so it goes with its trailing comma. Removed from the back so offsets hold.
        guard let subjectIndex = positions[.subject] else { preconditionFailure("subject was checked") }
        var subjectOffset = members[subjectIndex].start
        var dataRange = value(.data).map { $0.start..<$0.end }
        for field in [EnvelopeField.seq, .recorded, .actor] {
            guard let index = positions[field], field != .actor || fields.actor == nil else { continue }
            let removed = members[index].start..<members[index + 1].start
            output.removeSubrange(removed)
            subjectOffset -= removed.count
            if let range = dataRange, range.lowerBound > removed.lowerBound {
                dataRange = (range.lowerBound - removed.count)..<(range.upperBound - removed.count)
            }
        }
        let envelope = Envelope(
            id: fields.id, type: fields.type, at: fields.at, dept: fields.dept, actor: fields.actor,
            subject: fields.subject, instant: fields.instant, content: output,
            subjectOffset: subjectOffset, dataRange: dataRange)
        return .success(Parsed(envelope: envelope, seq: fields.seq, recorded: fields.recorded))
    }

    /// The checked fields, gathered while the content bytes are borrowed.
    private struct CheckedFields {
        var id = ""
        var type = ""
        var at = ""
        var dept = ""
        var actor: String?
        var subject = ""
        var instant = Instant(millisecondsSinceEpoch: 0)
        var seq = LogField<Int64>.absent
        var recorded = LogField<Instant>.absent
        var positions = FieldIndices()
    }

    /// A string field that passed step 5.
    private struct CheckedString {
        var string: String
        /// Where its canonical text (between the quotes) is in the content.
        var inner: Range<Int>
        /// Whether the canonical text has `\"` or `\\`.
        var hadEscapes: Bool

        func bytes(in content: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: content[inner])
        }
    }

    /// Applies the string-field rules of step 5 to a value in canonical form.
    private static func checkedString(
        _ value: CanonicalJSONBuilder.Value?, _ field: EnvelopeField, expected: String = "a string",
        in content: UnsafeBufferPointer<UInt8>
    ) throws(EnvelopeRejection) -> CheckedString {
        guard let value else { throw EnvelopeRejection(.missingField, field: field.name) }
        guard value.kind == .string else {
            throw EnvelopeRejection(.wrongType(expected: expected), field: field.name)
        }
        let inner = (value.start + 1)..<(value.end - 1)
        // In canonical form every escape stands for one byte, and only `\"` and `\\`
        // stand for something other than a control character.
        var length = 0
        var escapes = false
        var control = false
        var i = inner.lowerBound
        while i < inner.upperBound {
            let byte = content[i]
            length += 1
            if byte == UInt8(ascii: "\\") {
                escapes = true
                switch content[i + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): i += 2
                case UInt8(ascii: "u"):
                    control = true
                    i += 6
                default:
                    control = true
                    i += 2
                }
            } else {
                i += 1
            }
        }
        if length == 0 { throw EnvelopeRejection(.emptyField, field: field.name) }
        if length > maximumFieldLength {
            throw EnvelopeRejection(.tooLong(limit: maximumFieldLength), field: field.name)
        }
        if control { throw EnvelopeRejection(.controlCharacter, field: field.name) }
        let raw = UnsafeBufferPointer(rebasing: content[inner])
        guard escapes else {
            return CheckedString(string: String(decoding: raw, as: UTF8.self), inner: inner, hadEscapes: false)
        }
        var decoded: [UInt8] = []
        decoded.reserveCapacity(length)
        var j = 0
        while j < raw.count {
            if raw[j] == UInt8(ascii: "\\") { j += 1 }
            decoded.append(raw[j])
            j += 1
        }
        return CheckedString(string: String(decoding: decoded, as: UTF8.self), inner: inner, hadEscapes: true)
    }

    /// Reads `seq`: a positive decimal integer that fits in 64 bits.
    private static func seqField(
        _ value: CanonicalJSONBuilder.Value?, in content: UnsafeBufferPointer<UInt8>
    ) -> LogField<Int64> {
        guard let value else { return .absent }
        guard value.kind == .number else { return .invalid }
        var result: Int64 = 0
        for i in value.start..<value.end {
            let digit = content[i] &- UInt8(ascii: "0")
            guard digit < 10 else { return .invalid }
            let (times10, overflow1) = result.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(Int64(digit))
            guard !overflow1, !overflow2 else { return .invalid }
            result = sum
        }
        return result >= 1 ? .valid(result) : .invalid
    }

    /// Reads `recorded`: an RFC 3339 timestamp string.
    private static func recordedField(
        _ value: CanonicalJSONBuilder.Value?, in content: UnsafeBufferPointer<UInt8>
    ) -> LogField<Instant> {
        guard let value else { return .absent }
        guard value.kind == .string,
            let instant = Instant(
                rfc3339: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: content[(value.start + 1)..<(value.end - 1)])))
        else { return .invalid }
        return .valid(instant)
    }

    /// Whether `name` matches `^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$`.
    private static func isDottedLowerCaseName(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        isDottedName(name, minimumSegments: 2)
    }

    /// Whether `name` is dotted lower-case segments `[a-z][a-z0-9_]*`, at least
    /// `minimumSegments` of them (2 for an event type, 1 for a prefix of one).
    public static func isDottedName(_ name: some Sequence<UInt8>, minimumSegments: Int) -> Bool {
        var segments = 0
        var atSegmentStart = true
        for byte in name {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"):
                if atSegmentStart { segments += 1 }
                atSegmentStart = false
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"):
                if atSegmentStart { return false }
            case UInt8(ascii: "."):
                if atSegmentStart { return false }
                atSegmentStart = true
            default:
                return false
            }
        }
        return !atSegmentStart && segments >= minimumSegments
    }
}
