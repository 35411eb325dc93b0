public import EventLog

/// Reads a CSV file as a stream and writes one envelope per row, as a ``CSVMapping``
/// says, ready for `ironcage ingest`.
///
/// A row that cannot be mapped — a missing or empty required cell, a timestamp or
/// number that does not read, text that is not UTF-8, a malformed record — is reported
/// with its row number, its line and the column at fault, never the cell's value, and
/// the rest still flow. Values are checked by the same ``EventLog/Envelope`` parser
/// that ingest uses, so what is written will be accepted.
///
/// Not `Sendable`: one importer reads one source.
public final class CSVImporter {
    /// The mapping in force.
    public let mapping: CSVMapping
    /// What was read and written so far.
    public private(set) var summary = ImportSummary()
    /// Type names that had to fall back to a hashed type, with that type (the first 100).
    public private(set) var hashedNames: [(name: String, type: String)] = []

    private let reader: CSVReader

    /// A mapped source with its column resolved.
    private enum Resolved {
        case column(index: Int, name: String)
        case constant([UInt8])
        case row
    }

    private var columns: [String] = []
    private var id: Resolved?
    private var type = Resolved.constant([])
    private var at = Resolved.constant([])
    private var dept = Resolved.constant([])
    private var actor: Resolved?
    private var subject = Resolved.constant([])
    private var data: [(field: CSVMapping.DataField, source: Resolved?)] = []
    private var selection: Resolved?
    private var row = 0
    private var envelopeText = JSONOutput()
    private var output: [UInt8] = []

    /// Creates an importer.
    ///
    /// - Parameters:
    ///   - source: The CSV bytes.
    ///   - mapping: How columns become fields.
    public init(source: some ByteSource, mapping: CSVMapping) {
        self.mapping = mapping
        self.reader = CSVReader(source: source, delimiter: mapping.delimiter)
    }

    /// Why a row is refused: the column concerned and the reason.
    private struct Refusal: Error {
        var column: String?
        var reason: ImportProblem.Reason
    }

    /// Reads every row.
    ///
    /// - Parameters:
    ///   - write: Receives envelope lines (canonical JSON, each ending in a line feed) in batches.
    ///   - report: Receives each problem, in input order.
    /// - Returns: What was read and written.
    /// - Throws: ``CSVFormatError`` for a header that lacks a mapped column or an
    ///   over-long record (rows written before stand), or what `write` or the source throw.
    public func run(write: (UnsafeRawBufferPointer) throws -> Void, report: (ImportProblem) -> Void) throws -> ImportSummary {
        func flush() throws {
            guard !output.isEmpty else { return }
            try output.withUnsafeBytes { try write($0) }
            output.removeAll(keepingCapacity: true)
        }
        defer { try? flush() }
        if mapping.header {
            guard try reader.next() else { return summary }
            columns = (0..<reader.fieldCount).map { reader.fieldString($0).trimmingASCIISpaces() }
        }
        try resolveColumns()
        while try reader.next() {
            row += 1
            summary.records += 1
            do {
                try mapRow()
            } catch let error as Refusal {
                let problem = ImportProblem(line: reader.line, record: .row(row), field: error.column, reason: error.reason)
                summary.count(problem)
                report(problem)
            }
            if output.count >= 1 << 16 { try flush() }
        }
        try flush()
        return summary
    }

    /// Turns names into positions against the header.
    private func resolveColumns() throws {
        func resolve(_ source: CSVMapping.Source) throws -> Resolved {
            switch source {
            case .constant(let text):
                return .constant(Array(text.utf8))
            case .row:
                return .row
            case .position(let position):
                let name = position <= columns.count ? columns[position - 1] : "column \(position)"
                return .column(index: position - 1, name: name.isEmpty ? "column \(position)" : name)
            case .named(let name):
                let matches = columns.indices.filter { columns[$0] == name }
                guard matches.count == 1 else {
                    let listed = columns.map { EnvelopeRejection.printableFieldName($0) }.joined(separator: ", ")
                    let problem = matches.isEmpty ? "is not in the header" : "appears \(matches.count) times in the header"
                    throw CSVFormatError(
                        line: 1, message: "column '\(EnvelopeRejection.printableFieldName(name))' \(problem) (columns: \(listed))")
                }
                return .column(index: matches[0], name: name)
            }
        }
        func resolve(_ field: CSVMapping.Field) throws -> Resolved {
            let resolved = try resolve(field.source)
            if case .constant(let text) = resolved { return .constant(Array(field.prefix.utf8) + text) }
            return resolved
        }
        id = try mapping.id.map { try resolve($0) }
        type = try resolve(mapping.type)
        at = try resolve(mapping.at)
        dept = try resolve(mapping.dept)
        actor = try mapping.actor.map { try resolve($0) }
        subject = try resolve(mapping.subject)
        data = try mapping.data.map { field in (field, try field.source.map { try resolve($0) }) }
        selection = try mapping.rows.map { try resolve($0.source) }
    }

