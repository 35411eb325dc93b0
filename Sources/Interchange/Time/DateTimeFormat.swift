import EventLog

/// How a timestamp is written in an imported record.
///
/// - `rfc3339`: exactly RFC 3339 §5.6 with an offset (`2026-11-02T09:15:00+08:00`).
/// - `iso8601`: the forms XML Schema's `xs:dateTime` and most exports use:
///   `YYYY-MM-DD`, `T` or a space, `hh:mm`, optional `:ss` and fraction, and an optional
///   `Z`, `±hh:mm`, `±hhmm` or `±hh`. This is how XES (IEEE 1849, which types dates as
///   `xs:dateTime`) is read; the offset is optional there, so a local time needs a zone.
/// - a pattern in the letters Java's `DateTimeFormatter` and Unicode TR 35 use:
///   `yyyy` (four-digit year), `MM`/`M` (month, two digits / one or two),
///   `dd`/`d`, `HH`/`H` (0–23), `mm`/`m`, `ss`/`s`, `S…` (fraction, 1–9 digits,
///   milliseconds kept), `XXX` (`Z` or `±hh:mm`, also `±hhmm`); text in single quotes
///   and any character that is not a letter is matched literally. Two-digit years are
///   refused (which century?), as are other letters. Examples: `yyyy-MM-dd HH:mm:ss`,
///   `yyyy/M/d H:mm`, `dd.MM.yyyy HH:mm`, `yyyyMMdd'T'HHmmss`.
///
/// A format without hour fields reads dates; their time is midnight.
public struct DateTimeFormat: Sendable, Equatable, CustomStringConvertible {
    /// One piece of a pattern.
    enum Component: Sendable, Equatable {
        case year
        case month(exactDigits: Bool)
        case day(exactDigits: Bool)
        case hour(exactDigits: Bool)
        case minute(exactDigits: Bool)
        case second(exactDigits: Bool)
        case fraction
        case offset
        case literal(UInt8)
    }

    enum Kind: Sendable, Equatable {
        case rfc3339
        case iso8601
        case pattern([Component])
    }

    let kind: Kind
    /// The format as written, for messages.
    public let description: String

    /// The `xs:dateTime` reading used for XES.
    public static let iso8601 = DateTimeFormat(kind: .iso8601, description: "ISO 8601 (xs:dateTime)")
    /// Strict RFC 3339 with an offset.
    public static let rfc3339 = DateTimeFormat(kind: .rfc3339, description: "RFC 3339")

    private init(kind: Kind, description: String) {
        self.kind = kind
        self.description = description
    }

    /// Reads a format as written in a mapping.
    ///
    /// - Parameter text: `rfc3339`, `iso8601`, or a pattern.
    /// - Throws: A message saying what is wrong with the pattern.
    public init(_ text: String) throws(MappingError) {
        switch text {
        case "rfc3339": self = .rfc3339
        case "iso8601": self = .iso8601
        default: self.init(kind: .pattern(try Self.compile(text)), description: "'" + text + "'")
        }
    }

    /// Whether the format can give a time of day (as opposed to a date only).
    public var hasTime: Bool {
        guard case .pattern(let components) = kind else { return true }
        return components.contains { if case .hour = $0 { true } else { false } }
    }

    /// Whether this is a pattern (as opposed to `rfc3339` or `iso8601`).
    public var isPattern: Bool {
        if case .pattern = kind { return true }
        return false
    }

    /// Whether the format reads a written offset.
    public var hasOffset: Bool {
        switch kind {
        case .rfc3339: true
        case .iso8601: true
        case .pattern(let components): components.contains(.offset)
        }
    }

