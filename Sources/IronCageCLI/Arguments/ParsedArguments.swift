/// The words of a command line sorted into options, flags and positionals.
struct ParsedArguments: Sendable, Equatable {
    var flags: Set<String> = []
    var values: [String: [String]] = [:]
    var positionals: [String] = []

    /// True when the flag was given.
    func flag(_ name: String) -> Bool { flags.contains(name) }

    /// The last value given for an option, or nil.
    func value(_ name: String) -> String? { values[name]?.last }

    /// Every value given for a repeatable option, in order.
    func allValues(_ name: String) -> [String] { values[name] ?? [] }

    /// An option's value as a whole number within a range.
    ///
    /// - Throws: `UsageError` when it is not a whole number in range.
    func integer(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = value(name) else { return nil }
        guard let number = Int(text), range.contains(number) else {
            throw UsageError("--\(name) takes a whole number from \(range.lowerBound) to \(range.upperBound), not '\(text)'")
        }
        return number
    }

    /// An option's value, which must be one of `choices`.
    ///
    /// - Throws: `UsageError` listing the choices.
    func choice(_ name: String, from choices: [String], default defaultChoice: String) throws -> String {
        guard let text = value(name) else { return defaultChoice }
        guard choices.contains(text) else {
            throw UsageError("--\(name) takes one of \(choices.joined(separator: ", ")), not '\(text)'")
        }
        return text
    }
}
