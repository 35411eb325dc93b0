/// Typed views of a ``JSONValue``, each `nil` when the value is of another kind.
extension JSONValue {
    /// The string, when this is a string.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The boolean, when this is `true` or `false`.
    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    /// The number's literal text as written, when this is a number.
    public var numberLiteral: String? {
        if case .number(let literal) = self { return literal }
        return nil
    }

    /// The number as the nearest `Double`, when this is a number.
    ///
    /// Literals beyond the range of `Double` give `±infinity`; that the literal was
    /// kept as text is what lets the log store such numbers unchanged.
    public var doubleValue: Double? {
        if case .number(let literal) = self { return Double(literal) }
        return nil
    }

    /// The number as an `Int64`, when this is a number written as an integer (no
    /// fraction, no exponent) that fits.
    public var int64Value: Int64? {
        if case .number(let literal) = self { return Int64(literal) }
        return nil
    }

    /// The elements, when this is an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// The members, when this is an object.
    public var objectValue: JSONObject? {
        if case .object(let object) = self { return object }
        return nil
    }

    /// Whether this is `null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The value of the member `key`, when this is an object that has one.
    ///
    /// - Parameter key: The member's key, matched by its UTF-8 bytes.
    /// - Returns: The member's value, or `nil`.
    public subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }
}
