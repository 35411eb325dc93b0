public import EventLog

/// A field a rule reads from an event: an envelope field, a payload field (`data.a.b`),
/// or a value derived in the calendar's local time.
///
/// | path | value |
/// |---|---|
/// | `id` `type` `dept` `actor` `subject` | the envelope's strings |
/// | `at`, `recorded` | instants (compared as instants) |
/// | `data.x`, `data.x.y` | payload members; `data.x[]` makes each element of an array a value of its own (for keys) |
/// | `at.date` | the local date, `YYYY-MM-DD` |
/// | `at.month` | `YYYY-MM` |
/// | `at.year`, `at.fiscal_year` | the year (China's fiscal year is the calendar year, 预算法 art. 18) |
/// | `at.hour` | the local hour, 0–23 |
/// | `at.weekday` | 1 = Monday … 7 = Sunday |
/// | `at.workday` | whether the local date is a working day |
/// | `lag_hours` | hours from `at` to `recorded` (late entry) |
public struct FieldPath: Sendable, Hashable, CustomStringConvertible {
    enum Root: Sendable, Hashable {
        case id, type, dept, actor, subject, at, recorded
        case data([String])
        case atDate, atMonth, atYear, atHour, atWeekday, atWorkday, lagHours
    }

    let root: Root
    /// Whether the path ends in `[]`: each array element is a separate value.
    let expandsArray: Bool
    public let description: String

    /// Parses a path.
    ///
    /// - Returns: nil when the path names no known field.
    public init?(_ text: String) {
        var path = text
        expandsArray = path.hasSuffix("[]")
        if expandsArray { path.removeLast(2) }
        description = text
        switch path {
        case "id": root = .id
        case "type": root = .type
        case "dept": root = .dept
        case "actor": root = .actor
        case "subject": root = .subject
        case "at": root = .at
        case "recorded": root = .recorded
        case "at.date": root = .atDate
        case "at.month": root = .atMonth
        case "at.year", "at.fiscal_year": root = .atYear
        case "at.hour": root = .atHour
        case "at.weekday": root = .atWeekday
        case "at.workday": root = .atWorkday
        case "lag_hours": root = .lagHours
        default:
            guard path.hasPrefix("data."), path.count > 5 else { return nil }
            let components = path.dropFirst(5).split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard !components.contains(where: \.isEmpty) else { return nil }
            root = .data(components)
        }
    }

    /// Whether the value is an instant (compared with RFC 3339 operands as instants).
    var isInstant: Bool { root == .at || root == .recorded }

    /// The field's value in `event`, or nil when absent.
    ///
    /// - Throws: `CalendarError` when `at.workday` falls outside the calendar's years.
    public func value(in event: AuditEvent, calendar: WorkCalendar) throws -> JSONValue? {
        switch root {
        case .id: return .string(event.id)
        case .type: return .string(event.type)
        case .dept: return .string(event.dept)
        case .actor: return event.actor.map { .string($0) }
        case .subject: return .string(event.subject)
        case .at: return .number(literal: String(event.at.millisecondsSinceEpoch))
        case .recorded: return .number(literal: String(event.recorded.millisecondsSinceEpoch))
        case .data(let components):
            var value: JSONValue = .object(event.data)
            for component in components {
                guard let next = value[component] else { return nil }
                value = next
            }
            return value
        case .atDate: return .string(calendar.localDate(of: event.at).description)
        case .atMonth: return .string(String(calendar.localDate(of: event.at).description.prefix(7)))
        case .atYear: return .number(literal: String(calendar.localDate(of: event.at).year))
        case .atHour:
            let local = event.at.millisecondsSinceEpoch / 1000 + Int64(calendar.utcOffsetSeconds)
            let hour = ((local % 86_400) + 86_400) % 86_400 / 3600
            return .number(literal: String(hour))
        case .atWeekday: return .number(literal: String(calendar.localDate(of: event.at).weekday))
        case .atWorkday: return .bool(try calendar.isWorkday(calendar.localDate(of: event.at)))
        case .lagHours:
            let hours = Double(event.recorded.millisecondsSinceEpoch - event.at.millisecondsSinceEpoch) / 3_600_000
            return .number(literal: String(format3(hours)))
        }
    }

    /// The field as key text: strings as they are, numbers as written, other values in
    /// canonical JSON; `[]` paths give one text per element. Empty when absent.
    public func keyTexts(in event: AuditEvent, calendar: WorkCalendar) throws -> [String] {
        guard let value = try value(in: event, calendar: calendar) else { return [] }
        if expandsArray, case .array(let elements) = value { return elements.map(Self.text) }
        return [Self.text(value)]
    }

    static func text(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): text
        case .number(let literal): literal
        case .bool(let flag): flag ? "true" : "false"
        case .null: "null"
        default: String(decoding: CanonicalJSON.bytes(of: value), as: UTF8.self)
        }
    }
}

/// A number with at most three decimals, without trailing zeros: 72.5 → "72.5".
func format3(_ value: Double) -> String {
    let scaled = (value * 1000).rounded()
    let whole = Int64(scaled / 1000)
    var fraction = Int64(abs(scaled.truncatingRemainder(dividingBy: 1000)))
    if fraction == 0 { return (scaled < 0 && whole == 0 ? "-" : "") + String(whole) }
    var digits = 3
    while fraction % 10 == 0 {
        fraction /= 10
        digits -= 1
    }
    let text = String(fraction)
    return (scaled < 0 && whole == 0 ? "-" : "") + String(whole) + "." + String(repeating: "0", count: digits - text.count) + text
}
