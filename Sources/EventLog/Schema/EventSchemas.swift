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
    public internal(set) var events: [String: [String: Field]]
    /// Event type → the file that documents it.
    public internal(set) var files: [String: String]

    public init(events: [String: [String: Field]] = [:], files: [String: String] = [:]) {
        self.events = events
        self.files = files
    }

    /// What is wrong with an event of `type` whose payload is `data`, or nil when it
    /// conforms (or its type is not documented).
    ///
    /// - Parameters:
    ///   - type: the envelope's type.
    ///   - data: its payload (an absent `data` is the empty object).
    /// - Returns: the first problem, in the order the fields are documented.
    public func problem(type: String, data: JSONObject) -> EnvelopeRejection? {
        guard let fields = events[type] else { return nil }
        return Self.problem(in: data, fields: fields, path: "data")
    }

    /// Whether `type` is documented.
    public func documents(_ type: String) -> Bool { events[type] != nil }

    private static func problem(in object: JSONObject, fields: [String: Field], path: String) -> EnvelopeRejection? {
        for name in fields.keys.sorted() {
            guard let field = fields[name] else { continue }
            let fieldPath = path + "." + name
            guard let value = object[name], value != .null else {
                if field.required { return EnvelopeRejection(field: fieldPath, reason: .missingField) }
                continue
            }
            guard conforms(value, to: field.type) else {
                return EnvelopeRejection(field: fieldPath, reason: .wrongType(expected: article(field.type)))
            }
            if let values = field.values, !values.contains(value) {
                return EnvelopeRejection(field: fieldPath, reason: .notDocumentedValue)
            }
            if let items = field.items, case .array(let elements) = value, !elements.allSatisfy({ conforms($0, to: items) }) {
                return EnvelopeRejection(field: fieldPath, reason: .wrongType(expected: "an array of \(items) values"))
            }
            if case .object(let inner) = value, !field.fields.isEmpty,
                let problem = problem(in: inner, fields: field.fields, path: fieldPath)
            {
                return problem
            }
        }
        return nil
    }

    static func conforms(_ value: JSONValue, to type: String) -> Bool {
        switch (type, value) {
        case ("string", .string), ("number", .number), ("boolean", .bool), ("array", .array), ("object", .object): true
        case ("integer", .number(let literal)): Int64(literal) != nil
        case ("date", .string(let text)): isDate(text)
        case ("month", .string(let text)): text.utf8.count == 7 && isDate(text + "-01")
        case ("instant", .string(let text)): Instant(rfc3339: text) != nil
        default: false
        }
    }

    /// Whether `text` is a valid `YYYY-MM-DD` date of the proleptic Gregorian calendar.
    static func isDate(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return false }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), (1...12).contains(month) else { return false }
        return day >= 1 && day <= Instant.daysInMonth(year: year, month: month)
    }

    private static func article(_ type: String) -> String {
        switch type {
        case "integer", "instant", "object", "array": "an \(type)"
        case "date": "a date (YYYY-MM-DD)"
        case "month": "a month (YYYY-MM)"
        default: "a \(type)"
        }
    }
}
