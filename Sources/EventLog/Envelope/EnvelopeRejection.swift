/// Why an ingested line is not an acceptable event envelope.
///
/// A rejection names the top-level field concerned (if any), a reason, a stable
/// machine-readable ``code`` and a human ``description``. Descriptions never contain
/// field values — events are about citizens, and rejections are printed to terminals
/// and written to logs. Only the name of an unknown key is shown, escaped and cut
/// short (see ``field``).
public struct EnvelopeRejection: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong with the line.
    public enum Reason: Sendable, Equatable {
        /// The line is not well-formed UTF-8; the offset is the first bad byte.
        case invalidUTF8(byteOffset: Int)
        /// The line is not RFC 8259 JSON; `detail` is the parser's short reason, for
        /// example `expected ',' or '}'` (see ``JSONParseError/Reason``).
        case invalidJSON(byteOffset: Int, detail: String)
        /// The line is JSON but not an object.
        case notAnObject
        /// The line is longer than the reader accepts (raised by the line reader).
        case lineTooLong(limit: Int)
        /// A required field is absent.
        case missingField
        /// A string field is the empty string.
        case emptyField
        /// A field has another JSON type than the one named.
        case wrongType(expected: String)
        /// A string field has more UTF-8 bytes than the limit.
        case tooLong(limit: Int)
        /// A string field contains a character U+0000–U+001F.
        case controlCharacter
        /// `at` is not an RFC 3339 date-time with an offset.
        case badTimestamp
        /// `type` is not a dotted lower-case name.
        case badTypeName
        /// A top-level key the envelope does not have (often a typo, such as `subjet`).
        case unknownField
        /// `seq` or `recorded`, which the log assigns.
        case reservedField
        /// `data` is present but not an object.
        case dataNotObject
        /// A payload field holds a value outside the closed set its schema documents.
        case notDocumentedValue
    }

    /// The top-level key concerned, if any.
    ///
    /// For an unknown key this is the key made safe to print: characters U+0000–U+001F,
    /// U+007F–U+009F, bidirectional formatting characters and `\` are written as
    /// `\u00xx`-style escapes (`\\` for the backslash), and only the first 40 Unicode
    /// scalars are kept, followed by `…` when the key was longer.
    public var field: String?
    /// What is wrong.
    public var reason: Reason

    /// Creates a rejection.
    ///
    /// - Parameters:
    ///   - field: The top-level key concerned, already safe to print (see
    ///     ``printableFieldName(_:)``), or `nil` for the line as a whole.
    ///   - reason: What is wrong.
    public init(field: String? = nil, reason: Reason) {
        self.field = field
        self.reason = reason
    }

    /// Creates a rejection; the shorter spelling used inside the module.
    init(_ reason: Reason, field: String? = nil) {
        self.init(field: field, reason: reason)
    }

    /// A stable machine name for the reason, such as `unknown_field`.
    public var code: String {
        switch reason {
        case .invalidUTF8: "invalid_utf8"
        case .invalidJSON: "invalid_json"
        case .notAnObject: "not_an_object"
        case .lineTooLong: "line_too_long"
        case .missingField: "missing_field"
        case .emptyField: "empty_field"
        case .wrongType: "wrong_type"
        case .tooLong: "too_long"
        case .controlCharacter: "control_character"
        case .badTimestamp: "bad_timestamp"
        case .badTypeName: "bad_type_name"
        case .unknownField: "unknown_field"
        case .reservedField: "reserved_field"
        case .dataNotObject: "data_not_object"
        case .notDocumentedValue: "undocumented_value"
        }
    }

    /// A one-line explanation without any field value, for example
    /// `field 'at': not RFC 3339 with an offset`.
    public var description: String {
        let text: String
        switch reason {
        case .invalidUTF8(let offset): text = "invalid UTF-8 at byte \(offset)"
        case .invalidJSON(let offset, let detail): text = "invalid JSON at byte \(offset): \(detail)"
        case .notAnObject: text = "not a JSON object"
        case .lineTooLong(let limit): text = "line longer than \(limit) bytes"
        case .missingField: text = "required but missing"
        case .emptyField: text = "must not be empty"
        case .wrongType(let expected): text = "must be \(expected)"
        case .tooLong(let limit): text = "longer than \(limit) bytes"
        case .controlCharacter: text = "contains a control character"
        case .badTimestamp: text = "not RFC 3339 with an offset"
        case .badTypeName: text = "not a dotted lower-case name such as 'case.accepted'"
        case .unknownField: text = "unknown top-level field"
        case .reservedField: text = "assigned by the log, not by the sender"
        case .dataNotObject: text = "must be a JSON object"
        case .notDocumentedValue: text = "not one of the values its schema documents"
        }
        guard let field else { return text }
        return "field '\(field)': \(text)"
    }

    /// Makes a key from the input safe to show in ``field`` or anywhere else.
    ///
    /// - Parameter key: The key as decoded from the line.
    /// - Returns: The key escaped and cut to 40 scalars as ``field`` describes.
    public static func printableFieldName(_ key: String) -> String {
        let limit = 40
        var result = ""
        var count = 0
        for scalar in key.unicodeScalars {
            if count == limit {
                result += "…"
                break
            }
            count += 1
            switch scalar.value {
            case 0x5C:
                result += "\\\\"
            case 0x00...0x1F, 0x7F...0x9F, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069:
                // Controls and bidirectional overrides could rewrite the terminal line.
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: max(0, 4 - hex.utf8.count)) + hex
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
