/// Escaping for the HTML report, which is also well-formed XML.
enum HTMLText {
    /// Text for element content or a double-quoted attribute value: `&`, `<`, `>`, `"` and `'`
    /// as character references, hidden characters as visible markers (`VisibleText`), line
    /// breaks as spaces.
    static func escape(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in VisibleText.shown(text).unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\n", "\r", "\t": out += " "
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Text that came from events, isolated from its neighbours' direction (`<bdi>`, HTML §4.5.23)
    /// so that a right-to-left name cannot reorder the cell around it.
    static func isolated(_ text: String) -> String {
        "<bdi>" + escape(text) + "</bdi>"
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "&", "<", ">", "\"", "'", "\n", "\r", "\t": true
        default: VisibleText.isHidden(scalar)
        }
    }
}
