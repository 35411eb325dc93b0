/// What a command accepts and how its help reads: the single source for parsing and `--help`.
struct CommandSpec: Sendable {
    /// The words that lead to this command after `ironcage`, e.g. `["rules", "check"]`.
    var path: [String]
    /// One line for OVERVIEW and the parent's SUBCOMMANDS list.
    var abstract: String
    /// Paragraphs printed after OVERVIEW.
    var discussion: String = ""
    var positionals: [PositionalSpec] = []
    var options: [OptionSpec] = []
    var subcommands: [CommandSpec] = []

    var name: String { path.last ?? "ironcage" }
    var commandLine: String { (["ironcage"] + path).joined(separator: " ") }
}

/// A named option: a flag (`--ack`) or one taking a value (`--db <path>`).
struct OptionSpec: Sendable {
    /// The long name without dashes.
    var name: String
    /// A one-letter alias, if any.
    var short: Character?
    /// The placeholder shown in help for the value; nil makes this a flag.
    var valueName: String?
    var help: String
    /// Whether the option may be given more than once.
    var repeats = false

    static func flag(_ name: String, short: Character? = nil, help: String) -> OptionSpec {
        OptionSpec(name: name, short: short, valueName: nil, help: help)
    }

    static func value(_ name: String, _ valueName: String, short: Character? = nil, repeats: Bool = false, help: String) -> OptionSpec {
        OptionSpec(name: name, short: short, valueName: valueName, help: help, repeats: repeats)
    }

    var isFlag: Bool { valueName == nil }
}

/// A positional argument.
struct PositionalSpec: Sendable {
    var name: String
    var help: String
    var optional = false
    /// Takes every remaining positional word.
    var repeats = false
}

extension OptionSpec {
    /// `--db`, shared by every command that opens the log.
    static let database = OptionSpec.value("db", "path", help: "The log database (default: $IRONCAGE_DB, then ./ironcage.db).")
    /// `--format` with the given choices.
    static func format(_ choices: [String], default defaultChoice: String) -> OptionSpec {
        .value("format", choices.joined(separator: "|"), help: "Output format (default: \(defaultChoice)).")
    }
}
