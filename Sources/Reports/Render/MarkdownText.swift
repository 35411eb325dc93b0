/// Escaping for the Markdown report (CommonMark with GitHub's tables).
enum MarkdownText {
    /// Prose: the characters that can open Markdown or HTML markup anywhere in a line are
    /// backslash-escaped (CommonMark §2.4 allows a backslash before any ASCII punctuation);
    /// hidden characters become visible markers, line breaks spaces. `<script>` becomes
    /// `\<script\>`, shown as text, and `|` cannot end a table cell.
    ///
    /// - Parameters:
    ///   - text: the text.
    ///   - blockStart: whether it starts a paragraph or a list item, where a leading `#`, `+`,
    ///     `-`, `=` or list number would open a heading or a list and is escaped too (in a table
    ///     cell or a heading it would not, and is left alone).
    static func escape(_ text: String, blockStart: Bool = false) -> String {
        var out = ""
        let scalars = Array(VisibleText.shown(text).unicodeScalars)
        let leadingDigits = scalars.prefix { ("0"..."9").contains($0) }.count
        for (index, scalar) in scalars.enumerated() {
            switch scalar {
            case "\\", "`", "*", "_", "{", "}", "[", "]", "<", ">", "|", "~", "&":
                out += "\\"
                out.unicodeScalars.append(scalar)
            case "#", "+", "-", "=", ".", ")":
                // A line that starts `# `, `+ `, `- `, `=` or `1. ` would become a heading or a list.
                let opensBlock = blockStart
                    && (index == 0 ? "#+-=".unicodeScalars.contains(scalar) : (index == leadingDigits && (scalar == "." || scalar == ")")))
                if opensBlock { out += "\\" }
                out.unicodeScalars.append(scalar)
            case "\n", "\r", "\t": out += " "
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Text from events as a code span: shown literally (no markup, no entities, no HTML),
    /// fenced by one more backtick than the longest run inside it (CommonMark §6.1), with `|`
    /// escaped so that a table cell cannot be split (GFM §4.10).
    static func code(_ text: String) -> String {
        var content = ""
        for scalar in VisibleText.shown(text).unicodeScalars {
            switch scalar {
            case "|": content += "\\|"
            case "\n", "\r", "\t": content += " "
            default: content.unicodeScalars.append(scalar)
            }
        }
        var longest = 0
        var run = 0
        for character in content {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let padded = content.hasPrefix("`") || content.hasSuffix("`") || content.isEmpty ? " " + content + " " : content
        return fence + padded + fence
    }
}