    private static func compile(_ text: String) throws(MappingError) -> [Component] {
        let bytes = Array(text.utf8)
        var components: [Component] = []
        var seen: Set<String> = []
        var i = 0
        func fail(_ message: String) -> MappingError { MappingError(key: "format", message: message) }
        while i < bytes.count {
            let letter = bytes[i]
            var run = 1
            while i + run < bytes.count, bytes[i + run] == letter { run += 1 }
            let isLetter = (letter | 0x20) >= UInt8(ascii: "a") && (letter | 0x20) <= UInt8(ascii: "z")
            if letter == UInt8(ascii: "'") {
                var j = i + 1
                while j < bytes.count, bytes[j] != UInt8(ascii: "'") {
                    components.append(.literal(bytes[j]))
                    j += 1
                }
                guard j < bytes.count else { throw fail("an unclosed quote in pattern '\(text)'") }
                i = j + 1
                continue
            }
            guard isLetter else {
                components.append(.literal(letter))
                i += 1
                continue
            }
            let component: Component
            let name: String
            switch (letter, run) {
            case (UInt8(ascii: "y"), 4): (component, name) = (.year, "year")
            case (UInt8(ascii: "y"), _): throw fail("write the year as yyyy (two-digit years are ambiguous)")
            case (UInt8(ascii: "M"), 1...2): (component, name) = (.month(exactDigits: run == 2), "month")
            case (UInt8(ascii: "d"), 1...2): (component, name) = (.day(exactDigits: run == 2), "day")
            case (UInt8(ascii: "H"), 1...2): (component, name) = (.hour(exactDigits: run == 2), "hour")
            case (UInt8(ascii: "m"), 1...2): (component, name) = (.minute(exactDigits: run == 2), "minute")
            case (UInt8(ascii: "s"), 1...2): (component, name) = (.second(exactDigits: run == 2), "second")
            case (UInt8(ascii: "S"), 1...9): (component, name) = (.fraction, "fraction")
            case (UInt8(ascii: "X"), 3): (component, name) = (.offset, "offset")
            default:
                let piece = String(decoding: bytes[i..<(i + run)], as: UTF8.self)
                throw fail("'\(piece)' in pattern '\(text)' is not one of yyyy M MM d dd H HH m mm s ss S… XXX (quote literal letters: 'T')")
            }
            guard seen.insert(name).inserted else { throw fail("the \(name) appears twice in pattern '\(text)'") }
            components.append(component)
            i += run
        }
        for (required, name) in [("year", "yyyy"), ("month", "MM"), ("day", "dd")] where !seen.contains(required) {
            throw fail("pattern '\(text)' has no \(name)")
        }
        if seen.contains("minute") && !seen.contains("hour") { throw fail("pattern '\(text)' has minutes but no HH") }
        return components
    }

    /// Reads a timestamp.
    ///
    /// - Parameter text: The timestamp's bytes, nothing before or after.
    /// - Returns: The date-time, or `nil` when the text is not in this format. Ranges
    ///   (month 13, 30 February) are checked later, by ``CivilDateTime/resolved(in:)``.
    public func parse(_ text: UnsafeRawBufferPointer) -> CivilDateTime? {
        var scanner = DigitScanner(text)
        switch kind {
        case .rfc3339:
            guard Instant(rfc3339: text) != nil else { return nil }
            return Self.parseISO8601(&scanner).flatMap { $0.offsetSeconds == nil ? nil : $0 }
        case .iso8601:
            return Self.parseISO8601(&scanner)
        case .pattern(let components):
            return Self.parse(&scanner, components)
        }
    }

    /// Reads a timestamp held in an array.
    public func parse(_ text: [UInt8]) -> CivilDateTime? {
        text.withUnsafeBytes { parse($0) }
    }

    /// Reads a timestamp held in a string.
    public func parse(_ text: String) -> CivilDateTime? {
        parse(Array(text.utf8))
    }

    private static func parseISO8601(_ s: inout DigitScanner) -> CivilDateTime? {
        guard let year = s.digits(exactly: 4), s.take(UInt8(ascii: "-")),
            let month = s.digits(exactly: 2), s.take(UInt8(ascii: "-")),
            let day = s.digits(exactly: 2)
        else { return nil }
        var result = CivilDateTime(year: year, month: month, day: day)
        guard s.take(UInt8(ascii: "T")) || s.take(UInt8(ascii: "t")) || s.take(UInt8(ascii: " ")) else {
            return s.atEnd ? result : nil
        }
        guard let hour = s.digits(exactly: 2), s.take(UInt8(ascii: ":")), let minute = s.digits(exactly: 2) else { return nil }
        result.hour = hour
        result.minute = minute
        if s.take(UInt8(ascii: ":")) {
            guard let second = s.digits(exactly: 2) else { return nil }
            result.second = second
            if s.take(UInt8(ascii: ".")) || s.take(UInt8(ascii: ",")) {
                guard let millisecond = s.fraction() else { return nil }
                result.millisecond = millisecond
            }
        }
        if !s.atEnd {
            guard let offset = s.offset(allowingShortForms: true) else { return nil }
            result.offsetSeconds = offset
        }
        return s.atEnd ? result : nil
    }

