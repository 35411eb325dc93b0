import EventLog

/// Typed reading of the members of an OCDS release, refusing values of the wrong kind.
///
/// OCDS 1.1 lets optional fields be absent or `null`; both read as `nil` here, and so
/// does an empty string, which carries nothing either. Identifiers may be strings or
/// integers (the 1.1 schema types `Award.id`, `Contract.id` and `Identifier.id` as
/// `["string", "integer"]`). Paths are built only when a value is refused, so reading
/// a good release allocates no path strings.
///
/// See https://standard.open-contracting.org/1.1/en/schema/reference/ for the fields.
enum OCDSValueReading {
    /// A string member.
    ///
    /// - Throws: ``OCDSRefusal`` when the value is neither absent, `null` nor a string.
    static func text(_ value: JSONValue?, _ path: @autoclosure () -> String) throws(OCDSRefusal) -> String? {
        switch value {
        case nil, .null?: return nil
        case .string(let text)?: return text.isEmpty ? nil : text
        default: throw .expected("a string", at: path())
        }
    }

    /// An identifier: a string, or a whole number written as its digits.
    ///
    /// - Throws: ``OCDSRefusal`` for any other kind of value, or a number with a
    ///   fraction or an exponent.
    static func identifier(_ value: JSONValue?, _ path: @autoclosure () -> String) throws(OCDSRefusal) -> String? {
        switch value {
        case nil, .null?: return nil
        case .string(let text)?: return text.isEmpty ? nil : text
        case .number(let literal)? where literal.utf8.allSatisfy({ $0 == UInt8(ascii: "-") || $0 &- UInt8(ascii: "0") < 10 }):
            return literal
        default: throw .expected("a string or a whole number", at: path())
        }
    }

    /// An object member.
    ///
    /// - Throws: ``OCDSRefusal`` when the value is neither absent, `null` nor an object.
    static func object(_ value: JSONValue?, _ path: @autoclosure () -> String) throws(OCDSRefusal) -> JSONObject? {
        switch value {
        case nil, .null?: return nil
        case .object(let object)?: return object
        default: throw .expected("an object", at: path())
        }
    }

    /// An array member.
    ///
    /// - Throws: ``OCDSRefusal`` when the value is neither absent, `null` nor an array.
    static func array(_ value: JSONValue?, _ path: @autoclosure () -> String) throws(OCDSRefusal) -> [JSONValue]? {
        switch value {
        case nil, .null?: return nil
        case .array(let elements)?: return elements
        default: throw .expected("an array", at: path())
        }
    }

    /// An amount and its currency, from an OCDS `Value` object (`amount`, `currency`).
    ///
    /// - Parameters:
    ///   - value: The `Value` member.
    ///   - path: Its path.
    /// - Returns: The amount's number literal as written (every digit kept) and the
    ///   currency, each `nil` when absent.
    /// - Throws: ``OCDSRefusal`` when `value` is not an object, `amount` not a number
    ///   (a number written as a string included: which decimal separator?) or
    ///   `currency` not a string.
    static func money(_ value: JSONValue?, _ path: @autoclosure () -> String) throws(OCDSRefusal) -> (amount: String?, currency: String?) {
        guard let object = try object(value, path()) else { return (nil, nil) }
        let amount: String?
        switch object["amount"] {
        case nil, .null?: amount = nil
        case .number(let literal)?: amount = literal
        default: throw .expected("a number", at: path() + ".amount")
        }
        return (amount, try text(object["currency"], path() + ".currency"))
    }
}
