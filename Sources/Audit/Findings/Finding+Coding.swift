import EventLog

extension Finding {
    /// The finding in the projection store's binary form.
    func encoded() -> [UInt8] {
        var writer = BinaryRecordWriter(capacity: 256)
        for text in [id, rule, code, severity.rawValue, subject, dept, level.rawValue] { writer.string(text) }
        writer.string(actor)
        writer.integer(began.millisecondsSinceEpoch)
        writer.integer(redFrom?.millisecondsSinceEpoch ?? Int64.min)
        writer.integer(due?.millisecondsSinceEpoch ?? Int64.min)
        writer.integer(Int64(evidence.count))
        for seq in evidence { writer.integer(seq) }
        for (key, value) in details.sorted(by: { $0.key < $1.key }) {
            writer.string(key)
            writer.string(value)
        }
        return writer.bytes
    }

    /// Reads a finding written by `encoded()`.
    ///
    /// - Parameter likelyRule: the rule's id as the caller expects it, shared by the finding
    ///   rather than decoded again when it is the one stored.
    init?(encoded bytes: UnsafeRawBufferPointer, likelyRule: String = "") {
        var reader = BinaryRecordReader(bytes)
        guard let id = reader.requiredString(), let rule = reader.requiredString(likely: likelyRule), let code = reader.requiredString(),
            let severity = reader.requiredString().flatMap(Severity.init(rawValue:)), let subject = reader.requiredString(),
            let dept = reader.requiredString(), let level = reader.requiredString().flatMap(FindingLevel.init(rawValue:)),
            let actor = reader.string(), let began = reader.integer(), let redFrom = reader.integer(), let due = reader.integer(),
            let count = reader.integer(), count >= 0
        else { return nil }
        var evidence: [Int64] = []
        evidence.reserveCapacity(Int(count))
        for _ in 0 ..< count {
            guard let seq = reader.integer() else { return nil }
            evidence.append(seq)
        }
        var details: [String: String] = [:]
        while !reader.isAtEnd {
            guard let key = reader.requiredString(), let value = reader.requiredString() else { return nil }
            details[key] = value
        }
        self.init(
            id: id, rule: rule, code: code, severity: severity, subject: subject, dept: dept, actor: actor,
            began: Instant(millisecondsSinceEpoch: began), redFrom: redFrom == Int64.min ? nil : Instant(millisecondsSinceEpoch: redFrom),
            level: level, due: due == Int64.min ? nil : Instant(millisecondsSinceEpoch: due), evidence: evidence, details: details)
    }
}

extension Fact {
    /// Appends everything but seq, role, at and count (which have columns) to a record, in
    /// binary form: recorded (as its distance from `at`), dept, actor (or none), subject, id,
    /// values.
    func writePayload(to writer: inout BinaryRecordWriter) {
        writer.integer(recorded.millisecondsSinceEpoch &- at.millisecondsSinceEpoch)
        writer.string(dept)
        writer.string(actor)
        writer.string(subject)
        writer.string(id)
        for value in values { writer.string(value) }
    }

    init?(seq: Int64, role: Int, at: Int64, count: Int, payload: UnsafeRawBufferPointer) {
        var reader = BinaryRecordReader(payload)
        guard let lag = reader.integer(), let dept = reader.requiredString(), let actor = reader.string(),
            let subject = reader.requiredString(), let id = reader.requiredString()
        else { return nil }
        var values: [String] = []
        while !reader.isAtEnd {
            guard let value = reader.requiredString() else { return nil }
            values.append(value)
        }
        self.init(
            seq: seq, role: role, at: Instant(millisecondsSinceEpoch: at), recorded: Instant(millisecondsSinceEpoch: at &+ lag),
            dept: dept, actor: actor, subject: subject, id: id, values: values, count: count)
    }

    /// The department in a payload written by `writePayload(to:)`, read without decoding the rest.
    static func dept(inPayload bytes: [UInt8]) -> String? {
        bytes.withUnsafeBytes { raw in
            var reader = BinaryRecordReader(raw)
            guard reader.integer() != nil else { return nil }
            return reader.requiredString()
        }
    }

}
