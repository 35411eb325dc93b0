/// IronCage's canonical JSON form: one deterministic byte sequence per value.
///
/// The log hashes and stores canonical bytes, so the same event always produces the
/// same bytes whatever white space, key order or escapes the sender used. The form:
///
/// - no insignificant white space (RFC 8259 §2);
/// - object members sorted by the UTF-8 bytes of their keys, unsigned, shorter key
///   first on a common prefix (see ``JSONKeyOrder``). This is RFC 8785 §3.2.3's order
///   except that RFC 8785 compares UTF-16 code units; the two differ only for keys
///   mixing U+E000–U+FFFF with characters above U+FFFF at the same position;
/// - numbers exactly as written (unlike RFC 8785, which reformats them as ECMAScript
///   doubles; we keep the sender's literal so no precision is ever lost);
/// - strings escaped as `\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`, other characters below
///   U+0020 as `\u00xx` with lower-case hex, and everything else — `/`, DEL, U+2028,
///   U+2029 and all non-ASCII — as raw UTF-8 (the RFC 8785 §3.2.2.2 rules).
///
/// Canonicalising canonical bytes gives the same bytes.
public enum CanonicalJSON {
    /// The canonical bytes of a value.
    ///
    /// - Parameter value: The value.
    /// - Returns: Its canonical form.
    public static func bytes(of value: JSONValue) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(64)
        append(value, to: &output)
        return output
    }

    /// Parses JSON text and returns its canonical form.
    ///
    /// - Parameter text: JSON text, UTF-8.
    /// - Returns: The canonical bytes of the value it holds.
    /// - Throws: ``JSONParseError`` when `text` is not acceptable to ``JSONParser``.
    public static func canonicalize(_ text: UnsafeRawBufferPointer) throws(JSONParseError) -> [UInt8] {
        // Written straight from the text, without building a tree.
        var failure: JSONParseError?
        let output = [UInt8](unsafeUninitializedCapacity: text.count) { buffer, initialized in
            var grammar = JSONGrammar(builder: CanonicalJSONBuilder(writingInto: buffer))
            do throws(JSONParseError) {
                _ = try grammar.parse(text)
            } catch {
                failure = error
            }
            initialized = grammar.builder.count
        }
        if let failure { throw failure }
        return output
    }

    /// Parses JSON text held in an array and returns its canonical form.
    ///
    /// - Parameter text: JSON text, UTF-8.
    /// - Returns: The canonical bytes of the value it holds.
    /// - Throws: ``JSONParseError`` when `text` is not acceptable to ``JSONParser``.
    public static func canonicalize(_ text: [UInt8]) throws(JSONParseError) -> [UInt8] {
        let result: Result<[UInt8], JSONParseError> = text.withUnsafeBytes { buffer in
            do throws(JSONParseError) {
                return .success(try canonicalize(buffer))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Appends the canonical bytes of a value.
    ///
    /// - Parameters:
    ///   - value: The value.
    ///   - output: Where to append.
    public static func append(_ value: JSONValue, to output: inout [UInt8]) {
        switch value {
        case .null:
            appendASCII("null", to: &output)
        case .bool(let flag):
            appendASCII(flag ? "true" : "false", to: &output)
        case .number(let literal):
            var literal = literal
            literal.withUTF8 { output.append(contentsOf: $0) }
        case .string(let string):
            appendString(string, to: &output)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (i, element) in elements.enumerated() {
                if i > 0 { output.append(UInt8(ascii: ",")) }
                append(element, to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            append(object, to: &output)
        }
    }

    /// Appends the canonical bytes of an object.
    ///
    /// - Parameters:
    ///   - object: The object; its members are already in canonical order.
    ///   - output: Where to append.
    public static func append(_ object: JSONObject, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "{"))
        for (i, member) in object.members.enumerated() {
            if i > 0 { output.append(UInt8(ascii: ",")) }
            appendString(member.key, to: &output)
            output.append(UInt8(ascii: ":"))
            append(member.value, to: &output)
        }
        output.append(UInt8(ascii: "}"))
    }

    /// Appends a string as a canonical JSON string, quotes included.
    ///
    /// - Parameters:
    ///   - string: The string.
    ///   - output: Where to append.
    public static func appendString(_ string: String, to output: inout [UInt8]) {
        var string = string
        string.withUTF8 { appendString(utf8: $0, to: &output) }
    }

    /// Appends well-formed UTF-8 as a canonical JSON string, quotes included.
    ///
    /// - Parameters:
    ///   - utf8: The string's bytes; must be well-formed UTF-8.
    ///   - output: Where to append.
    static func appendString(utf8: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var runStart = 0
        var i = JSONLexis.skipPlainWords(in: UnsafeRawBufferPointer(utf8), from: 0)
        while i < utf8.count {
            let byte = utf8[i]
            guard JSONLexis.needsEscape(byte) else {
                i += 1
                continue
            }
            if runStart < i { output.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i])) }
            JSONLexis.appendEscape(byte, to: &output)
            i += 1
            runStart = i
        }
        if runStart < i { output.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i])) }
        output.append(UInt8(ascii: "\""))
    }

    @inline(__always)
    private static func appendASCII(_ text: StaticString, to output: inout [UInt8]) {
        output.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }
}
