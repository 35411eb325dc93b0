import EventLog
import SQLite

/// The `ironcage` command line as a library: parses the words, runs the command, and
/// returns the exit status. Only `main.swift` calls `exit`.
public enum IronCage {
    static let version = "0.1.0"

    /// Every top-level command, in the order `--help` lists them.
    static let commands: [any Command.Type] = [
        IngestCommand.self, ImportCommand.self, ExportCommand.self, VerifyCommand.self, CheckpointCommand.self, TrailCommand.self,
        AuditCommand.self, DisposeCommand.self, ReportCommand.self, RulesCommand.self, ScreensCommand.self, RebuildCommand.self,
        CalendarCommand.self, StatsCommand.self, DemoCommand.self,
    ]

    static let rootSpec = CommandSpec(
        path: [],
        abstract: "IronCage (数据铁笼): a tamper-evident event log and auditor for administrative power.",
        discussion: """
            Departments pipe their events into the log (ingest); inspectors verify it, trace
            subjects and audit it. Start with `ironcage demo`.
            """,
        options: [.flag("version", help: "Show the version.")],
        subcommands: commands.map { $0.spec }
    )

    /// Runs one command line.
    ///
    /// - Parameters:
    ///   - arguments: the words after the program name.
    ///   - context: streams, environment and working directory.
    /// - Returns: the process exit status.
    public static func run(_ arguments: [String], context: CommandContext) -> Int32 {
        let status = dispatch(arguments, context: context)
        context.stdout.flush()
        context.stderr.flush()
        return status.rawValue
    }

    private static func dispatch(_ arguments: [String], context: CommandContext) -> ExitStatus {
        var words = arguments
        if words.first == "--version" {
            context.stdout.writeLine(version)
            return .success
        }
        var helpRequested = false
        if words.first == "help" {
            helpRequested = true
            words.removeFirst()
        }
        // Walk down the command tree: `ironcage rules check …`.
        var spec = rootSpec
        var command: (any Command.Type)?
        var choices = commands
        while !choices.isEmpty, let word = words.first, !word.hasPrefix("-") {
            guard let match = choices.first(where: { $0.spec.name == word }) else {
                return usageFailure(UsageError("Unknown command '\(word)'"), spec: spec, context: context)
            }
            command = match
            spec = match.spec
            choices = match.subcommands
            words.removeFirst()
        }
        let beforeTerminator = words.prefix { $0 != "--" }
        if helpRequested || beforeTerminator.contains("--help") || beforeTerminator.contains("-h") {
            context.stdout.write(HelpFormatter.help(for: spec))
            return .success
        }
        guard let command, command.subcommands.isEmpty else {
            // A group named without a subcommand: show what it offers.
            if spec.path.isEmpty && words.isEmpty {
                context.stdout.write(HelpFormatter.help(for: spec))
                return .success
            }
            let message = words.first.map { "Unknown option '\($0)'" } ?? "Missing subcommand"
            return usageFailure(UsageError(message), spec: spec, context: context)
        }
        do {
            let parsed = try CommandLineParser.parse(words, for: command.spec)
            return try command.run(parsed, in: context)
        } catch let error as UsageError {
            return usageFailure(error, spec: command.spec, context: context)
        } catch let error as CommandFailure {
            context.stderr.writeLine("error: \(error.message)")
            return error.status
        } catch let error as IOError {
            context.stderr.writeLine("error: \(error)")
            return error.operation == "open" ? .noInput : .ioError
        } catch let error as LogError {
            context.stderr.writeLine("error: \(error)")
            return .dataError
        } catch let error as CheckpointError {
            context.stderr.writeLine("error: \(error)")
            return .dataError
        } catch let error as SQLiteError {
            context.stderr.writeLine("error: \(error)")
            return .ioError
        } catch {
            context.stderr.writeLine("error: \(error)")
            return .software
        }
    }

    private static func usageFailure(_ error: UsageError, spec: CommandSpec, context: CommandContext) -> ExitStatus {
        context.stderr.write(HelpFormatter.usageError(error, for: spec))
        return .usage
    }
}
