/// One `ironcage` command: its spec (for parsing and help) and what it does.
protocol Command: Sendable {
    static var spec: CommandSpec { get }
    /// Runs the command.
    ///
    /// - Returns: the exit status.
    /// - Throws: `UsageError` (exit 64), `CommandFailure` (its own status), `IOError`,
    ///   `SQLiteError` (exit 74), anything else (exit 70).
    static func run(_ arguments: ParsedArguments, in context: CommandContext) throws -> ExitStatus
    /// Subcommands, for a group such as `rules` (whose own `run` is then never called).
    static var subcommands: [any Command.Type] { get }
}

extension Command {
    static var subcommands: [any Command.Type] { [] }
}

/// A failure a command explains itself, with the status to exit with.
struct CommandFailure: Error, Sendable, CustomStringConvertible {
    var message: String
    var status: ExitStatus

    init(_ message: String, status: ExitStatus) {
        self.message = message
        self.status = status
    }

    var description: String { message }
}
