/// Sorts command-line words against a `CommandSpec`.
///
/// Accepts `--name value`, `--name=value`, `-x value`, flags, and `--` to end options.
/// A lone `-` is a positional (stdin).
enum CommandLineParser {
    /// - Throws: `UsageError` for an unknown option, a missing value, or positionals that do not fit.
    static func parse(_ words: [String], for spec: CommandSpec) throws -> ParsedArguments {
        var parsed = ParsedArguments()
        var index = 0
        var optionsEnded = false
        while index < words.count {
            let word = words[index]
            index += 1
            if optionsEnded || word == "-" || !word.hasPrefix("-") {
                parsed.positionals.append(word)
                continue
            }
            if word == "--" {
                optionsEnded = true
                continue
            }
            let (name, inlineValue) = split(word)
            guard let option = find(name, in: spec) else {
                throw UsageError("Unknown option '\(word.split(separator: "=", maxSplits: 1).first.map(String.init) ?? word)'")
            }
            if option.isFlag {
                if inlineValue != nil { throw UsageError("--\(option.name) takes no value") }
                parsed.flags.insert(option.name)
                continue
            }
            let value: String
            if let inlineValue {
                value = inlineValue
            } else if index < words.count {
                value = words[index]
                index += 1
            } else {
                throw UsageError("Missing value for '--\(option.name) <\(option.valueName ?? "value")>'")
            }
            if !option.repeats, parsed.values[option.name] != nil {
                throw UsageError("--\(option.name) may be given only once")
            }
            parsed.values[option.name, default: []].append(value)
        }
        try checkPositionals(parsed.positionals, against: spec.positionals)
        return parsed
    }

    private static func split(_ word: String) -> (name: String, value: String?) {
        if word.hasPrefix("--"), let equals = word.firstIndex(of: "=") {
            return (String(word[word.index(word.startIndex, offsetBy: 2) ..< equals]), String(word[word.index(after: equals)...]))
        }
        if word.hasPrefix("--") { return (String(word.dropFirst(2)), nil) }
        return (String(word.dropFirst()), nil)
    }

    private static func find(_ name: String, in spec: CommandSpec) -> OptionSpec? {
        spec.options.first { $0.name == name || ($0.short.map { String($0) } == name) }
    }

    private static func checkPositionals(_ words: [String], against specs: [PositionalSpec]) throws {
        let required = specs.filter { !$0.optional && !$0.repeats }.count
        if words.count < required {
            let missing = specs.filter { !$0.optional }[words.count]
            throw UsageError("Missing expected argument '<\(missing.name)>'")
        }
        if !specs.contains(where: \.repeats), words.count > specs.count {
            throw UsageError("Unexpected argument '\(words[specs.count])'")
        }
    }
}
