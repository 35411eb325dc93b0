import EventLog

/// How the columns of a CSV file become envelope fields, read from a mapping file.
///
/// ```json
/// {
///   "delimiter": ",", "header": true,
///   "id":      {"column": "工单编号", "prefix": "12345-"},
///   "type":    {"column": "事项类型", "map": {"投诉": "hotline.complaint"}, "type_prefix": "hotline"},
///   "at":      {"column": "受理时间", "format": "yyyy-MM-dd HH:mm:ss", "time_zone": "Asia/Shanghai"},
///   "dept":    {"const": "gy.12345"},
///   "actor":   {"column": "坐席工号", "prefix": "agent:"},
///   "subject": {"column": "工单编号", "prefix": "hotline:"},
///   "data": {
///     "duration_s": {"column": "通话时长", "type": "int"},
///     "due":        {"column": "办结时限", "type": "date", "format": "yyyy/M/d"},
///     "channel":    {"const": "12345"}
///   }
/// }
/// ```
///
/// - A column is named by its header text or by its position from 1 (`"column": 3`);
///   without a header (`"header": false`) only positions work.
/// - `id`, `type`, `dept`, `actor`, `subject`: a column, a constant (`"const"`) or the
///   row's number (`"row": true`, counted from 1 after the header), with an optional
///   `prefix`. The row's number identifies rows that a file repeats on purpose (two
///   identical bids) and that would otherwise be one event. `actor` may be left out (system events) and an empty actor
///   cell means none. Without `id`, the id is `sha256:` and the first 32 hex digits of
///   the SHA-256 of the envelope's canonical content without it, so identical rows are
///   one event (a duplicate to ingest) — and changing the mapping changes the ids.
/// - `type` goes through ``EventTypeNaming`` with its `map` and `type_prefix`
///   (default `event`).
/// - `at` must come from a column — a constant would be an invented time — with its
///   `format` (``DateTimeFormat``: `rfc3339`, the default, `iso8601`, or a pattern)
///   and, for local times, its `time_zone` (``ImportTimeZone``); or `unix_seconds`:
///   whole or decimal seconds since 1970-01-01T00:00:00Z, an instant written in UTC
///   (no `time_zone`).
/// - `data`: each key with a column or a constant (any JSON value) and a `type`:
///   `string` (the default), `int`, `number`, `bool` or `date` (with `format` and
///   `time_zone` as for `at`; a date without time fields is written `YYYY-MM-DD`). An
///   empty cell leaves the key out, unless `"required": true` refuses the row. A
///   `string` member may translate values with `"map": {"投诉": "complaint"}`; a value
///   the map does not list refuses the row.
/// - `rows`: `{"column": "Winner", "in": ["1", "1.0"]}` maps only the rows whose cell is
///   one of these texts (after trimming spaces); the others are skipped, not refused — for
///   files that hold several kinds of record in one table, such as bids with a column
///   marking the winning one, from which a second mapping writes the awards.
public struct CSVMapping: Sendable {
    /// Where a field's text comes from.
    public enum Source: Sendable, Equatable {
        /// A column by its header text.
        case named(String)
        /// A column by its position, from 1.
        case position(Int)
        /// The same text on every row.
        case constant(String)
        /// The row's number, from 1 (the header not counted).
        case row
    }

    /// An envelope field: its source and what to put before it.
    public struct Field: Sendable, Equatable {
        public var source: Source
        public var prefix: String
    }

    /// A `data` member's type.
    public enum DataType: String, Sendable, CaseIterable {
        case string, int, number, bool, date
    }

    /// A `data` member.
    public struct DataField: Sendable {
        public var key: String
        /// The column; `nil` with a constant.
        public var source: Source?
        /// The constant's canonical JSON, when there is one.
        public var constant: [UInt8]?
        public var type: DataType
        public var format: DateTimeFormat
        public var timeZone: ImportTimeZone?
        /// Whether the cell holds seconds since the Unix epoch (`"format": "unix_seconds"`).
        public var unixSeconds = false
        public var required: Bool
        /// For `string` members: cell values with what to write instead. A cell with a
        /// value not listed refuses its row, so a closed vocabulary stays closed.
        public var values: [String: String]?
    }

    /// Which rows are mapped: those whose cell in a column is one of some texts.
    public struct RowSelection: Sendable, Equatable {
        public var source: Source
        public var values: Set<String>
    }

