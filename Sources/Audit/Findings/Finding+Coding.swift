import EventLog

extension Finding {
    /// The finding as canonical JSON, for the projection store and `--format json`.
    func encoded() -> [UInt8] {
        CanonicalJSON.bytes(of: jsonValue)
    }

    var jsonValue: JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("id", .string(id)), ("rule", .string(rule)), ("code", .string(code)), ("severity", .string(severity.rawValue)),
            ("subject", .string(subject)), ("dept", .string(dept)), ("began", .number(literal: String(began.millisecondsSinceEpoch))),
            ("level", .string(level.rawValue)), ("evidence", .array(evidence.map { .number(literal: String($0)) })),
            ("details", .object(JSONObject(uniqueKeysWithValues: details.map { ($0.key, JSONValue.string($0.value)) }))),
        ]
        if let actor { members.append(("actor", .string(actor))) }
        if let redFrom { members.append(("red_from", .number(literal: String(redFrom.millisecondsSinceEpoch)))) }
        if let due { members.append(("due", .number(literal: String(due.millisecondsSinceEpoch)))) }
        return .object(JSONObject(uniqueKeysWithValues: members))
    }

    /// Reads a finding written by `encoded()`.
    init?(encoded bytes: UnsafeRawBufferPointer) {
        guard let value = try? JSONParser.parse(bytes), let object = value.objectValue,
            let id = object["id"]?.stringValue, let rule = object["rule"]?.stringValue, let code = object["code"]?.stringValue,
            let severity = object["severity"]?.stringValue.flatMap(Severity.init(rawValue:)),
            let subject = object["subject"]?.stringValue, let dept = object["dept"]?.stringValue,
            let began = object["began"]?.int64Value, let level = object["level"]?.stringValue.flatMap(FindingLevel.init(rawValue:)),
            let evidence = object["evidence"]?.arrayValue?.compactMap(\.int64Value), let details = object["details"]?.objectValue
        else { return nil }
        self.init(
            id: id, rule: rule, code: code, severity: severity, subject: subject, dept: dept, actor: object["actor"]?.stringValue,
            began: Instant(millisecondsSinceEpoch: began), redFrom: object["red_from"]?.int64Value.map(Instant.init(millisecondsSinceEpoch:)),
            level: level, due: object["due"]?.int64Value.map(Instant.init(millisecondsSinceEpoch:)), evidence: evidence,
            details: Dictionary(uniqueKeysWithValues: details.members.map { ($0.key, $0.value.stringValue ?? "") }))
    }
}

extension Fact {
    /// Everything but seq, role, at and count (which have columns), as canonical JSON.
    func payload() -> [UInt8] {
        var items: [JSONValue] = [.number(literal: String(recorded.millisecondsSinceEpoch)), .string(dept), actor.map { .string($0) } ?? .null, .string(subject), .string(id)]
        items += values.map { .string($0) }
        return CanonicalJSON.bytes(of: .array(items))
    }

    init?(seq: Int64, role: Int, at: Int64, count: Int, payload: UnsafeRawBufferPointer) {
        guard let items = (try? JSONParser.parse(payload))?.arrayValue, items.count >= 5,
            let recorded = items[0].int64Value, let dept = items[1].stringValue, let subject = items[3].stringValue,
            let id = items[4].stringValue
        else { return nil }
        self.init(
            seq: seq, role: role, at: Instant(millisecondsSinceEpoch: at), recorded: Instant(millisecondsSinceEpoch: recorded),
            dept: dept, actor: items[2].stringValue, subject: subject, id: id, values: items.dropFirst(5).map { $0.stringValue ?? "" },
            count: count)
    }

    /// The department in a payload written by `payload()`, read without parsing the array:
    /// canonical JSON writes it `[<recorded>,"<dept>",…`, the recorded instant a plain integer.
    /// A department with escapes in it falls back to a full parse.
    static func dept(inPayload bytes: [UInt8]) -> String? {
        guard let comma = bytes.firstIndex(of: UInt8(ascii: ",")), comma + 1 < bytes.count, bytes[comma + 1] == UInt8(ascii: "\"") else {
            return nil
        }
        var end = comma + 2
        while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\") { end += 1 }
        guard end < bytes.count, bytes[end] == UInt8(ascii: "\"") else {
            return (try? JSONParser.parse(bytes))?.arrayValue.flatMap { $0.count > 1 ? $0[1].stringValue : nil }
        }
        return String(decoding: bytes[(comma + 2) ..< end], as: UTF8.self)
    }
}
