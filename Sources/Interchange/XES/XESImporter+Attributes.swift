import EventLog

/// Attributes: which ones become envelope fields, and how the rest become `data`.
extension XESImporter {
    /// Handles an attribute directly inside a trace or an event.
    func topLevelAttribute(_ type: XESValueType, owner: Owner, isEmpty: Bool) {
        let (key, value) = keyAndValue()
        if owner == .trace, eventPosition > 0 {
            warn(ImportProblem(
                line: tokenizer.line, record: .trace(tracePosition), field: key.map { String(decoding: $0, as: UTF8.self) },
                reason: .lateTraceAttribute))
            if !isEmpty { contexts.append(.ignored) }
            return
        }
        guard let key else {
            warn(ImportProblem(line: tokenizer.line, record: record(of: owner), reason: .missingKey))
            if !isEmpty { contexts.append(.ignored) }
            return
        }
        let emptyValue = UnsafeRawBufferPointer(start: nil, count: 0)
        guard isEmpty else {
            nodes = [XESAttribute(type: type, key: Array(key), value: value.map(Array.init) ?? [], line: tokenizer.line)]
            nodeOwner = owner
            contexts.append(.attribute)
            return
        }
        guard insertKey(key, owner: owner, line: tokenizer.line) else { return }
        if !type.isCollection, capture(key: key, value: value ?? emptyValue, owner: owner) { return }
        let line = tokenizer.line
        let record = record(of: owner)
        switch owner {
        case .event:
            if !eventData.bytes.isEmpty { eventData.byte(UInt8(ascii: ",")) }
            eventData.key(key)
            appendValue(type, value ?? emptyValue, key: key, line: line, record: record, into: &eventData)
        case .trace:
            if !traceData.bytes.isEmpty { traceData.byte(UInt8(ascii: ",")) }
            let memberStart = traceData.bytes.count
            traceData.key(key)
            appendValue(type, value ?? emptyValue, key: key, line: line, record: record, into: &traceData)
            traceMembers.append((Array(key), memberStart..<traceData.bytes.count))
        }
    }

    /// Handles a top-level attribute that had children, once its end tag is read.
    func topLevelNode(_ node: XESAttribute, owner: Owner) {
        guard let key = node.key else { return }
        let accepted = key.withUnsafeBytes { key in
            guard insertKey(key, owner: owner, line: node.line) else { return false }
            if !node.type.isCollection {
                return node.value.withUnsafeBytes { !capture(key: key, value: $0, owner: owner) }
            }
            return true
        }
        guard accepted else { return }
        let record = record(of: owner)
        switch owner {
        case .event:
            if !eventData.bytes.isEmpty { eventData.byte(UInt8(ascii: ",")) }
            eventData.key(key)
            appendNode(node, record: record, into: &eventData)
        case .trace:
            if !traceData.bytes.isEmpty { traceData.byte(UInt8(ascii: ",")) }
            let memberStart = traceData.bytes.count
            traceData.key(key)
            appendNode(node, record: record, into: &traceData)
            traceMembers.append((key, memberStart..<traceData.bytes.count))
        }
    }

    /// The record a trace's or the current event's problems are about.
    func record(of owner: Owner) -> ImportProblem.Record {
        owner == .event ? .event(trace: tracePosition, position: eventPosition) : .trace(tracePosition)
    }

    /// Notes a top-level key; warns and returns `false` when it was already used.
    private func insertKey(_ key: UnsafeRawBufferPointer, owner: Owner, line: Int) -> Bool {
        let inserted = owner == .event ? eventKeys.insert(key) : traceKeys.insert(key)
        if !inserted {
            warn(ImportProblem(line: line, record: record(of: owner), field: String(decoding: key, as: UTF8.self), reason: .duplicateKey))
        }
        return inserted
    }

    /// Keeps the values that become envelope fields.
    ///
    /// - Returns: `true` when the attribute is carried by an envelope field only and
    ///   is not written to `data`.
    private func capture(key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer, owner: Owner) -> Bool {
        switch owner {
        case .event:
            if key.equals("concept:name") {
                eventName = Array(value)
                return false
            }
            if key.equals("time:timestamp") {
                eventTimestamp = Array(value)
                return true
            }
            if let deptKey, key.equals(deptKey) {
                eventDept = Array(value)
                return true
            }
            if key.equals(actorKey) {
                eventActor = Array(value)
                return true
            }
            if key.equals("identity:id") {
                eventIdentity = Array(value)
                return true
            }
            if options.lifecycle, key.equals("lifecycle:transition") {
                eventTransition = Array(value)
            }
            return false
        case .trace:
            if key.equals("concept:name") {
                // The subject carries it.
                traceName = Array(value)
                return true
            }
            if let deptKey, key.equals(deptKey) {
                traceDept = Array(value)
                return true
            }
            return false
        }
    }

