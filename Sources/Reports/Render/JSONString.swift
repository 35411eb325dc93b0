/// JSON string literals for the JSON report (RFC 8259 §7).
enum JSONString {
    /// `"…"` with `"` and `\` escaped, control characters as `\n`, `\t` … or `\u00XX`, and the
    /// characters `VisibleText` hides (bidirectional controls, C1, U+FFFE/U+FFFF) plus U+2028
    /// and U+2029 as `\uXXXX`: the value is exact, and the raw file shows what is there.
    static func literal(_ text: String) -> String {
        var out = ""
        append(text, to: &out)
        return out
    }

    /// Appends `literal(text)` to `out` without building it apart.
    static func append(_ text: String, to out: inout String) {
        guard mayNeedEscape(text) && text.unicodeScalars.contains(where: needsEscape) else {
            out += "\""
            out += text
            out += "\""
            return
        }
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where VisibleText.isHidden(scalar) || scalar.value == 0x2028 || scalar.value == 0x2029:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\"" || scalar == "\\" || scalar.value < 0x20 || VisibleText.isHidden(scalar) || scalar.value == 0x2028 || scalar.value == 0x2029
    }

    /// A quick look at the bytes: false when every byte is printable ASCII other than `"` and
    /// `\`, so nothing needs escaping (most ids, subjects, seqs and times).
    private static func mayNeedEscape(_ text: String) -> Bool {
        text.utf8.contains { $0 < 0x20 || $0 >= 0x7F || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }
    }
}
