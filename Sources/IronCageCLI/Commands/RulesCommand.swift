import Audit
import EventLog

/// `ironcage rules`: check and list rule packs.
enum RulesCommand: Command {
    static let spec = CommandSpec(
        path: ["rules"],
        abstract: "Check or list rule packs.",
        subcommands: [RulesCheckCommand.spec, RulesListCommand.spec]
    )
    static let subcommands: [any Command.Type] = [RulesCheckCommand.self, RulesListCommand.self]

    static func run(_ arguments: ParsedArguments, in context: CommandContext) throws -> ExitStatus { .usage }
}

/// `ironcage rules check [PATH]`.
enum RulesCheckCommand: Command {
    static let spec = CommandSpec(
        path: ["rules", "check"],
        abstract: "Validate rule packs; name the file, rule id and key at fault.",
        positionals: [PositionalSpec(name: "path", help: "A Rules directory, a packs directory, or one pack file (default: ./Rules).", optional: true)],
        options: [AuditOptions.calendar]
    )

    static func run(_ arguments: ParsedArguments, in context: CommandContext) throws -> ExitStatus {
        var words = arguments
        if let path = arguments.positionals.first { words.values["rules"] = [path] }
        let rules = try AuditOptions.loadRules(words, context)
        let packs = Set(rules.rules.map(\.pack)).count
        context.stdout.writeLine("ok: \(rules.rules.count) rules in \(packs) pack\(packs == 1 ? "" : "s"); calendar \(rules.calendar.name) \(rules.calendar.coveredYears.lowerBound)–\(rules.calendar.coveredYears.upperBound)")
        return .success
    }
}

/// `ironcage rules list`.
enum RulesListCommand: Command {
    static let spec = CommandSpec(
        path: ["rules", "list"],
        abstract: "List the loaded rules with their kind, severity and basis.",
        options: [AuditOptions.rules, AuditOptions.calendar, AuditOptions.language, .format(["table", "json"], default: "table")]
    )

    static func run(_ arguments: ParsedArguments, in context: CommandContext) throws -> ExitStatus {
        let format = try arguments.choice("format", from: ["table", "json"], default: "table")
        let language = try AuditOptions.language(arguments, context)
        let rules = try AuditOptions.loadRules(arguments, context)
        if format == "json" {
            let items = rules.rules.map { rule in
                #"{"id":\#(JSONText.string(rule.id)),"pack":\#(JSONText.string(rule.pack)),"kind":"\#(rule.kind)","severity":"\#(rule.severity.rawValue)","name":{"zh":\#(JSONText.string(rule.name.zh)),"en":\#(JSONText.string(rule.name.en))},"basis":{"zh":\#(JSONText.string(rule.basis.zh)),"en":\#(JSONText.string(rule.basis.en))}}"#
            }
            context.stdout.writeLine("[" + items.joined(separator: ",") + "]")
            return .success
        }
        var table = TextTable(headers: language == .zh ? ["规则", "包", "类型", "严重程度", "名称", "依据"] : ["rule", "pack", "kind", "severity", "name", "basis"])
        for rule in rules.rules {
            table.add([rule.id, rule.pack, rule.kind, rule.severity.label.text(language), rule.name.text(language), rule.basis.text(language)])
        }
        context.stdout.write(table.render())
        return .success
    }
}
