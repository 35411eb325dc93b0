import EventLog

/// A rule pack that cannot be used, naming the file, the rule and the key at fault.
public struct RuleError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var rule: String?
    /// The JSON path of the offending key, e.g. `params.limit`.
    public var key: String?
    public var message: String

    public init(file: String, rule: String? = nil, key: String? = nil, message: String) {
        self.file = file
        self.rule = rule
        self.key = key
        self.message = message
    }

    public var description: String {
        var text = file
        if let rule { text += ": rule \(rule)" }
        if let key { text += ": \(key)" }
        return text + ": " + message
    }
}
