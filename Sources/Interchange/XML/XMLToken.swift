/// What ``XMLTokenizer/next()`` found. The token's details (name, attributes, text)
/// are read from the tokenizer and stay valid until the next call.
public enum XMLToken: Sendable, Equatable {
    /// A start tag; `isEmpty` for `<name …/>`, which has no end tag of its own.
    case startElement(isEmpty: Bool)
    /// An end tag `</name>`.
    case endElement
    /// Character data inside the root element, references decoded, CDATA included.
    /// Long text may come as several consecutive pieces.
    case text
    /// The end of the document.
    case end
}
