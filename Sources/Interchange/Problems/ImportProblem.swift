public import EventLog

/// Something an importer could not carry over as it stood, reported without values.
///
/// Imported records are about citizens, and problems are printed to terminals and
/// kept in logs, so a problem names where it happened (input line, CSV row, XES
/// trace and event, or OCDS release), the field concerned (a CSV column name, an XES
/// attribute key or an OCDS field's path, made safe to print with
/// ``EnvelopeRejection/printableFieldName(_:)``) and why — never the value it found.
///
/// A problem either refuses its record (no envelope is written for it, and the
/// import's exit status says so) or is a warning: the record is written, with the
/// detail the warning describes.
public struct ImportProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// Which record of the input a problem is about.
    public enum Record: Sendable, Equatable {
        /// A CSV data row, counted from 1 after the header.
        case row(Int)
        /// An XES trace, counted from 1 in the file.
        case trace(Int)
        /// An XES event: its trace and its position in that trace, both from 1.
        case event(trace: Int, position: Int)
        /// An OCDS release, counted from 1 in the input (each line, or each release
        /// of a package).
        case release(Int)
    }

    /// What went wrong.
    public enum Reason: Sendable, Equatable {
        // Refusals: the record is not written.
        /// The timestamp is absent; IronCage never invents one.
        case missingTimestamp
        /// The timestamp does not read as a date-time in the expected form.
        case badTimestamp(expected: String)
        /// The timestamp is a local time and no time zone was configured for it.
        case timestampWithoutOffset
        /// A value the envelope needs (type, id, subject, dept) is absent or empty.
        case missingValue
        /// A CSV row has fewer fields than the mapped column's position.
        case missingColumn(fields: Int)
        /// A cell does not read as the configured data type.
        case badValue(expected: String)
        /// The cell or attribute is not well-formed UTF-8.
        case notUTF8
        /// The envelope built from the record fails ingest's own checks.
        case rejectedEnvelope(EnvelopeRejection)
        /// A CSV record is not RFC 4180 (for example text after a closing quote).
        case malformedRecord(String)
        /// A JSON line or document is not RFC 8259 JSON.
        case invalidJSON(JSONParseError)
        /// A line is longer than the importer reads.
        case lineTooLong(length: Int, limit: Int)

        // Warnings: the record is written.
        /// An attribute key occurs twice at one level; the later one is left out.
        case duplicateKey
        /// A typed XES value does not read as its type; it is kept as a string.
        case keptAsString(expected: String)
        /// An XES attribute element has no `key`; it is left out.
        case missingKey
        /// A trace attribute follows the trace's first event; streaming has already
        /// written the events it would have gone with, so it is left out.
        case lateTraceAttribute
        /// A trace attribute merged into the first event has the key of one of the
        /// event's own attributes; the event's is kept.
        case shadowedTraceAttribute
        /// A trace has no `concept:name`; its subject uses its position instead.
        case unnamedTrace
        /// No event of a trace was written, so its attributes went nowhere.
        case traceAttributesUnused
        /// An element XES does not define here; it and its content are skipped.
        case unexpectedElement(String)
        /// A value outside the closed set the format defines; the field is left out.
        case unknownCode(expected: String)
    }

    /// The input line where the record (or the element concerned) starts, from 1.
    public var line: Int
    /// The record concerned, when there is one.
    public var record: Record?
    /// The column name or attribute key concerned, safe to print.
    public var field: String?
    /// What went wrong.
    public var reason: Reason

    /// Creates a problem.
    ///
    /// - Parameters:
    ///   - line: The input line, from 1.
    ///   - record: The record concerned.
    ///   - field: A column name or attribute key as read; it is made safe to print.
    ///   - reason: What went wrong.
    public init(line: Int, record: Record? = nil, field: String? = nil, reason: Reason) {
        self.line = line
        self.record = record
        self.field = field.map(EnvelopeRejection.printableFieldName)
        self.reason = reason
    }

    /// Whether the record was left out (as opposed to written with a warning).
    public var refusesRecord: Bool {
        switch reason {
        case .missingTimestamp, .badTimestamp, .timestampWithoutOffset, .missingValue, .missingColumn, .badValue,
            .notUTF8, .rejectedEnvelope, .malformedRecord, .invalidJSON, .lineTooLong:
            true
        case .duplicateKey, .keptAsString, .missingKey, .lateTraceAttribute, .shadowedTraceAttribute, .unnamedTrace,
            .traceAttributesUnused, .unexpectedElement, .unknownCode:
            false
        }
    }

    /// A stable machine name for the reason, such as `missing_timestamp`.
    public var code: String {
        switch reason {
        case .missingTimestamp: "missing_timestamp"
        case .badTimestamp: "bad_timestamp"
        case .timestampWithoutOffset: "timestamp_without_offset"
        case .missingValue: "missing_value"
        case .missingColumn: "missing_column"
        case .badValue: "bad_value"
        case .notUTF8: "not_utf8"
        case .rejectedEnvelope(let rejection): "envelope_" + rejection.code
        case .malformedRecord: "malformed_record"
        case .invalidJSON: "invalid_json"
        case .lineTooLong: "line_too_long"
        case .duplicateKey: "duplicate_key"
        case .keptAsString: "kept_as_string"
        case .missingKey: "missing_key"
        case .lateTraceAttribute: "late_trace_attribute"
        case .shadowedTraceAttribute: "shadowed_trace_attribute"
        case .unnamedTrace: "unnamed_trace"
        case .traceAttributesUnused: "trace_attributes_unused"
        case .unexpectedElement: "unexpected_element"
        case .unknownCode: "unknown_code"
        }
    }

    /// One line without any value from the input, for example
    /// `row 17: column '受理时间': not a date-time in 'yyyy-MM-dd HH:mm:ss'; row skipped`.
    public var description: String {
        var parts: [String] = []
        switch record {
        case .row(let number)?: parts.append("row \(number)")
        case .trace(let number)?: parts.append("trace \(number)")
        case .event(let trace, let position)?: parts.append("trace \(trace), event \(position)")
        case .release(let number)?: parts.append("release \(number)")
        case nil: break
        }
        if let field {
            switch record {
            case .row?: parts.append("column '\(field)'")
            case .release?: parts.append("field '\(field)'")
            default: parts.append("attribute '\(field)'")
            }
        }
        var text = parts.joined(separator: ": ")
        if !text.isEmpty { text += ": " }
        text += explanation
        return text
    }

    /// The reason in words, with what happened to the record.
    private var explanation: String {
        let skipped: String
        switch record {
        case .row?: skipped = "; row skipped"
        case .event?: skipped = "; event skipped"
        case .release?: skipped = "; release skipped"
        case .trace?, nil: skipped = ""
        }
        switch reason {
        case .missingTimestamp: return "no timestamp" + skipped
        case .badTimestamp(let expected): return "not a date-time in \(expected)" + skipped
        case .timestampWithoutOffset: return "a local time with no UTC offset and no time zone configured (--tz)" + skipped
        case .missingValue: return "required but missing or empty" + skipped
        case .missingColumn(let fields): return "the row has only \(fields) field\(fields == 1 ? "" : "s")" + skipped
        case .badValue(let expected): return "not \(expected)" + skipped
        case .notUTF8: return "not UTF-8 (convert the file first, e.g. iconv -f GB18030 -t UTF-8)" + skipped
        case .rejectedEnvelope(let rejection): return "the envelope would be refused: \(rejection)" + skipped
        case .malformedRecord(let detail): return "not RFC 4180: \(detail)" + skipped
        case .invalidJSON(let error): return "\(error)" + skipped
        case .lineTooLong(let length, let limit): return "a line of \(length) bytes, over the limit of \(limit)" + skipped
        case .duplicateKey: return "the key occurs again at the same level; the later one is left out"
        case .keptAsString(let expected): return "not \(expected); kept as a string"
        case .missingKey: return "an attribute without a key; left out"
        case .lateTraceAttribute: return "a trace attribute after the trace's first event; left out"
        case .shadowedTraceAttribute: return "the event has an attribute with the same key; the trace's is left out"
        case .unnamedTrace: return "the trace has no concept:name; its subject uses its position"
        case .traceAttributesUnused: return "no event of the trace was written, so its attributes were not carried"
        case .unexpectedElement(let name): return "element <\(EnvelopeRejection.printableFieldName(name))> is not expected here; skipped"
        case .unknownCode(let expected): return "not \(expected); left out"
        }
    }
}
