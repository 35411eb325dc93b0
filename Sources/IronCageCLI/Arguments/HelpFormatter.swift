/// Writes help in swift-argument-parser's layout (OVERVIEW, USAGE, ARGUMENTS, OPTIONS,
/// SUBCOMMANDS), which command-line users already know how to read.
enum HelpFormatter {
    static let helpOption = OptionSpec.flag("help", short: "h", help: "Show help information.")
    private static let labelWidth = 26

    static func help(for spec: CommandSpec) -> String {
        var out = "OVERVIEW: \(spec.abstract)\n"
        if !spec.discussion.isEmpty { out += "\n\(spec.discussion)\n" }
        out += "\nUSAGE: \(usage(for: spec))\n"
        if !spec.positionals.isEmpty {
            out += "\nARGUMENTS:\n"
            for positional in spec.positionals {
                out += row("<\(positional.name)>" + (positional.repeats ? " ..." : ""), positional.help)
            }
        }
        out += "\nOPTIONS:\n"
        for option in spec.options + [helpOption] {
            out += row(label(for: option), option.help)
        }
        if !spec.subcommands.isEmpty {
            out += "\nSUBCOMMANDS:\n"
            for sub in spec.subcommands { out += row(sub.name, sub.abstract) }
            out += "\n  See '\(spec.commandLine) help <subcommand>' for detailed help.\n"
        }
        return out
    }

    static func usage(for spec: CommandSpec) -> String {
        var parts = [spec.commandLine]
        if !spec.subcommands.isEmpty { parts.append("<subcommand>") }
        for positional in spec.positionals {
            var text = "<\(positional.name)>"
            if positional.repeats { text += " ..." }
            if positional.optional || positional.repeats { text = "[\(text)]" }
            parts.append(text)
        }
        for option in spec.options {
            parts.append(option.isFlag ? "[--\(option.name)]" : "[--\(option.name) <\(option.valueName ?? "value")>]")
        }
        return parts.joined(separator: " ")
    }

    /// The text printed for a usage error: the message, the usage line and where to look.
    static func usageError(_ error: UsageError, for spec: CommandSpec) -> String {
        "Error: \(error.message)\nUsage: \(usage(for: spec))\n  See '\(spec.commandLine) --help' for more information.\n"
    }

    private static func label(for option: OptionSpec) -> String {
        var text = option.short.map { "-\($0), " } ?? ""
        text += "--\(option.name)"
        if let valueName = option.valueName { text += " <\(valueName)>" }
        return text
    }

    private static func row(_ label: String, _ help: String) -> String {
        let indent = String(repeating: " ", count: labelWidth + 2)
        let lines = help.split(separator: "\n", omittingEmptySubsequences: false)
        var out = "  \(label)"
        if label.count + 2 < labelWidth + 2 {
            out += String(repeating: " ", count: labelWidth - label.count)
        } else {
            out += "\n" + indent
        }
        out += lines.joined(separator: "\n" + indent) + "\n"
        return out
    }
}
