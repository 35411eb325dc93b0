import Audit

/// Writes a report document as Markdown (CommonMark with GitHub's tables).
///
/// Text of ours is backslash-escaped where it could open markup; text from events is a code
/// span, shown literally. Charts are left out: their figures are in the tables.
enum MarkdownWriter {
    static func render(_ document: ReportDocument) -> String {
        var out = ""
        for block in document.blocks {
            switch block {
            case .heading(let level, let inlines, _):
                out += String(repeating: "#", count: level) + " " + line(inlines) + "\n\n"
            case .paragraph(let inlines):
                out += line(inlines, blockStart: true) + "\n\n"
            case .list(let items):
                for item in items { out += "- " + line(item, blockStart: true) + "\n" }
                out += "\n"
            case .table(let table):
                out += "| " + table.headers.map { MarkdownText.escape($0) }.joined(separator: " | ") + " |\n"
                out += "|" + table.headers.indices.map { table.numeric.contains($0) ? "---:|" : "---|" }.joined() + "\n"
                for row in table.rows {
                    out += "| " + row.map { line($0) }.joined(separator: " | ") + " |\n"
                }
                out += "\n"
            case .chart:
                continue
            }
        }
        while out.hasSuffix("\n\n") { out.removeLast() }
        return out
    }

    /// Inlines on one line; a line break inside a cell or item is `<br>`.
    ///
    /// - Parameter blockStart: whether the line starts a paragraph or list item (see `MarkdownText.escape`).
    static func line(_ inlines: [Inline], blockStart: Bool = false) -> String {
        inlines.enumerated().map { index, inline -> String in
            switch inline {
            case .text(let text): MarkdownText.escape(text, blockStart: blockStart && index == 0)
            case .event(let text): MarkdownText.code(text)
            case .strong(let text): "**" + MarkdownText.escape(text) + "**"
            case .code(let text): MarkdownText.code(text)
            case .card(let level, let text): (level == .red ? "🟥 " : "🟨 ") + MarkdownText.escape(text)
            case .lineBreak: "<br>"
            }
        }.joined()
    }
}
