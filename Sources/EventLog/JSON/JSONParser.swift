/// A strict JSON parser (RFC 8259) working directly on bytes.
///
/// Accepts exactly the RFC 8259 grammar: no trailing commas, comments, `NaN`,
/// `Infinity`, leading zeros, leading `+`, single quotes or other extensions. The input
/// must be well-formed UTF-8 (RFC 8259 §8.1), checked before parsing so that a UTF-8
/// problem is always reported as ``JSONParseError/Reason/invalidUTF8`` at the first bad
/// byte, ahead of any grammar problem. Beyond the grammar, IronCage requires:
///
/// - object keys to be unique (compared by UTF-8 bytes after escapes are decoded);
///   a duplicate is detected when its object's closing `}` is reached and reported at
///   the second occurrence of the key;
/// - `\u` escapes of UTF-16 surrogates to come in high–low pairs (RFC 8259 §7 allows
///   lone ones, which cannot be represented in UTF-8);
/// - arrays and objects nested at most ``maximumDepth`` deep.
///
/// Numbers are checked against the grammar of RFC 8259 §6 and kept as their literal
/// text. Errors report the first problem in document order, except as noted for
/// duplicate keys.
///
/// A parser keeps scratch buffers between calls; reuse one to parse many documents
/// without reallocating them.
public struct JSONParser {
    /// The deepest nesting of arrays and objects accepted; the top-level array or
    /// object counts as depth 1.
    public static let maximumDepth = 64

    private var grammar = JSONGrammar(builder: JSONTreeBuilder())

    /// Creates a parser.
    public init() {}

    /// Parses one JSON text.
    ///
    /// - Parameter bytes: The complete text, UTF-8.
    /// - Returns: The value.
    /// - Throws: ``JSONParseError`` for the first problem found.
    public static func parse(_ bytes: UnsafeRawBufferPointer) throws(JSONParseError) -> JSONValue {
        var parser = JSONParser()
        return try parser.parse(bytes)
    }

    /// Parses one JSON text held in an array.
    ///
    /// - Parameter bytes: The complete text, UTF-8.
    /// - Returns: The value.
    /// - Throws: ``JSONParseError`` for the first problem found.
    public static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        var parser = JSONParser()
        return try parser.parse(bytes)
    }

    /// Parses one JSON text held in a string.
    ///
    /// - Parameter text: The complete text.
    /// - Returns: The value.
    /// - Throws: ``JSONParseError`` for the first problem found.
    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        var parser = JSONParser()
        return try parser.parse(Array(text.utf8))
    }

    /// Parses one JSON text held in an array, reusing this parser's buffers.
    ///
    /// - Parameter bytes: The complete text, UTF-8.
    /// - Returns: The value.
    /// - Throws: ``JSONParseError`` for the first problem found.
    public mutating func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        let result: Result<JSONValue, JSONParseError> = bytes.withUnsafeBytes { buffer in
            do throws(JSONParseError) {
                return .success(try parse(buffer))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Parses one JSON text, reusing this parser's buffers.
    ///
    /// - Parameter bytes: The complete text, UTF-8. It is read only during the call.
    /// - Returns: The value.
    /// - Throws: ``JSONParseError`` for the first problem found.
    public mutating func parse(_ bytes: UnsafeRawBufferPointer) throws(JSONParseError) -> JSONValue {
        grammar.builder.reset()
        return try grammar.parse(bytes)
    }
}
