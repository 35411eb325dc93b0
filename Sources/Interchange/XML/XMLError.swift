/// Why an XML document cannot be read further, and the line where that was found.
///
/// Unlike a bad record, a well-formedness error ends the import: after it the
/// tokenizer cannot know where the next element starts (XML 1.0 §1.2 makes such errors
/// fatal, too). Messages name elements and entities, never attribute values or text.
public struct XMLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong.
    public enum Reason: Sendable, Equatable {
        /// The input ended inside markup or with elements still open.
        case unexpectedEnd(inside: String?)
        /// An end tag does not close the element that is open.
        case mismatchedEndTag(expected: String, found: String)
        /// Markup that does not follow the XML grammar; the detail says what.
        case malformed(String)
        /// `&name;` other than XML's five predefined entities.
        case unknownEntity(String)
        /// `&#…;` that is not a number or names a character XML does not allow.
        case badCharacterReference
        /// The document declares an encoding other than UTF-8, or starts with a UTF-16 byte-order mark.
        case unsupportedEncoding(String)
        /// A tag, CDATA section or declaration longer than the tokenizer holds.
        case tokenTooLong(limit: Int)
        /// Something other than white space, comments or processing instructions outside the root element.
        case contentOutsideRoot
        /// The document has no element.
        case noRootElement
    }

    /// The line where the problem was found, from 1.
    public var line: Int
    /// What is wrong.
    public var reason: Reason

    /// Creates an error.
    public init(line: Int, reason: Reason) {
        self.line = line
        self.reason = reason
    }

    /// `line 12: end tag </trace> does not close <event>`, for example.
    public var description: String {
        let text: String
        switch reason {
        case .unexpectedEnd(let inside?): text = "the input ends inside <\(inside)>"
        case .unexpectedEnd(nil): text = "the input ends inside markup"
        case .mismatchedEndTag(let expected, let found): text = "end tag </\(found)> does not close <\(expected)>"
        case .malformed(let detail): text = "not well-formed XML: \(detail)"
        case .unknownEntity(let name): text = "unknown entity '&\(name);' (only &lt; &gt; &amp; &quot; &apos; and character references)"
        case .badCharacterReference: text = "a character reference that is not an XML character"
        case .unsupportedEncoding(let name): text = "encoding \(name) is not supported; convert to UTF-8 first (iconv -f \(name) -t UTF-8)"
        case .tokenTooLong(let limit): text = "a tag or section longer than \(limit) bytes"
        case .contentOutsideRoot: text = "content outside the root element"
        case .noRootElement: text = "no root element"
        }
        return "line \(line): \(text)"
    }
}