    /// The rows mapped; nil maps every row.
    public var rows: RowSelection?
    /// The field separator.
    public var delimiter = UInt8(ascii: ",")
    /// Whether the first record names the columns.
    public var header = true
    /// The id; `nil` derives it from the content.
    public var id: Field?
    public var type: Field
    public var typeNaming: EventTypeNaming
    public var at: Field
    public var atFormat: DateTimeFormat
    public var atTimeZone: ImportTimeZone?
    /// Whether `at` holds seconds since the Unix epoch (`"format": "unix_seconds"`).
    public var atUnixSeconds = false
    public var dept: Field
    public var actor: Field?
    public var subject: Field
    public var data: [DataField]

    /// The keys the top of a mapping file may have.
    public static let mappingKeys = ["delimiter", "header", "id", "type", "at", "dept", "actor", "subject", "data", "rows"]

    /// Reads a mapping.
    ///
    /// - Parameter mapping: The mapping file's top-level object.
    /// - Throws: ``MappingError`` naming the key at fault.
    public init(_ mapping: MappingObject) throws(MappingError) {
        try mapping.onlyKeys(Self.mappingKeys)
        if let text = try mapping.string("delimiter") {
            let bytes = Array(text.utf8)
            guard bytes.count == 1, bytes[0] != UInt8(ascii: "\""), bytes[0] != 0x0A, bytes[0] != 0x0D else {
                throw mapping.error("delimiter", "must be one ASCII character other than a quote or a line break, such as \",\" \";\" or \"\\t\"")
            }
            delimiter = bytes[0]
        }
        header = try mapping.bool("header") ?? true
        if let selection = try mapping.object("rows") {
            try selection.onlyKeys(["column", "in"])
            let source = try Self.source(selection, allowingConstant: false)
            guard case .array(let items)? = selection.object["in"], !items.isEmpty else {
                throw selection.error("in", "required: the texts of the rows to map, such as [\"1\"]")
            }
            var values: Set<String> = []
            for item in items {
                guard let text = item.stringValue else { throw selection.error("in", "must list strings") }
                values.insert(text)
            }
            if !header, case .named = source { throw selection.error("column", "names a column, but the file has no header: give its position") }
            rows = RowSelection(source: source, values: values)
        }
        id = try Self.field(mapping, "id", extraKeys: [])
        guard let type = try Self.field(mapping, "type", extraKeys: ["map", "type_prefix"]),
            let typeObject = try mapping.object("type")
        else { throw mapping.error("type", "required: {\"column\": …} or {\"const\": \"case.accepted\"}") }
        guard type.prefix.isEmpty else {
            throw typeObject.error("prefix", "types are not prefixed as text; use type_prefix for the types derived from names")
        }
        if case .constant(let text) = type.source, !EventTypeNaming.isDottedName(text, minimumSegments: 2) {
            throw typeObject.error("const", "must be a dotted lower-case type such as 'case.accepted'")
        }
        self.type = type
        do {
            typeNaming = try EventTypeNaming(
                prefix: try typeObject.string("type_prefix") ?? "event", table: try typeObject.stringTable("map"),
                prefixKey: typeObject.path(of: "type_prefix"), tableKey: typeObject.path(of: "map"))
        } catch {
            throw MappingError(file: mapping.file, key: error.key, message: error.message)
        }
        guard let at = try Self.field(mapping, "at", extraKeys: ["format", "time_zone"]), let atObject = try mapping.object("at") else {
            throw mapping.error("at", "required: {\"column\": …, \"format\": …, \"time_zone\": …}")
        }
        if case .constant = at.source { throw atObject.error("const", "'at' must come from a column: a constant time would be invented") }
        self.at = at
        (atFormat, atTimeZone, atUnixSeconds) = try Self.timeSettings(atObject)
        guard let dept = try Self.field(mapping, "dept", extraKeys: []) else {
            throw mapping.error("dept", "required: {\"const\": \"gy.12345\"} or {\"column\": …}")
        }
        self.dept = dept
        actor = try Self.field(mapping, "actor", extraKeys: [])
        guard let subject = try Self.field(mapping, "subject", extraKeys: []) else {
            throw mapping.error("subject", "required: {\"column\": …, \"prefix\": …}")
        }
        self.subject = subject
        data = []
        if let dataObject = try mapping.object("data") {
            for member in dataObject.object.members {
                data.append(try Self.dataField(member.key, dataObject))
            }
        }
        if !header {
            for (key, field) in [("id", id), ("type", type), ("at", at), ("dept", dept), ("actor", actor), ("subject", subject)] {
                if case .named? = field?.source { throw mapping.error(key, "names a column, but the file has no header: give its position") }
            }
            for field in data {
                if case .named? = field.source {
                    throw Self.dataObjectError(mapping, field.key, "names a column, but the file has no header: give its position")
                }
            }
        }
    }

