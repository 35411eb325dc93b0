/// Fields of the CSV tables (RFC 4180: fields with commas, quotes or line breaks are quoted,
/// quotes doubled; records end with CRLF).
enum CSVText {
    /// A text field. Text that a spreadsheet would run as a formula — starting with `=`, `+`,
    /// `-`, `@`, a tab or a carriage return (OWASP, "CSV Injection") — is prefixed with `'`, which
    /// spreadsheets show as text; everything else is kept exactly, hidden characters included,
    /// since CSV is data for further processing.
    static func text(_ value: String) -> String {
        switch value.utf8.first {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
            return quoted("'" + value)
        default:
            return quoted(value)
        }
    }

    /// A field written as it is (numbers, fixed words), quoted only if it must be.
    static func quoted(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") })
        else { return value }
        return "\"" + value.replacingAll("\"", with: "\"\"") + "\""
    }

    /// One record.
    static func record(_ fields: [String]) -> String {
        fields.joined(separator: ",") + "\r\n"
    }
}

extension String {
    /// The string with every occurrence of `target` replaced (no Foundation).
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for character in self {
            if character == target { out += replacement } else { out.append(character) }
        }
        return out
    }
}