    /// The name a problem gives a source.
    private func name(of source: Resolved) -> String? {
        if case .column(_, let name) = source { return name }
        return nil
    }

    /// Lends a source's text on the current row to `body`.
    ///
    /// - Throws: ``Refusal`` for a missing column or a cell that is not UTF-8, or what `body` throws.
    private func withText<R>(_ source: Resolved, _ body: (UnsafeRawBufferPointer) throws -> R) throws -> R {
        switch source {
        case .constant(let bytes):
            return try bytes.withUnsafeBytes { try body($0) }
        case .row:
            return try Array(String(row).utf8).withUnsafeBytes { try body($0) }
        case .column(let index, let name):
            guard index < reader.fieldCount else {
                throw Refusal(column: name, reason: .missingColumn(fields: reader.fieldCount))
            }
            return try reader.withField(index) { cell in
                guard UTF8Validation.isValid(cell) else { throw Refusal(column: name, reason: .notUTF8) }
                return try body(cell)
            }
        }
    }

    /// A required envelope field's text, prefixed.
    private func required(_ source: Resolved, prefix: String) throws -> [UInt8] {
        try withText(source) { text throws in
            guard !text.isEmpty else { throw Refusal(column: name(of: source), reason: .missingValue) }
            if case .constant = source { return Array(text) }
            return Array(prefix.utf8) + Array(text)
        }
    }

    /// Maps the current row and queues its envelope.
    private func mapRow() throws {
        if let malformation = reader.malformation { throw Refusal(column: nil, reason: .malformedRecord(malformation)) }
        if let selection, let values = mapping.rows?.values {
            let text = try withText(selection) { String(decoding: $0, as: UTF8.self) }
            guard values.contains(text.trimmingASCIISpaces()) else {
                summary.skipped += 1
                return
            }
        }
        let typeName = try required(type, prefix: "")
        let eventType: String
        if case .constant = type {
            eventType = String(decoding: typeName, as: UTF8.self)
        } else {
            let name = String(decoding: typeName, as: UTF8.self)
            let (derived, derivation) = mapping.typeNaming.type(for: name)
            if derivation == .hashed, hashedNames.count < 100, !hashedNames.contains(where: { $0.name == name }) {
                hashedNames.append((name, derived))
            }
            eventType = derived
        }
        let atText = try withText(at) { text throws in
            let trimmed = text.trimmingASCIISpaces()
            guard !trimmed.isEmpty else { throw Refusal(column: name(of: at), reason: .missingTimestamp) }
            if mapping.atUnixSeconds {
                guard let text = Self.unixSecondsText(trimmed) else {
                    throw Refusal(column: name(of: at), reason: .badTimestamp(expected: "seconds since 1970-01-01T00:00:00Z"))
                }
                return text
            }
            switch TimestampReading.text(trimmed, format: mapping.atFormat, zone: mapping.atTimeZone, keepingRFC3339: !mapping.atFormat.isPattern) {
            case .success(let value): return value
            case .failure(let failure): throw Refusal(column: name(of: at), reason: failure.reason)
            }
        }
        let deptText = try required(dept, prefix: mapping.dept.prefix)
        let subjectText = try required(subject, prefix: mapping.subject.prefix)
        var actorText: [UInt8]?
        if let actor, let prefix = mapping.actor?.prefix {
            actorText = try withText(actor) { text throws -> [UInt8]? in
                if text.isEmpty { return nil }
                if case .constant = actor { return Array(text) }
                return Array(prefix.utf8) + Array(text)
            }
        }
        let idText = try id.map { try required($0, prefix: mapping.id?.prefix ?? "") }

        envelopeText.removeAll()
        envelopeText.raw("{\"type\":")
        envelopeText.string(eventType)
        envelopeText.raw(",\"at\":")
        envelopeText.string(atText)
        envelopeText.raw(",\"dept\":")
        envelopeText.string(deptText)
        if let actorText {
            envelopeText.raw(",\"actor\":")
            envelopeText.string(actorText)
        }
        envelopeText.raw(",\"subject\":")
        envelopeText.string(subjectText)
        envelopeText.raw(",\"data\":{")
        try appendData()
        envelopeText.raw("}")
        if let idText {
            envelopeText.raw(",\"id\":")
            envelopeText.string(idText)
        } else {
            // The hash of the rest of the envelope, in canonical form.
            envelopeText.byte(UInt8(ascii: "}"))
            guard let canonical = try? CanonicalJSON.canonicalize(envelopeText.bytes) else {
                throw Refusal(column: nil, reason: .notUTF8)
            }
            envelopeText.bytes.removeLast()
            envelopeText.raw(",\"id\":")
            envelopeText.string("sha256:" + String(SHA256.hash(canonical).hex.prefix(32)))
        }
        envelopeText.byte(UInt8(ascii: "}"))
        switch Envelope.parse(line: envelopeText.bytes) {
        case .success(let envelope):
            output.append(contentsOf: envelope.content)
            output.append(UInt8(ascii: "\n"))
            summary.written += 1
        case .failure(let rejection):
            throw Refusal(column: nil, reason: .rejectedEnvelope(rejection))
        }
    }

