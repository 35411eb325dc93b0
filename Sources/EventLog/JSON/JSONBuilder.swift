/// What ``JSONGrammar`` produces as it recognises JSON text.
///
/// The grammar (RFC 8259) is written once and drives two builders: ``JSONTreeBuilder``
/// makes ``JSONValue`` trees, ``CanonicalJSONBuilder`` writes canonical bytes straight
/// from the input without making a tree (the ingest hot path). Keeping one grammar
/// means both accept exactly the same texts and report exactly the same errors.
///
/// The grammar calls, for an array: `beginArray`, then per element
/// `willParseElement`, the element's own calls, `element`; then `endArray`. For an
/// object: `beginObject`, then per member `willParseMember`, `key`, the value's calls,
/// `member`; then `endObject`, which sorts the members and rejects duplicate keys.
protocol JSONBuilder {
    /// What a parsed value becomes.
    associatedtype Value
    /// What a parsed object key becomes until its member is complete.
    associatedtype Key

    /// The literal `null`.
    mutating func null() -> Value
    /// The literal `true` or `false`.
    mutating func bool(_ value: Bool) -> Value
    /// A number.
    ///
    /// - Parameter literal: Its text, already checked against RFC 8259 §6.
    mutating func number(_ literal: UnsafeBufferPointer<UInt8>) -> Value
    /// A string value.
    ///
    /// - Parameters:
    ///   - decoded: Its well-formed UTF-8 with escapes decoded; valid only during the call.
    ///   - isRaw: Whether the input had no escapes, so `decoded` is the input text itself.
    mutating func string(_ decoded: UnsafeBufferPointer<UInt8>, isRaw: Bool) -> Value

    /// Starts an array.
    ///
    /// - Returns: A mark handed back to ``endArray(_:)``.
    mutating func beginArray() -> Int
    /// Called before element number `index` (from 0) is parsed.
    mutating func willParseElement(_ index: Int)
    /// An element, once parsed.
    mutating func element(_ value: Value)
    /// Finishes an array.
    ///
    /// - Parameter mark: What ``beginArray()`` returned.
    /// - Returns: The array.
    mutating func endArray(_ mark: Int) -> Value

    /// Starts an object.
    ///
    /// - Returns: A mark handed back to ``endObject(_:)``.
    mutating func beginObject() -> Int
    /// Called before member number `index` (from 0) is parsed.
    mutating func willParseMember(_ index: Int)
    /// An object key.
    ///
    /// - Parameters:
    ///   - decoded: As for ``string(_:isRaw:)``.
    ///   - isRaw: As for ``string(_:isRaw:)``.
    ///   - offset: The key's opening quote in the input, for duplicate-key errors.
    /// - Returns: The key, handed back to ``member(_:_:)``.
    mutating func key(_ decoded: UnsafeBufferPointer<UInt8>, isRaw: Bool, offset: Int) -> Key
    /// A member, once its value is parsed.
    mutating func member(_ key: Key, _ value: Value)
    /// Finishes an object: members in key order, duplicates rejected.
    ///
    /// - Parameter mark: What ``beginObject()`` returned.
    /// - Returns: The object.
    /// - Throws: ``JSONParseError/Reason/duplicateKey`` at the earliest second
    ///   occurrence of a repeated key.
    mutating func endObject(_ mark: Int) throws(JSONParseError) -> Value
}
