/// Typed reading of the members of an OCDS release, refusing values of the wrong kind.
///
/// OCDS 1.1 lets optional fields be absent or `null`; both read as `nil` here, and so
/// does an empty string, which carries nothing either. Identifiers may be strings or
/// integers (the 1.1 schema types `Award.id`, `Contract.id` and `Identifier.id` as
/// `["string", "integer"]`). Paths are built only when a value is refused, so reading
/// a good release builds no path strings.
///
/// See https://standard.open-contracting.org/1.1/en/schema/reference/ for the fields.
extension JSONTape {
    /// A member of an object node, when there is an object.
    func member(_ object: Int?, _ key: StaticString) -> Int? {
        guard let object else { return nil }
        return member(object, key)
    }

    /// Whether a node holds nothing: absent, `null`, or an empty string.
    private func isNothing(_ node: Int?) -> Bool {
        guard let node else { return true }
        return kind(node) == .null || isEmptyString(node)
    }

    /// A string member, as its node.
    ///
    /// - Throws: ``OCDSRefusal`` when the value is neither absent, `null` nor a string.
    func textNode(_ node: Int?, _ path: @autoclosure () -> String) throws(OCDSRefusal) -> Int? {
        if isNothing(node) { return nil }
        guard let node, kind(node) == .string else { throw .expected("a string", at: path()) }
        return node
    }

    /// A string member.
    ///
    /// - Throws: ``OCDSRefusal`` when the value is neither absent, `null` nor a string.
    func text(_ node: Int?, _ path: @autoclosure () -> String) throws(OCDSRefusal) -> String? {
        try textNode(node, path()).map { string($0) }
    }

    /// An identifier: a string, or a whole number written as its digits.
    ///
    /// - Throws: ``OCDSRefusal`` for any other kind of value, or a number with a
    ///   fraction or an exponent.
    func identifier(_ node: Int?, _ path: @autoclosure () -> String) throws(OCDSRefusal) -> String? {
        if isNothing(node) { return nil }
        guard let node else { return nil }
        switch kind(node) {
        case .string:
            return string(node)
        case .number where raw(node).allSatisfy({ $0 == UInt8(ascii: "-") || $0 &- UInt8(ascii: "0") < 10 }):
            return string(node)
        default:
            throw .expected("a string or a whole number", at: path())
        }
    }

    /// An object member.
    ///
    /// - Throws: ``OCDSRefusal`` when the value is neither absent, `null` nor an object.
    func object(_ node: Int?, _ path: @autoclosure () -> String) throws(OCDSRefusal) -> Int? {
        guard let node, kind(node) != .null else { return nil }
        guard kind(node) == .object else { throw .expected("an object", at: path()) }
        return node
    }

    /// The elements of an array member.
    ///
    /// - Throws: ``OCDSRefusal`` when the value is neither absent, `null` nor an array.
    func array(_ node: Int?, _ path: @autoclosure () -> String) throws(OCDSRefusal) -> Elements? {
        guard let node, kind(node) != .null else { return nil }
        guard kind(node) == .array else { throw .expected("an array", at: path()) }
        return elements(node)
    }

    /// An amount and its currency, from an OCDS `Value` object (`amount`, `currency`).
    ///
    /// - Parameters:
    ///   - node: The `Value` member.
    ///   - path: Its path.
    /// - Returns: The number node of the amount (its literal is kept as written, every
    ///   digit) and the string node of the currency, each `nil` when absent.
    /// - Throws: ``OCDSRefusal`` when the member is not an object, `amount` not a
    ///   number (a number written as a string included: which decimal separator?) or
    ///   `currency` not a string.
    func money(_ node: Int?, _ path: @autoclosure () -> String) throws(OCDSRefusal) -> (amount: Int?, currency: Int?) {
        guard let object = try object(node, path()) else { return (nil, nil) }
        var amount = member(object, "amount")
        if let node = amount {
            switch kind(node) {
            case .null: amount = nil
            case .number: break
            default: throw .expected("a number", at: path() + ".amount")
            }
        }
        return (amount, try textNode(member(object, "currency"), path() + ".currency"))
    }
}
