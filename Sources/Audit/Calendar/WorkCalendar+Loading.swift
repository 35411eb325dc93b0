import EventLog

/// Reading a calendar file such as `Rules/calendars/cn.json`.
///
/// The format, which the file also describes in its `about` member:
///
/// ```json
/// {"name": "cn", "about": "…", "time_zone": "Asia/Shanghai", "utc_offset": "+08:00",
///  "years": {"2025": {"holidays": ["2025-01-01", …], "workdays": ["2025-01-26", …],
///                     "source": "国务院办公厅关于2025年部分节假日安排的通知 (国办发明电〔2024〕12号)"}}}
/// ```
///
/// - `name`, `utc_offset` (`±HH:MM`) and `years` are required; `about` and `time_zone`
///   (an IANA name, informational) are optional strings. Other members are rejected, so
///   that a misspelt key cannot be silently ignored.
/// - Each year (four digits) has `holidays` (every day off of a holiday break, any day
///   of the week), `workdays` (only the Saturdays and Sundays worked, 调休上班) and
///   `source` (the notice it comes from), and nothing else.
/// - Each date is `YYYY-MM-DD` in its own year, listed once, and not in both lists.
extension WorkCalendar {
    /// Reads and checks a calendar file.
    ///
    /// - Parameter path: The file's path; errors name it as given.
    /// - Returns: The calendar, its ``source`` set to `path`.
    /// - Throws: ``CalendarError`` with code ``CalendarError/Code/unreadableFile`` when the
    ///   file cannot be read, or ``CalendarError/Code/malformedFile`` naming the first
    ///   offending member, for example `years.2025.holidays[3]`.
    public static func load(path: String) throws(CalendarError) -> WorkCalendar {
        let bytes: [UInt8]
        do {
            bytes = try FileContents.read(path)
        } catch let error as IOError {
            throw CalendarError(.unreadableFile, source: path, message: "cannot \(error.operation): \(error.reason)")
        } catch {
            throw CalendarError(.unreadableFile, source: path, message: "cannot read: \(error)")
        }
        let root: JSONValue
        do {
            root = try JSONParser.parse(bytes)
        } catch {
            throw .malformed(path, key: nil, error.description)
        }
        return try CalendarFileReader(path: path).calendar(from: root)
    }
}

/// Checks a parsed calendar file member by member, naming the first problem's key.
private struct CalendarFileReader {
    let path: String

    /// The calendar the document describes.
    func calendar(from root: JSONValue) throws(CalendarError) -> WorkCalendar {
        let top = try object(root, at: nil)
        try rejectUnknown(top, allowed: ["about", "name", "time_zone", "utc_offset", "years"], at: nil)
        let name = try string(top, "name", at: nil)
        guard !name.isEmpty else { throw .malformed(path, key: "name", "must not be empty") }
        if top["about"] != nil { _ = try string(top, "about", at: nil) }
        if top["time_zone"] != nil { _ = try string(top, "time_zone", at: nil) }
        let offset = try utcOffset(try string(top, "utc_offset", at: nil))
        guard let yearsValue = top["years"] else { throw .malformed(path, key: "years", "missing") }
        let yearsObject = try object(yearsValue, at: "years")
        guard !yearsObject.isEmpty else { throw .malformed(path, key: "years", "lists no year") }

        var years: [Int: (holidays: [CalendarDate], workdays: [CalendarDate])] = [:]
        for (key, value) in yearsObject.members {
            let at = "years.\(key)"
            guard let year = Self.year(key) else {
                throw .malformed(path, key: at, "not a year (expected four digits, 0001-9998)")
            }
            let entry = try object(value, at: at)
            try rejectUnknown(entry, allowed: ["holidays", "source", "workdays"], at: at)
            let source = try string(entry, "source", at: at)
            guard !source.isEmpty else {
                throw .malformed(path, key: "\(at).source", "must name the State Council's notice")
            }
            let holidays = try dates(entry, "holidays", year: year, at: at)
            let workdays = try dates(entry, "workdays", year: year, at: at)
            let holidaySet = Set(holidays)
            for (i, date) in workdays.enumerated() {
                let dateKey = "\(at).workdays[\(i)]"
                guard date.isWeekend else {
                    throw .malformed(
                        path, key: dateKey,
                        "\(date) is a \(Self.weekdayNames[date.weekday - 1]); list only the Saturdays and Sundays worked (调休上班)")
                }
                guard !holidaySet.contains(date) else {
                    throw .malformed(path, key: dateKey, "\(date) is also listed as a holiday")
                }
            }
            years[year] = (holidays, workdays)
        }
        return WorkCalendar(name: name, utcOffsetSeconds: offset, years: years, source: path)
    }

