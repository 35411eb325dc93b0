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
    /// Everything but seq, role, at and count (which have columns), in a compact binary form:
    /// recorded (8 bytes, little-endian), then strings each as a 4-byte length and UTF-8
    /// bytes — dept, actor (length 0xFFFFFFFF for none), subject, id, values.
    func payload() -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(64 + subject.utf8.count + values.reduce(0) { $0 + $1.utf8.count + 4 })
        func append(_ value: UInt64, width: Int) {
            for shift in stride(from: 0, to: width * 8, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
        }
        func append(_ text: String?) {
            guard let text else {
                append(UInt64(UInt32.max), width: 4)
                return
            }
            append(UInt64(text.utf8.count), width: 4)
            bytes.append(contentsOf: text.utf8)
        }
        append(UInt64(bitPattern: recorded.millisecondsSinceEpoch), width: 8)
        append(dept)
        append(actor)
        append(subject)
        append(id)
        for value in values { append(value) }
        return bytes
    }

    init?(seq: Int64, role: Int, at: Int64, count: Int, payload: UnsafeRawBufferPointer) {
        var offset = 0
        func integer(_ width: Int) -> UInt64? {
            guard offset + width <= payload.count else { return nil }
            var value: UInt64 = 0
            for index in 0 ..< width { value |= UInt64(payload[offset + index]) << UInt64(index * 8) }
            offset += width
            return value
        }
        func text() -> String?? {
            guard let length = integer(4) else { return nil }
            if length == UInt64(UInt32.max) { return .some(nil) }
            guard offset + Int(length) <= payload.count else { return nil }
            let string = String(decoding: UnsafeRawBufferPointer(rebasing: payload[offset ..< offset + Int(length)]), as: UTF8.self)
            offset += Int(length)
            return .some(string)
        }
        guard let recorded = integer(8), let dept = text() ?? nil, let actor = text(), let subject = text() ?? nil, let id = text() ?? nil else {
            return nil
        }
        var values: [String] = []
        while offset < payload.count {
            guard let value = text() ?? nil else { return nil }
            values.append(value)
        }
        self.init(
            seq: seq, role: role, at: Instant(millisecondsSinceEpoch: at), recorded: Instant(millisecondsSinceEpoch: Int64(bitPattern: recorded)),
            dept: dept, actor: actor, subject: subject, id: id, values: values, count: count)
    }
}
