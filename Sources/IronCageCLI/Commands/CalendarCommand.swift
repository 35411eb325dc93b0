import Audit
import EventLog

/// `ironcage calendar`: working-day arithmetic on the work calendar.
enum CalendarCommand: Command {
    static let spec = CommandSpec(
        path: ["calendar"],
        abstract: "Working-day arithmetic: add, between, year.",
        subcommands: [CalendarAddCommand.spec, CalendarBetweenCommand.spec, CalendarYearCommand.spec]
    )
    static let subcommands: [any Command.Type] = [CalendarAddCommand.self, CalendarBetweenCommand.self, CalendarYearCommand.self]

    static func run(_ arguments: ParsedArguments, in context: CommandContext) throws -> ExitStatus { .usage }

    static let options: [OptionSpec] = [
        .value("calendar", "name", help: "Calendar in Rules/calendars (default: cn)."),
        .value("rules", "dir", help: "The Rules directory (default: ./Rules)."),
        .format(["text", "json"], default: "text"),
    ]

    static func load(_ arguments: ParsedArguments, _ context: CommandContext) throws -> WorkCalendar {
        let directory = context.resolve(arguments.value("rules") ?? "Rules")
        let name = arguments.value("calendar") ?? "cn"
        do {
            return try WorkCalendar.load(path: directory + "/calendars/\(name).json")
        } catch {
            throw CommandFailure("calendar: \(error)", status: .dataError)
        }
    }

    static func date(_ text: String) throws -> CalendarDate {
        guard let date = CalendarDate(iso: text) else { throw UsageError("expected a date YYYY-MM-DD, not '\(text)'") }
        return date
    }

    static func run(_ body: () throws -> ExitStatus) throws -> ExitStatus {
        do {
            return try body()
        } catch let error as CalendarError {
            throw CommandFailure("\(error)", status: .dataError)
        }
    }
}

/// `ironcage calendar add DATE N`.
enum CalendarAddCommand: Command {
    static let spec = CommandSpec(
        path: ["calendar", "add"],
        abstract: "Print the date N working days after DATE (DATE itself does not count).",
        positionals: [PositionalSpec(name: "date", help: "YYYY-MM-DD"), PositionalSpec(name: "n", help: "Working days, 0 or more.")],
        options: CalendarCommand.options
    )

    static func run(_ arguments: ParsedArguments, in context: CommandContext) throws -> ExitStatus {
        let start = try CalendarCommand.date(arguments.positionals[0])
        guard let n = Int(arguments.positionals[1]), n >= 0, n <= 100_000 else { throw UsageError("<n> takes a whole number from 0 to 100000") }
        let calendar = try CalendarCommand.load(arguments, context)
        return try CalendarCommand.run {
            let result = try calendar.addingWorkdays(n, to: start)
            if arguments.value("format") == "json" {
                context.stdout.writeLine(#"{"date":"\#(start)","workdays":\#(n),"result":"\#(result)","calendar":"\#(calendar.name)"}"#)
            } else {
                context.stdout.writeLine(result.description)
            }
            return .success
        }
    }
}

/// `ironcage calendar between A B`.
enum CalendarBetweenCommand: Command {
    static let spec = CommandSpec(
        path: ["calendar", "between"],
        abstract: "Print the number of working days after A up to and including B.",
        positionals: [PositionalSpec(name: "a", help: "YYYY-MM-DD"), PositionalSpec(name: "b", help: "YYYY-MM-DD")],
        options: CalendarCommand.options
    )

    static func run(_ arguments: ParsedArguments, in context: CommandContext) throws -> ExitStatus {
        let a = try CalendarCommand.date(arguments.positionals[0])
        let b = try CalendarCommand.date(arguments.positionals[1])
        let calendar = try CalendarCommand.load(arguments, context)
        return try CalendarCommand.run {
            let count = try calendar.workdays(after: a, through: b)
            if arguments.value("format") == "json" {
                context.stdout.writeLine(#"{"after":"\#(a)","through":"\#(b)","workdays":\#(count),"calendar":"\#(calendar.name)"}"#)
            } else {
                context.stdout.writeLine(String(count))
            }
            return .success
        }
    }
}

/// `ironcage calendar year Y`.
enum CalendarYearCommand: Command {
    static let spec = CommandSpec(
        path: ["calendar", "year"],
        abstract: "Print a year's statutory holidays and make-up working days (调休上班).",
        positionals: [PositionalSpec(name: "year", help: "e.g. 2026")],
        options: CalendarCommand.options
    )

    static func run(_ arguments: ParsedArguments, in context: CommandContext) throws -> ExitStatus {
        guard let year = Int(arguments.positionals[0]) else { throw UsageError("<year> takes a year such as 2026") }
        let calendar = try CalendarCommand.load(arguments, context)
        return try CalendarCommand.run {
            let holidays = try calendar.holidays(in: year)
            let workdays = try calendar.makeupWorkdays(in: year)
            if arguments.value("format") == "json" {
                let h = holidays.map { "\"\($0)\"" }.joined(separator: ",")
                let w = workdays.map { "\"\($0)\"" }.joined(separator: ",")
                context.stdout.writeLine(#"{"year":\#(year),"calendar":"\#(calendar.name)","holidays":[\#(h)],"workdays":[\#(w)]}"#)
            } else {
                context.stdout.writeLine("\(calendar.name) \(year): \(holidays.count) holidays, \(workdays.count) make-up working days")
                context.stdout.writeLine("holidays: " + holidays.map(\.description).joined(separator: " "))
                context.stdout.writeLine("make-up working days: " + workdays.map(\.description).joined(separator: " "))
            }
            return .success
        }
    }
}
