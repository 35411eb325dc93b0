/// Why a byte sequence is not acceptable JSON text, and where.
///
/// The error names a byte offset and a short fixed reason and never quotes the input:
/// event lines are about citizens, and error messages end up in logs and terminals.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, in a few fixed words.
    public enum Reason: Sendable, Equatable, CustomStringConvertible {
        /// The bytes are not well-formed UTF-8 (RFC 8259 §8.1, RFC 3629).
        case invalidUTF8
        /// The input ended where more was required.
        case unexpectedEnd
        /// A value was required but the byte cannot start one (this covers `NaN`,
        /// a leading `+`, comments and stray punctuation).
        case expectedValue
        /// `t`, `f` or `n` not followed by the rest of `true`, `false` or `null`.
        case invalidLiteral
        /// Inside an object, after a member.
        case expectedCommaOrObjectEnd
        /// Inside an array, after an element.
        case expectedCommaOrArrayEnd
        /// After an object key.
        case expectedColon
        /// Where an object key must start.
        case expectedKey
        /// A `,` directly followed by `]` or `}`.
        case trailingComma
        /// A string whose closing quote never comes; the offset is its opening quote.
        case unterminatedString
        /// A byte below 0x20 inside a string (RFC 8259 §7 requires them escaped).
        case controlCharacterInString
        /// A backslash followed by a byte that starts no escape of RFC 8259 §7.
        case invalidEscape
        /// `\u` not followed by four hexadecimal digits.
        case invalidUnicodeEscape
        /// A `\u` escape of a UTF-16 surrogate without its partner.
        case loneSurrogate
        /// A number with a superfluous leading zero, such as `01`.
        case leadingZero
        /// A number missing digits after `-`, `.`, `e` or `E`.
        case expectedDigit
        /// A key that occurs twice in one object (RFC 8259 §4 says names SHOULD be
        /// unique; IronCage requires it). The offset is the second occurrence.
        case duplicateKey
        /// Arrays and objects nested deeper than ``JSONParser/maximumDepth``.
        case nestingTooDeep
        /// Something other than white space after the top-level value.
        case trailingData

        /// The fixed short text, for example `expected ',' or '}'`.
        public var description: String {
            switch self {
            case .invalidUTF8: "invalid UTF-8"
            case .unexpectedEnd: "unexpected end of input"
            case .expectedValue: "expected a value"
            case .invalidLiteral: "invalid literal"
            case .expectedCommaOrObjectEnd: "expected ',' or '}'"
            case .expectedCommaOrArrayEnd: "expected ',' or ']'"
            case .expectedColon: "expected ':'"
            case .expectedKey: "expected a string key"
            case .trailingComma: "trailing comma"
            case .unterminatedString: "unterminated string"
            case .controlCharacterInString: "unescaped control character in string"
            case .invalidEscape: "invalid escape"
            case .invalidUnicodeEscape: "invalid \\u escape"
            case .loneSurrogate: "lone surrogate \\u escape"
            case .leadingZero: "leading zero"
            case .expectedDigit: "expected a digit"
            case .duplicateKey: "duplicate key"
            case .nestingTooDeep: "nesting deeper than \(JSONParser.maximumDepth)"
            case .trailingData: "unexpected data after the value"
            }
        }
    }

    /// Offset, from the start of the input, of the byte where the problem is.
    public var byteOffset: Int
    /// What is wrong.
    public var reason: Reason

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - reason: What is wrong.
    ///   - byteOffset: Where, counted in bytes from the start of the input.
    public init(_ reason: Reason, at byteOffset: Int) {
        self.reason = reason
        self.byteOffset = byteOffset
    }

    /// For example `invalid JSON at byte 42: expected ',' or '}'`.
    public var description: String {
        "invalid JSON at byte \(byteOffset): \(reason)"
    }
}
