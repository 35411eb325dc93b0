import Audit
import EventLog

/// Options shared by the commands that judge the log.
enum AuditOptions {
    static let rules = OptionSpec.value(
        "rules", "path",
        help: "Rule packs: a Rules directory, a packs directory, or one pack file\n(default: ./Rules). Calendars and the escalation ladder come from beside\nthe packs, else from ./Rules.")
    static let calendar = OptionSpec.value("calendar", "name", help: "Work calendar in Rules/calendars (default: cn).")
    static let language = OptionSpec.value("lang", "zh|en", help: "Language of rule names and messages (default: from LANG).")
    static let asOf = OptionSpec.value("as-of", "instant", help: "Judge as of this instant: RFC 3339, or YYYY-MM-DD for the end of that day\n(default: now).")

    static func loadRules(_ arguments: ParsedArguments, _ context: CommandContext) throws -> RuleSet {
        let path = context.resolve(arguments.value("rules") ?? "Rules")
        do {
            return try RuleSet.load(path: path, fallbackRulesDirectory: context.resolve("Rules"), calendarName: arguments.value("calendar") ?? "cn")
        } catch let error as RuleError {
            throw CommandFailure("rules: \(error)", status: .dataError)
        } catch let error as CalendarError {
            throw CommandFailure("calendar: \(error)", status: .dataError)
        }
    }

    static func language(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Language {
        guard let text = arguments.value("lang") else { return Language.fromEnvironment(context.environment) }
        guard let language = Language(rawValue: text) else { throw UsageError("--lang takes zh or en, not '\(text)'") }
        return language
    }

    static func asOf(_ arguments: ParsedArguments, calendar: WorkCalendar) throws -> Instant {
        guard let text = arguments.value("as-of") else { return Instant.now() }
        if let instant = Instant(rfc3339: text) { return instant }
        if let date = CalendarDate(iso: text) { return calendar.endOfDay(date) }
        throw UsageError("--as-of takes an RFC 3339 instant (2026-11-20T18:00:00+08:00) or a date (2026-11-20), not '\(text)'")
    }
}
