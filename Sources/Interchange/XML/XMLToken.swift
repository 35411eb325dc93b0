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

/// One attribute of a start tag: its name and its value with references decoded and
/// white space normalised (XML 1.0 §3.3.3). Valid until the tokenizer's next call.
public struct XMLAttribute {
    /// The attribute's name, as written (a prefix such as `xmlns:` included).
    public let name: UnsafeRawBufferPointer
    /// The normalised value.
    public let value: UnsafeRawBufferPointer
}
