import EventLog

/// Reads a rule's `params`, reporting the exact key at fault and every key nobody read
/// (a misspelt parameter must not be silently ignored).
struct ParamReader {
    let rule: Rule
    private let object: JSONObject
    private let prefix: String
    private var used: Set<String> = []

    init(_ rule: Rule) {
        self.init(rule: rule, object: rule.params, prefix: "params")
    }

    private init(rule: Rule, object: JSONObject, prefix: String) {
        self.rule = rule
        self.object = object
        self.prefix = prefix
    }

    func fail(_ key: String, _ message: String) -> RuleError {
        RuleError(file: rule.file, rule: rule.id, key: "\(prefix).\(key)", message: message)
    }

    mutating func has(_ key: String) -> Bool {
        used.insert(key)
        return object[key] != nil
    }

    mutating func raw(_ key: String) -> JSONValue? {
        used.insert(key)
        return object[key]
    }

    mutating func filter(_ key: String) throws -> Filter? {
        guard let value = raw(key) else { return nil }
        return try Filter.parse(value, key: "\(prefix).\(key)", file: rule.file, rule: rule.id)
    }

    mutating func requiredFilter(_ key: String) throws -> Filter {
        guard let filter = try filter(key) else { throw fail(key, "required") }
        return filter
    }

    mutating func string(_ key: String) throws -> String? {
        guard let value = raw(key) else { return nil }
        guard case .string(let text) = value, !text.isEmpty else { throw fail(key, "expected a non-empty string") }
        return text
    }

    mutating func number(_ key: String) throws -> Double? {
        guard let value = raw(key) else { return nil }
        guard let number = value.doubleValue, number.isFinite else { throw fail(key, "expected a number") }
        return number
    }

    mutating func integer(_ key: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let number = try number(key) else { return nil }
        guard number == number.rounded(), range.contains(Int(number)) else {
            throw fail(key, "expected a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return Int(number)
    }

    mutating func field(_ key: String) throws -> FieldPath? {
        guard let text = try string(key) else { return nil }
        guard let path = FieldPath(text) else { throw fail(key, "unknown field '\(text)'") }
        return path
    }

    /// A list of field paths (a single string is a list of one).
    mutating func fields(_ key: String) throws -> [FieldPath]? {
        guard let value = raw(key) else { return nil }
        let texts: [JSONValue]
        if case .array(let elements) = value { texts = elements } else { texts = [value] }
        return try texts.map { element in
            guard case .string(let text) = element, let path = FieldPath(text) else {
                throw fail(key, "expected field paths such as \"subject\" or \"data.holder\"")
            }
            return path
        }
    }

    mutating func nested(_ key: String) throws -> ParamReader? {
        guard let value = raw(key) else { return nil }
        guard case .object(let inner) = value else { throw fail(key, "expected an object") }
        return ParamReader(rule: rule, object: inner, prefix: "\(prefix).\(key)")
    }

    /// Fails on any key that was never read.
    func finish() throws {
        if let unknown = object.keys.first(where: { !used.contains($0) }) {
            throw fail(unknown, "unknown parameter")
        }
    }
}