    /// The dates of one list, each in `year` and listed once.
    private func dates(_ entry: JSONObject, _ member: String, year: Int, at: String) throws(CalendarError) -> [CalendarDate] {
        let key = "\(at).\(member)"
        guard let value = entry[member] else { throw .malformed(path, key: key, "missing") }
        guard let elements = value.arrayValue else { throw .malformed(path, key: key, "expected an array of dates") }
        var seen = Set<CalendarDate>()
        var result: [CalendarDate] = []
        result.reserveCapacity(elements.count)
        for (i, element) in elements.enumerated() {
            let elementKey = "\(key)[\(i)]"
            guard let text = element.stringValue else {
                throw .malformed(path, key: elementKey, "expected a date string (YYYY-MM-DD)")
            }
            guard let date = CalendarDate(iso: text) else {
                throw .malformed(path, key: elementKey, "\"\(text)\" is not a date (YYYY-MM-DD)")
            }
            guard date.year == year else {
                throw .malformed(path, key: elementKey, "\(date) is not in \(year); list each day under its own year")
            }
            guard seen.insert(date).inserted else {
                throw .malformed(path, key: elementKey, "\(date) is listed twice")
            }
            result.append(date)
        }
        return result
    }

    /// The members of an object, or the error naming `at`.
    private func object(_ value: JSONValue, at: String?) throws(CalendarError) -> JSONObject {
        guard let object = value.objectValue else { throw .malformed(path, key: at, "expected an object") }
        return object
    }

    /// A required string member.
    private func string(_ object: JSONObject, _ member: String, at: String?) throws(CalendarError) -> String {
        let key = at.map { "\($0).\(member)" } ?? member
        guard let value = object[member] else { throw .malformed(path, key: key, "missing") }
        guard let text = value.stringValue else { throw .malformed(path, key: key, "expected a string") }
        return text
    }

    /// Throws for the first member whose key is not in `allowed`.
    private func rejectUnknown(_ object: JSONObject, allowed: Set<String>, at: String?) throws(CalendarError) {
        for key in object.keys where !allowed.contains(key) {
            throw .malformed(
                path, key: at.map { "\($0).\(key)" } ?? key,
                "unknown member; expected \(allowed.sorted().joined(separator: ", "))")
        }
    }

    /// Seconds east of UTC for `±HH:MM` (hours up to 23, minutes up to 59).
    private func utcOffset(_ text: String) throws(CalendarError) -> Int {
        let bytes = Array(text.utf8)
        func digit(_ i: Int) -> Int? {
            let d = bytes[i] &- UInt8(ascii: "0")
            return d < 10 ? Int(d) : nil
        }
        guard bytes.count == 6, bytes[0] == UInt8(ascii: "+") || bytes[0] == UInt8(ascii: "-"),
            bytes[3] == UInt8(ascii: ":"),
            let h1 = digit(1), let h2 = digit(2), let m1 = digit(4), let m2 = digit(5),
            h1 * 10 + h2 <= 23, m1 * 10 + m2 <= 59
        else {
            throw .malformed(path, key: "utc_offset", "\"\(text)\" is not an offset (+HH:MM or -HH:MM)")
        }
        let seconds = ((h1 * 10 + h2) * 60 + m1 * 10 + m2) * 60
        return bytes[0] == UInt8(ascii: "-") ? -seconds : seconds
    }

    /// The year a `years` key names: exactly four digits, 0001–9998 (the next year's
    /// 1 January must still be a date).
    private static func year(_ key: String) -> Int? {
        let bytes = Array(key.utf8)
        guard bytes.count == 4, bytes.allSatisfy({ $0 &- UInt8(ascii: "0") < 10 }), let year = Int(key),
            (1...9998).contains(year)
        else { return nil }
        return year
    }

    /// English weekday names, Monday first, for messages.
    private static let weekdayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
}
