/// Makes text from events safe to show to a person: characters that are invisible or that
/// change how the text around them is drawn become a visible `[U+XXXX]`.
///
/// A department's event can carry a subject such as `case:1234\u{202E}5678`, which a browser
/// would draw right to left after the mark ("Trojan Source", CVE-2021-42574), or control
/// characters that XML forbids outright. Reports are read by people deciding on the basis of
/// what they see, so such characters are shown, never obeyed:
///
/// - the Unicode bidirectional formatting characters (UAX #9 §2): U+061C, U+200E, U+200F,
///   U+202A–U+202E, U+2066–U+2069;
/// - zero-width characters that make two different names look the same: U+200B (zero width
///   space), U+2060 (word joiner), U+FEFF (zero width no-break space);
/// - C0 controls other than tab, line feed and carriage return, DEL, and C1 controls;
/// - U+FFFE and U+FFFF, which are not characters (and not allowed in XML 1.0).
enum VisibleText {
    /// Whether a scalar is replaced.
    static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: return false
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        case 0x200B, 0x2060, 0xFEFF: return true
        case 0xFFFE, 0xFFFF: return true
        default: return false
        }
    }

    /// `[U+202E]` for U+202E.
    static func marker(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "[U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "]"
    }

    /// The text with every hidden character replaced by its marker.
    static func shown(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isHidden) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if isHidden(scalar) { out += marker(scalar) } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }
}