    private static func dataObjectError(_ mapping: MappingObject, _ key: String, _ message: String) -> MappingError {
        MappingError(file: mapping.file, key: mapping.path(of: "data") + "." + key, message: message)
    }

    /// Reads `{"column": …}` or `{"const": …}` with an optional `prefix`.
    private static func field(_ mapping: MappingObject, _ key: String, extraKeys: [String]) throws(MappingError) -> Field? {
        guard let object = try mapping.object(key) else { return nil }
        try object.onlyKeys(["column", "const", "row", "prefix"] + extraKeys)
        return Field(source: try source(object, allowingConstant: true), prefix: try object.string("prefix") ?? "")
    }

    /// Reads `column` (a name or a position from 1), `const` (a string) or `row` (true).
    private static func source(_ object: MappingObject, allowingConstant: Bool) throws(MappingError) -> Source {
        if let row = object.object["row"] {
            guard row.boolValue == true else { throw object.error("row", "must be true: the row's number, from 1") }
            guard object.object["column"] == nil, object.object["const"] == nil else {
                throw object.error("row", "give one of column, const and row")
            }
            return .row
        }
        switch (object.object["column"], object.object["const"]) {
        case (let column?, nil):
            if let name = column.stringValue, !name.isEmpty { return .named(name) }
            if let position = column.int64Value, position >= 1, position <= 100_000 { return .position(Int(position)) }
            throw object.error("column", "must be a header name or a position from 1")
        case (nil, let constant?) where allowingConstant:
            guard let text = constant.stringValue, !text.isEmpty else { throw object.error("const", "must be a non-empty string") }
            return .constant(text)
        case (.some, .some):
            throw object.error("column", "give either column or const, not both")
        default:
            throw MappingError(file: object.file, key: object.path, message: "needs \"column\"" + (allowingConstant ? " or \"const\"" : ""))
        }
    }

    /// Reads `format` and `time_zone`; the last value says the format is `unix_seconds`.
    private static func timeSettings(_ object: MappingObject) throws(MappingError) -> (DateTimeFormat, ImportTimeZone?, Bool) {
        let format: DateTimeFormat
        let text = try object.string("format") ?? "rfc3339"
        if text == "unix_seconds" {
            if object.object["time_zone"] != nil { throw object.error("time_zone", "unix_seconds are instants: they need no time zone") }
            return (.rfc3339, nil, true)
        }
        do {
            format = try DateTimeFormat(text)
        } catch {
            throw object.error("format", error.message)
        }
        var zone: ImportTimeZone?
        if let text = try object.string("time_zone") {
            guard let parsed = ImportTimeZone(text) else {
                throw object.error("time_zone", "must be Z, UTC, an offset such as +08:00, or a zone name such as Asia/Shanghai")
            }
            zone = parsed
        }
        return (format, zone, false)
    }

    /// Reads one `data` member.
    private static func dataField(_ key: String, _ data: MappingObject) throws(MappingError) -> DataField {
        guard let object = try data.object(key) else { throw data.error(key, "must be an object such as {\"column\": …, \"type\": …}") }
        try object.onlyKeys(["column", "const", "row", "type", "format", "time_zone", "required", "map"])
        let typeName = try object.string("type") ?? "string"
        guard let type = DataType(rawValue: typeName) else {
            throw object.error("type", "must be one of: \(DataType.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let (format, zone, unixSeconds) = try timeSettings(object)
        if unixSeconds && type != .date { throw object.error("format", "unix_seconds is for date members") }
        var values: [String: String]?
        if object.object["map"] != nil {
            guard type == .string else { throw object.error("map", "translates string values only") }
            values = Dictionary(try object.stringTable("map"), uniquingKeysWith: { first, _ in first })
        }
        if let constant = object.object["const"], object.object["column"] == nil, object.object["row"] == nil {
            return DataField(
                key: key, source: nil, constant: CanonicalJSON.bytes(of: constant), type: type, format: format, timeZone: zone,
                required: false, values: nil)
        }
        return DataField(
            key: key, source: try source(object, allowingConstant: false), constant: nil, type: type, format: format,
            timeZone: zone, unixSeconds: unixSeconds, required: try object.bool("required") ?? false, values: values)
    }
}
