import EventLog

extension Finding {
    /// The finding in the projection store's binary form. Instants after `began` are written
    /// as their distance from it and evidence as steps from the seq before, so most numbers
    /// take a byte or three; the details' count comes first, so reading sizes them once.
    func encoded() -> [UInt8] {
        var writer = BinaryRecordWriter(capacity: 160)
        writer.string(id)
        writer.string(rule)
        writer.string(code)
        writer.string(severity.rawValue)
        writer.string(subject)
        writer.string(dept)
        writer.string(level.rawValue)
        writer.string(actor)
        let began = began.millisecondsSinceEpoch
        writer.integer(began)
        for instant in [redFrom, due] {
            // Whether it is there, then its distance from `began`.
            writer.integer(instant == nil ? 0 : 1)
            if let instant { writer.integer(instant.millisecondsSinceEpoch &- began) }
        }
        writer.integer(Int64(evidence.count))
        var previous: Int64 = 0
        for seq in evidence {
            writer.integer(seq &- previous)
            previous = seq
        }
        writer.integer(Int64(details.count))
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
            let actor = reader.string(), let began = reader.integer()
        else { return nil }
        var damaged = false
        func optionalInstant() -> Instant? {
            switch reader.integer() {
            case 0?: return nil
            case 1?:
                if let distance = reader.integer() { return Instant(millisecondsSinceEpoch: began &+ distance) }
            default: break
            }
            damaged = true
            return nil
        }
        let redFrom = optionalInstant()
        let due = optionalInstant()
        guard !damaged, let count = reader.count() else { return nil }
        var evidence: [Int64] = []
        evidence.reserveCapacity(Int(count))
        var previous: Int64 = 0
        for _ in 0 ..< count {
            guard let step = reader.integer() else { return nil }
            previous &+= step
            evidence.append(previous)
        }
        guard let detailCount = reader.count() else { return nil }
        var details = [String: String](minimumCapacity: Int(detailCount))
        for _ in 0 ..< detailCount {
            guard let key = reader.requiredString(), let value = reader.requiredString() else { return nil }
            details[key] = value
        }
        guard reader.isAtEnd else { return nil }
        self.init(
            id: id, rule: rule, code: code, severity: severity, subject: subject, dept: dept, actor: actor,
            began: Instant(millisecondsSinceEpoch: began), redFrom: redFrom, level: level, due: due, evidence: evidence, details: details)
    }
}

extension Fact {
    /// Appends everything but seq, role, at and count (which have columns) to a record, in
    /// binary form: recorded (as its distance from `at`), dept, actor (or none), subject, id,
    /// values.
    ///
    /// - Parameter encodedValues: the values already encoded (`KeyedFact.encodedValues`),
    ///   written as they are in place of `values`.
    func writePayload(to writer: inout BinaryRecordWriter, encodedValues: [UInt8]? = nil) {
        writer.integer(recorded.millisecondsSinceEpoch &- at.millisecondsSinceEpoch)
        writer.string(dept)
        writer.string(actor)
        writer.string(subject)
        writer.string(id)
        if let encodedValues {
            writer.raw(encodedValues)
        } else {
            for value in values { writer.string(value) }
        }
    }

    /// Reads a fact written by `writePayload(to:)`.
    ///
    /// - Parameter likely: the department and subject the caller expects (a tender's facts
    ///   share them), shared rather than decoded again when they are the ones stored.
    init?(seq: Int64, role: Int, at: Int64, count: Int, payload: UnsafeRawBufferPointer, likely: (dept: String, subject: String) = ("", "")) {
        var reader = BinaryRecordReader(payload)
        guard let lag = reader.integer(), let dept = reader.requiredString(likely: likely.dept), let actor = reader.string(),
            let subject = reader.requiredString(likely: likely.subject), let id = reader.requiredString()
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