    /// Writes a value of an elementary type (or an empty collection) as JSON.
    func appendValue(
        _ type: XESValueType, _ value: UnsafeRawBufferPointer, key: UnsafeRawBufferPointer?, line: Int,
        record: ImportProblem.Record, into out: inout JSONOutput
    ) {
        var literal: [UInt8]?
        switch type {
        case .string, .id:
            out.string(value)
            return
        case .list:
            out.raw("[]")
            return
        case .container:
            out.raw("{}")
            return
        case .int:
            literal = ValueLiteral.integer(value)
        case .float:
            literal = ValueLiteral.decimal(value)
        case .boolean:
            literal = ValueLiteral.boolean(value).map { Array(($0 ? "true" : "false").utf8) }
        case .date:
            if Instant(rfc3339: value) != nil {
                out.string(value)
                return
            }
            if let civil = DateTimeFormat.iso8601.parse(value) {
                do throws(CivilDateTime.Failure) {
                    out.string(try civil.rfc3339(in: options.timeZone))
                    return
                } catch .noOffset {
                    // A local time and no zone to place it: kept as written, as the
                    // sender wrote it; nothing is lost.
                    out.string(value)
                    return
                } catch {
                    literal = nil
                }
            }
        }
        if let literal {
            out.raw(literal)
        } else {
            out.string(value)
            warn(ImportProblem(
                line: line, record: record, field: key.map { String(decoding: $0, as: UTF8.self) },
                reason: .keptAsString(expected: type.expectation)))
        }
    }

    /// Writes an attribute with children (or an item of one) as JSON.
    func appendNode(_ node: XESAttribute, record: ImportProblem.Record, into out: inout JSONOutput) {
        switch node.type {
        case .list:
            out.byte(UInt8(ascii: "["))
            for (index, child) in node.children.enumerated() {
                if index > 0 { out.byte(UInt8(ascii: ",")) }
                appendNode(child, record: record, into: &out)
            }
            out.byte(UInt8(ascii: "]"))
        case .container:
            out.byte(UInt8(ascii: "{"))
            var keys = KeySet()
            appendMembers(node.children, keys: &keys, record: record, into: &out)
            out.byte(UInt8(ascii: "}"))
        default:
            guard !node.children.isEmpty else {
                node.value.withUnsafeBytes { value in
                    let key = node.key
                    key.withOptionalBytes { appendValue(node.type, value, key: $0, line: node.line, record: record, into: &out) }
                }
                return
            }
            out.raw("{\"value\":")
            node.value.withUnsafeBytes { value in
                node.key.withOptionalBytes { appendValue(node.type, value, key: $0, line: node.line, record: record, into: &out) }
            }
            var keys = KeySet()
            _ = keys.insert(Array("value".utf8))
            out.byte(UInt8(ascii: ","))
            let mark = out.bytes.count
            appendMembers(node.children, keys: &keys, record: record, into: &out)
            if out.bytes.count == mark { out.bytes.removeLast() }
            out.byte(UInt8(ascii: "}"))
        }
    }

    /// Writes children as object members, each key once.
    private func appendMembers(
        _ children: [XESAttribute], keys: inout KeySet, record: ImportProblem.Record, into out: inout JSONOutput
    ) {
        var first = true
        for child in children {
            guard let key = child.key else {
                warn(ImportProblem(line: child.line, record: record, reason: .missingKey))
                continue
            }
            guard keys.insert(key) else {
                warn(ImportProblem(line: child.line, record: record, field: String(decoding: key, as: UTF8.self), reason: .duplicateKey))
                continue
            }
            if !first { out.byte(UInt8(ascii: ",")) }
            first = false
            out.key(key)
            appendNode(child, record: record, into: &out)
        }
    }
}

extension Optional where Wrapped == [UInt8] {
    /// Lends the bytes, or `nil`, to `body`.
    fileprivate func withOptionalBytes<R>(_ body: (UnsafeRawBufferPointer?) -> R) -> R {
        switch self {
        case .some(let bytes): bytes.withUnsafeBytes { body($0) }
        case .none: body(nil)
        }
    }
}
