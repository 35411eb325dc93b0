/// The documented event vocabulary (`Rules/schemas/*.json`), as ingest checks it.
///
/// For each documented event type, the `data` fields with their types, whether they are
/// required, and the closed set of values where there is one. An event whose type is
/// documented must carry every required field with the documented type and one of the
/// documented values; fields that are not documented are accepted and kept (departments
/// send more than the rules read), and undocumented types are accepted as they come
/// (ARCHITECTURE.md, "The event envelope").
///
/// Rejections name the field and the reason, never the value: events are about citizens.
public struct EventSchemas: Sendable {
    /// A documented `data` field.
    public struct Field: Sendable {
        /// One of ``EventSchemas/fieldTypes``.
        public var type: String
        public var required: Bool
        /// The allowed values, where the set is closed.
        public var values: [JSONValue]?
        /// For arrays: the type of every element.
        public var items: String?
        /// For objects: their documented members.
        public var fields: [String: Field]
    }

    /// The types a field may have; `date` (`YYYY-MM-DD`), `month` (`YYYY-MM`) and
    /// `instant` (RFC 3339 with an offset) are JSON strings of that form.
    public static let fieldTypes: Set<String> = ["string", "integer", "number", "boolean", "array", "object", "date", "month", "instant"]

    /// Event type → data field → field.
    public internal(set) var events: [String: [String: Field]] {
        didSet { compiled = events.mapValues(CompiledFields.init) }
    }
    /// Event type → the file that documents it.
    public internal(set) var files: [String: String]
    /// The same fields in the order of their names' UTF-8 bytes, with closed values as
    /// canonical bytes: what the check walks.
    private var compiled: [String: CompiledFields]

    public init(events: [String: [String: Field]] = [:], files: [String: String] = [:]) {
        self.events = events
        self.files = files
        compiled = events.mapValues(CompiledFields.init)
    }

    /// What is wrong with an event of `type` whose payload is `data`, or nil when it
    /// conforms (or its type is not documented).
    ///
    /// - Parameters:
    ///   - type: the envelope's type.
    ///   - data: its payload (an absent `data` is the empty object).
    /// - Returns: the first problem, fields in the order of their names' UTF-8 bytes.
    public func problem(type: String, data: JSONObject) -> EnvelopeRejection? {
        guard compiled[type] != nil else { return nil }
        return CanonicalJSON.bytes(of: .object(data)).withUnsafeBytes { problem(type: type, canonicalData: $0) }
    }

    /// The same check over a payload's canonical bytes (``Envelope/dataBytes``), without
    /// building the payload: ingest runs it on every event of a documented type.
    ///
    /// - Parameters:
    ///   - type: the envelope's type.
    ///   - canonicalData: a canonical JSON object (keys sorted, no white space); empty when the envelope has no `data`.
    /// - Complexity: O(*n*) in the payload's bytes.
    public func problem(type: String, canonicalData: UnsafeRawBufferPointer) -> EnvelopeRejection? {
        guard let fields = compiled[type] else { return nil }
        if canonicalData.isEmpty {
            return [UInt8(ascii: "{"), UInt8(ascii: "}")].withUnsafeBytes { empty in
                var scanner = CanonicalScanner(bytes: empty)
                return fields.problem(in: &scanner, path: "data")
            }
        }
        var scanner = CanonicalScanner(bytes: canonicalData)
        return fields.problem(in: &scanner, path: "data")
    }

    /// Whether `type` is documented.
    public func documents(_ type: String) -> Bool { compiled[type] != nil }

    /// Whether `text` is a valid `YYYY-MM-DD` date of the proleptic Gregorian calendar.
    static func isDate<Bytes: Collection<UInt8>>(_ text: Bytes) -> Bool where Bytes.Index == Int {
        guard text.count == 10 else { return false }
        let base = text.startIndex
        guard text[base + 4] == UInt8(ascii: "-"), text[base + 7] == UInt8(ascii: "-") else { return false }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in text[(base + range.lowerBound)..<(base + range.upperBound)] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), (1...12).contains(month) else { return false }
        return day >= 1 && day <= Instant.daysInMonth(year: year, month: month)
    }

    static func article(_ type: String) -> String {
        switch type {
        case "integer", "instant", "object", "array": "an \(type)"
        case "date": "a date (YYYY-MM-DD)"
        case "month": "a month (YYYY-MM)"
        default: "a \(type)"
        }
    }
}
