/// One attribute of a start tag: its name and its value with references decoded and
/// white space normalised (XML 1.0 §3.3.3). Valid until the tokenizer's next call.
public struct XMLAttribute {
    /// The attribute's name, as written (a prefix such as `xmlns:` included).
    public let name: UnsafeRawBufferPointer
    /// The normalised value.
    public let value: UnsafeRawBufferPointer
}
