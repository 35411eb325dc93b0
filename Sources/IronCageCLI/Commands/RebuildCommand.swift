import Audit
import EventLog

/// `ironcage rebuild`: throw the projections away and replay the log.
enum RebuildCommand: Command {
    static let spec = CommandSpec(
        path: ["rebuild"],
        abstract: "Discard the audit's projections and rebuild them from the log.",
        discussion: "Projections are derived state: a rebuild gives the same findings as the incremental path.",
        options: [.database, AuditOptions.rules, AuditOptions.calendar]
    )

    static func run(_ arguments: ParsedArguments, in context: CommandContext) throws -> ExitStatus {
        let rules = try AuditOptions.loadRules(arguments, context)
        let store = try EventStore(path: context.databasePath(arguments), create: false)
        let engine = try AuditEngine(log: store, rules: rules)
        let progress = ProgressLine(sink: context.stderr, label: "rebuild")
        let read = try engine.rebuild { done, total in progress.update("\(grouped(done)) / \(grouped(total)) events") }
        progress.finish()
        context.stdout.writeLine("rebuilt: \(grouped(read)) events replayed through \(rules.rules.count) rules")
        return .success
    }
}
