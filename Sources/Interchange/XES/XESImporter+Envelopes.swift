import EventLog

/// Building, checking and writing the envelope for each event.
extension XESImporter {
    /// The fields every envelope of an event shares with its `case.opened`.
    private struct EventFields {
        var at: String
        var dept: String
        var subject: String
    }

    /// Ends an event: builds its envelope (and the trace's `case.opened` before the
    /// first), checks it as ingest will, and queues its canonical line.
    func endEvent() {
        let record = ImportProblem.Record.event(trace: tracePosition, position: eventPosition)
        func refuse(_ reason: ImportProblem.Reason, field: String?) {
            warn(ImportProblem(line: eventLine, record: record, field: field, reason: reason))
        }
        guard let nameBytes = eventName, !nameBytes.isEmpty else {
            return refuse(.missingValue, field: "concept:name")
        }
        guard let timestamp = eventTimestamp else {
            return refuse(.missingTimestamp, field: "time:timestamp")
        }
        let at: String
        let reading = timestamp.withUnsafeBytes {
            TimestampReading.text($0, format: .iso8601, zone: options.timeZone, keepingRFC3339: true)
        }
        switch reading {
        case .success(let text): at = text
        case .failure(let failure): return refuse(failure.reason, field: "time:timestamp")
        }
        guard let deptBytes = eventDept ?? traceDept ?? options.dept.map({ Array($0.utf8) }), !deptBytes.isEmpty else {
            return refuse(.missingValue, field: options.deptAttribute ?? "dept")
        }
        let subject = options.subjectPrefix + traceSubjectName()
        let fields = EventFields(at: at, dept: String(decoding: deptBytes, as: UTF8.self), subject: subject)

        if !traceCarried, options.traceAttributes == .caseOpened {
            traceCarried = true
            writeCaseOpened(fields)
        }
        envelopeText.removeAll()
        envelopeText.raw("{\"id\":")
        if let identity = eventIdentity {
            envelopeText.string(identity)
        } else {
            envelopeText.string(subject + "#" + String(eventPosition))
        }
        envelopeText.raw(",\"type\":")
        envelopeText.string(type(for: nameBytes))
        envelopeText.raw(",\"at\":")
        envelopeText.string(fields.at)
        envelopeText.raw(",\"dept\":")
        envelopeText.string(deptBytes)
        if let actor = eventActor {
            envelopeText.raw(",\"actor\":")
            envelopeText.string(Array(options.actorPrefix.utf8) + actor)
        }
        envelopeText.raw(",\"subject\":")
        envelopeText.string(subject)
        envelopeText.raw(",\"data\":{")
        envelopeText.raw(eventData.bytes)
        var carriesTrace = false
        if !traceCarried, !traceData.bytes.isEmpty {
            switch options.traceAttributes {
            case .firstEvent:
                if eventKeys.contains("trace") {
                    warn(ImportProblem(line: eventLine, record: record, field: "trace", reason: .duplicateKey))
                } else {
                    if !eventData.bytes.isEmpty { envelopeText.byte(UInt8(ascii: ",")) }
                    envelopeText.raw("\"trace\":{")
                    envelopeText.raw(traceData.bytes)
                    envelopeText.byte(UInt8(ascii: "}"))
                    carriesTrace = true
                }
            case .mergedIntoFirstEvent:
                var empty = eventData.bytes.isEmpty
                for (key, member) in traceMembers {
                    // The event's own attribute wins over the trace's.
                    guard !key.withUnsafeBytes({ eventKeys.contains($0) }) else {
                        warn(ImportProblem(
                            line: eventLine, record: record, field: String(decoding: key, as: UTF8.self), reason: .shadowedTraceAttribute))
                        continue
                    }
                    if !empty { envelopeText.byte(UInt8(ascii: ",")) }
                    empty = false
                    envelopeText.raw(Array(traceData.bytes[member]))
                }
                carriesTrace = true
            case .caseOpened, .none:
                break
            }
        }
        envelopeText.raw("}}")
        if emit(envelopeText.bytes, line: eventLine, record: record), carriesTrace {
            traceCarried = true
        }
    }

    /// Writes the trace's synthetic `case.opened` event.
    private func writeCaseOpened(_ fields: EventFields) {
        envelopeText.removeAll()
        envelopeText.raw("{\"id\":")
        envelopeText.string(fields.subject + "#0")
        envelopeText.raw(",\"type\":")
        envelopeText.string(options.caseOpenedType)
        envelopeText.raw(",\"at\":")
        envelopeText.string(fields.at)
        envelopeText.raw(",\"dept\":")
        envelopeText.string(fields.dept)
        envelopeText.raw(",\"subject\":")
        envelopeText.string(fields.subject)
        envelopeText.raw(",\"data\":{")
        envelopeText.raw(traceData.bytes)
        envelopeText.raw("}}")
        _ = emit(envelopeText.bytes, line: traceLine, record: .trace(tracePosition))
    }

    /// Checks a line as ingest will and queues its canonical form.
    ///
    /// - Returns: Whether it was written.
    private func emit(_ bytes: [UInt8], line: Int, record: ImportProblem.Record) -> Bool {
        switch Envelope.parse(line: bytes) {
        case .success(let envelope):
            output.append(contentsOf: envelope.content)
            output.append(UInt8(ascii: "\n"))
            summary.written += 1
            return true
        case .failure(let rejection):
            let reason: ImportProblem.Reason
            if case .invalidUTF8 = rejection.reason { reason = .notUTF8 } else { reason = .rejectedEnvelope(rejection) }
            warn(ImportProblem(line: line, record: record, reason: reason))
            return false
        }
    }

    /// The trace's name for its subject, or its position when it has none.
    private func traceSubjectName() -> String {
        if let traceName, !traceName.isEmpty { return String(decoding: traceName, as: UTF8.self) }
        if !traceWarnedUnnamed {
            traceWarnedUnnamed = true
            warn(ImportProblem(line: traceLine, record: .trace(tracePosition), reason: .unnamedTrace))
        }
        return "trace-" + String(tracePosition)
    }

    /// The type for an event name, remembered for the names a log repeats.
    private func type(for nameBytes: [UInt8]) -> String {
        let name = String(decoding: nameBytes, as: UTF8.self)
        let transition = eventTransition.map { String(decoding: $0, as: UTF8.self) }
        let cacheKey = transition.map { name + "\u{0}" + $0 } ?? name
        if let cached = typeCache[cacheKey] { return cached }
        let (base, derivation) = naming.type(for: name)
        if derivation == .hashed, hashedNames.count < 100, !hashedNames.contains(where: { $0.name == name }) {
            hashedNames.append((name, base))
        }
        var type = base
        if let transition {
            type += "." + (EventTypeNaming.slug(transition) ?? "x" + String(SHA256.hash(transition).hex.prefix(8)))
        }
        if typeCache.count < 1 << 16 { typeCache[cacheKey] = type }
        return type
    }
}
