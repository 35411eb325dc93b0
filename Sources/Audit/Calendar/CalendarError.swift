import EventLog

/// Why a work calendar cannot answer: a year it has no data for, or a calendar file
/// that cannot be read or is malformed.
///
/// Shaped after swift-nio's `FileSystemError`: a ``code`` to switch on, a ``message``
/// for people, and where it happened (the calendar's file and the JSON key). A year
/// without data is never papered over with a Monday-to-Friday guess: holidays and
/// make-up working days change every year by the State Council's notice, and a guess
/// would silently move deadlines.
public struct CalendarError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Code: Sendable, Equatable {
        /// The calendar has no data for this year (outside its covered years, or a gap
        /// inside them).
        case missingYear(Int)
        /// The calendar file could not be read.
        case unreadableFile
        /// The calendar file is not valid JSON or not in the calendar format.
        case malformedFile
    }

    /// What went wrong.
    public var code: Code
    /// The calendar's name (`cn`), when known.
    public var calendar: String?
    /// Where the calendar came from: the file's path, as given.
    public var source: String
    /// The JSON member at fault, as a path such as `years.2025.holidays[3]`, for a
    /// malformed file.
    public var key: String?
    /// What is wrong and what to do, without the context above.
    public var message: String

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - code: What went wrong.
    ///   - calendar: The calendar's name, when known.
    ///   - source: The calendar file's path or another description of the data.
    ///   - key: The JSON member at fault, if any.
    ///   - message: What is wrong and what to do.
    public init(_ code: Code, calendar: String? = nil, source: String, key: String? = nil, message: String) {
        self.code = code
        self.calendar = calendar
        self.source = source
        self.key = key
        self.message = message
    }

    /// The error for a year without data, telling the user which notice to add.
    ///
    /// - Parameters:
    ///   - year: The year asked about.
    ///   - calendar: The calendar's name.
    ///   - source: Its file.
    /// - Returns: The error.
    static func missingYear(_ year: Int, calendar: String, source: String) -> CalendarError {
        CalendarError(
            .missingYear(year), calendar: calendar, source: source,
            message: "has no data for \(year): add the year from the State Council's notice "
                + "(国务院办公厅关于\(year)年部分节假日安排的通知)")
    }

    /// The error for a malformed calendar file.
    ///
    /// - Parameters:
    ///   - source: The file.
    ///   - key: The member at fault, if any.
    ///   - message: What is wrong with it.
    /// - Returns: The error.
    static func malformed(_ source: String, key: String?, _ message: String) -> CalendarError {
        CalendarError(.malformedFile, source: source, key: key, message: message)
    }

    /// One line naming the calendar, its file, the key and the problem, for example
    /// `calendar cn (Rules/calendars/cn.json) has no data for 2027: add the year from the
    /// State Council's notice (国务院办公厅关于2027年部分节假日安排的通知)` or
    /// `calendar file Rules/calendars/cn.json: years.2025.holidays[3]: "2025-02-30" is
    /// not a date (YYYY-MM-DD)`.
    public var description: String {
        var text = calendar.map { "calendar \($0) (\(source))" } ?? "calendar file \(source)"
        switch code {
        case .missingYear:
            text += " "
        case .unreadableFile, .malformedFile:
            text += ": "
        }
        if let key { text += "\(key): " }
        return text + message
    }
}