    private static func parse(_ s: inout DigitScanner, _ components: [Component]) -> CivilDateTime? {
        var result = CivilDateTime(year: 0, month: 0, day: 0)
        for component in components {
            switch component {
            case .year:
                guard let value = s.digits(exactly: 4) else { return nil }
                result.year = value
            case .month(let exact):
                guard let value = exact ? s.digits(exactly: 2) : s.digits(upTo: 2) else { return nil }
                result.month = value
            case .day(let exact):
                guard let value = exact ? s.digits(exactly: 2) : s.digits(upTo: 2) else { return nil }
                result.day = value
            case .hour(let exact):
                guard let value = exact ? s.digits(exactly: 2) : s.digits(upTo: 2) else { return nil }
                result.hour = value
            case .minute(let exact):
                guard let value = exact ? s.digits(exactly: 2) : s.digits(upTo: 2) else { return nil }
                result.minute = value
            case .second(let exact):
                guard let value = exact ? s.digits(exactly: 2) : s.digits(upTo: 2) else { return nil }
                result.second = value
            case .fraction:
                guard let value = s.fraction() else { return nil }
                result.millisecond = value
            case .offset:
                guard let value = s.offset(allowingShortForms: false) else { return nil }
                result.offsetSeconds = value
            case .literal(let byte):
                guard s.take(byte) else { return nil }
            }
        }
        return s.atEnd ? result : nil
    }
}

/// Reads digits and punctuation from the front of a timestamp.
private struct DigitScanner {
    let text: UnsafeRawBufferPointer
    var position = 0

    init(_ text: UnsafeRawBufferPointer) {
        self.text = text
    }

    var atEnd: Bool { position == text.count }

    mutating func take(_ byte: UInt8) -> Bool {
        guard position < text.count, text[position] == byte else { return false }
        position += 1
        return true
    }

    private func digit(at index: Int) -> Int? {
        guard index < text.count else { return nil }
        let value = text[index] &- UInt8(ascii: "0")
        return value < 10 ? Int(value) : nil
    }

    mutating func digits(exactly count: Int) -> Int? {
        var value = 0
        for k in 0..<count {
            guard let d = digit(at: position + k) else { return nil }
            value = value * 10 + d
        }
        position += count
        return value
    }

    mutating func digits(upTo count: Int) -> Int? {
        var value = 0
        var taken = 0
        while taken < count, let d = digit(at: position) {
            value = value * 10 + d
            position += 1
            taken += 1
        }
        return taken > 0 ? value : nil
    }

    /// 1–9 fraction digits as milliseconds, truncated.
    mutating func fraction() -> Int? {
        var millisecond = 0
        var taken = 0
        while let d = digit(at: position) {
            if taken < 3 { millisecond = millisecond * 10 + d }
            taken += 1
            position += 1
        }
        guard (1...9).contains(taken) else { return nil }
        if taken < 3 {
            for _ in taken..<3 { millisecond *= 10 }
        }
        return millisecond
    }

    /// `Z`, `±hh:mm`, `±hhmm`, and with short forms also `±hh`.
    mutating func offset(allowingShortForms: Bool) -> Int? {
        if take(UInt8(ascii: "Z")) || take(UInt8(ascii: "z")) { return 0 }
        let negative: Bool
        if take(UInt8(ascii: "+")) {
            negative = false
        } else if take(UInt8(ascii: "-")) {
            negative = true
        } else {
            return nil
        }
        guard let hours = digits(exactly: 2), hours <= 23 else { return nil }
        var minutes = 0
        if take(UInt8(ascii: ":")) {
            guard let value = digits(exactly: 2) else { return nil }
            minutes = value
        } else if let value = digits(exactly: 2) {
            minutes = value
        } else if !allowingShortForms {
            return nil
        }
        guard minutes <= 59 else { return nil }
        let seconds = (hours * 60 + minutes) * 60
        return negative ? -seconds : seconds
    }
}
