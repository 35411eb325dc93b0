import EventLog

/// Lists of words in a rule's parameters, for the collusion modes' switches.
extension ParamReader {
    /// A list of non-empty strings, each one of `allowed` when given (a single string is a
    /// list of one).
    mutating func strings(_ key: String, allowed: [String]? = nil) throws -> [String]? {
        guard let value = raw(key) else { return nil }
        let elements: [JSONValue]
        if case .array(let list) = value { elements = list } else { elements = [value] }
        return try elements.map { element in
            guard case .string(let text) = element, !text.isEmpty else { throw fail(key, "expected a list of strings") }
            if let allowed, !allowed.contains(text) {
                throw fail(key, "unknown value '\(text)' (use \(allowed.joined(separator: ", ")))")
            }
            return text
        }
    }

    /// A number from `range`, or nil when absent.
    mutating func number(_ key: String, in range: ClosedRange<Double>) throws -> Double? {
        guard let number = try number(key) else { return nil }
        guard range.contains(number) else { throw fail(key, "expected a number from \(format3(range.lowerBound)) to \(format3(range.upperBound))") }
        return number
    }
}