    /// Writes the `data` members of the current row.
    private func appendData() throws {
        var first = true
        for (field, source) in data {
            guard let source else {
                if !first { envelopeText.byte(UInt8(ascii: ",")) }
                first = false
                envelopeText.key(field.key)
                envelopeText.raw(field.constant ?? [])
                continue
            }
            let column = name(of: source)
            let literal: [UInt8]? = try withText(source) { text throws -> [UInt8]? in
                let trimmed = field.type == .string ? text : text.trimmingASCIISpaces()
                if trimmed.isEmpty {
                    if field.required { throw Refusal(column: column, reason: .missingValue) }
                    return nil
                }
                var value = JSONOutput()
                switch field.type {
                case .string:
                    if let values = field.values {
                        guard let mapped = values[String(decoding: trimmed.trimmingASCIISpaces(), as: UTF8.self)] else {
                            throw Refusal(column: column, reason: .badValue(expected: "one of the values listed in data.\(field.key).map"))
                        }
                        value.string(mapped)
                    } else {
                        value.string(trimmed)
                    }
                case .int:
                    guard let number = ValueLiteral.integer(trimmed) else {
                        throw Refusal(column: column, reason: .badValue(expected: "a whole number"))
                    }
                    value.raw(number)
                case .number:
                    guard let number = ValueLiteral.decimal(trimmed) else {
                        throw Refusal(column: column, reason: .badValue(expected: "a number"))
                    }
                    value.raw(number)
                case .bool:
                    guard let flag = ValueLiteral.boolean(trimmed) else {
                        throw Refusal(column: column, reason: .badValue(expected: "true or false (also 1/0, yes/no, 是/否)"))
                    }
                    value.raw(flag ? "true" : "false")
                case .date:
                    value.string(try dateText(trimmed, field: field, column: column))
                }
                return value.bytes
            }
            guard let literal else { continue }
            if !first { envelopeText.byte(UInt8(ascii: ",")) }
            first = false
            envelopeText.key(field.key)
            envelopeText.raw(literal)
        }
    }

    /// A `date` cell as RFC 3339, or as `YYYY-MM-DD` for a format without time.
    private func dateText(_ text: UnsafeRawBufferPointer, field: CSVMapping.DataField, column: String?) throws -> String {
        if field.unixSeconds {
            guard let written = Self.unixSecondsText(text) else {
                throw Refusal(column: column, reason: .badTimestamp(expected: "seconds since 1970-01-01T00:00:00Z"))
            }
            return written
        }
        let expected = Refusal(column: column, reason: .badTimestamp(expected: field.format.description))
        guard field.format.hasTime else {
            guard let civil = field.format.parse(text),
                Instant(year: civil.year, month: civil.month, day: civil.day) != nil, (1...9999).contains(civil.year)
            else { throw expected }
            func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
            let year = String(civil.year)
            return String(repeating: "0", count: 4 - year.count) + year + "-" + two(civil.month) + "-" + two(civil.day)
        }
        switch TimestampReading.text(text, format: field.format, zone: field.timeZone, keepingRFC3339: !field.format.isPattern) {
        case .success(let value): return value
        case .failure(let failure): throw Refusal(column: column, reason: failure.reason)
        }
    }
}

extension CSVImporter {
    /// Seconds since the Unix epoch (`1274918400`, `-86400`, `1274918400.25`) as RFC 3339 in
    /// UTC, to the millisecond; nil for other text or an instant outside the years 1–9999.
    static func unixSecondsText(_ text: UnsafeRawBufferPointer) -> String? {
        guard let literal = ValueLiteral.decimal(text), let seconds = Double(String(decoding: literal, as: UTF8.self)),
            (-62_135_596_800...253_402_300_799).contains(seconds)
        else { return nil }
        return Instant(millisecondsSinceEpoch: Int64((seconds * 1000).rounded())).string(offsetSeconds: 0)
    }
}

extension String {
    /// The string without leading and trailing ASCII spaces and tabs.
    fileprivate func trimmingASCIISpaces() -> String {
        var scalars = Substring(self)
        while scalars.first == " " || scalars.first == "\t" { scalars.removeFirst() }
        while scalars.last == " " || scalars.last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}

extension UnsafeRawBufferPointer {
    /// The bytes without leading and trailing ASCII spaces and tabs.
    fileprivate func trimmingASCIISpaces() -> UnsafeRawBufferPointer {
        var lower = 0
        var upper = count
        while lower < upper, self[lower] == 0x20 || self[lower] == 0x09 { lower += 1 }
        while upper > lower, self[upper - 1] == 0x20 || self[upper - 1] == 0x09 { upper -= 1 }
        return UnsafeRawBufferPointer(rebasing: self[lower..<upper])
    }
}
