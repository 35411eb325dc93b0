import Audit

/// Writes a report document as one self-contained HTML file that is also well-formed XML
/// (XHTML syntax: every element closed, attributes quoted, only the five XML entities), so it
/// can be checked and transformed with XML tools.
///
/// Nothing is fetched: the style sheet is inline, the charts are inline SVG, and a Content
/// Security Policy forbids scripts and any outside resource even if something were to slip
/// through escaping.
enum HTMLWriter {
    static func render(_ document: ReportDocument) -> String {
        let lang = document.language == .zh ? "zh-CN" : "en"
        var out = "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"\(lang)\" xml:lang=\"\(lang)\">\n<head>\n"
        out += "<meta charset=\"utf-8\"/>\n"
        out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\"/>\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
        out += "<meta name=\"generator\" content=\"IronCage\"/>\n"
        out += "<title>\(HTMLText.escape(document.title))</title>\n<style>\n\(style)</style>\n</head>\n<body>\n<main>\n"
        for block in document.blocks {
            switch block {
            case .heading(let level, let inlines, let id):
                let anchor = id.map { " id=\"\(HTMLText.escape($0))\"" } ?? ""
                out += "<h\(level)\(anchor)>\(html(inlines))</h\(level)>\n"
            case .paragraph(let inlines):
                out += "<p>\(html(inlines))</p>\n"
            case .list(let items):
                out += "<ul>\n" + items.map { "<li>\(html($0))</li>\n" }.joined() + "</ul>\n"
            case .table(let table):
                out += table.style.isEmpty ? "<table>\n" : "<table class=\"\(HTMLText.escape(table.style))\">\n"
                out += "<thead><tr>" + table.headers.enumerated().map { index, header in
                    "<th\(table.numeric.contains(index) ? " class=\"n\"" : "")>\(HTMLText.escape(header))</th>"
                }.joined() + "</tr></thead>\n<tbody>\n"
                for row in table.rows {
                    out += "<tr>" + row.enumerated().map { index, cell in
                        "<td\(table.numeric.contains(index) ? " class=\"n\"" : "")>\(html(cell))</td>"
                    }.joined() + "</tr>\n"
                }
                out += "</tbody>\n</table>\n"
            case .chart(let svg, let caption):
                out += "<figure>\n\(svg)\n<figcaption>\(HTMLText.escape(caption))</figcaption>\n</figure>\n"
            }
        }
        return out + "</main>\n</body>\n</html>\n"
    }

    static func html(_ inlines: [Inline]) -> String {
        inlines.map { inline -> String in
            switch inline {
            case .text(let text): HTMLText.escape(text)
            case .event(let text): HTMLText.isolated(text)
            case .strong(let text): "<strong>" + HTMLText.escape(text) + "</strong>"
            case .code(let text): "<code>" + HTMLText.escape(text) + "</code>"
            case .card(let level, let text): "<span class=\"card \(level.rawValue)\">" + HTMLText.escape(text) + "</span>"
            case .lineBreak: "<br/>"
            }
        }.joined()
    }

    /// For the screen and for print (`@media print`: black on white, no page break inside a
    /// row, headings kept with what follows, the charts scaled to the page).
    static let style = """
        body { margin: 0; background: #f4f5f7; color: #1d232b; font: 14px/1.55 system-ui, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; }
        main { max-width: 1180px; margin: 0 auto; padding: 24px 32px 48px; background: #ffffff; }
        h1 { font-size: 24px; margin: 8px 0 12px; border-bottom: 3px solid #1f5fa8; padding-bottom: 8px; }
        h2 { font-size: 19px; margin: 32px 0 10px; color: #1f5fa8; }
        h3 { font-size: 15px; margin: 20px 0 8px; }
        table { border-collapse: collapse; width: 100%; margin: 6px 0 16px; font-size: 13px; }
        th, td { border: 1px solid #d5d9e0; padding: 4px 7px; vertical-align: top; text-align: left; }
        th { background: #eef1f5; font-weight: 600; }
        td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
        table.figures { width: auto; min-width: 520px; }
        table.findings td, table.inspectors td, table.traces td { font-size: 12px; }
        code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 12px; background: #f1f3f6; padding: 0 3px; border-radius: 3px; white-space: nowrap; }
        th { word-break: keep-all; }
        table.rules th.n, table.rules td.n { min-width: 4.5em; }
        bdi { unicode-bidi: isolate; }
        .card { display: inline-block; padding: 0 6px; border-radius: 3px; font-weight: 600; font-size: 12px; }
        .card.red { background: #c0392b; color: #ffffff; }
        .card.yellow { background: #f1c40f; color: #1d232b; }
        figure { margin: 12px 0 20px; }
        figure svg { max-width: 100%; height: auto; }
        figcaption { font-size: 12px; color: #5a6470; }
        ul { padding-left: 22px; }
        @media print {
          @page { size: A4; margin: 14mm 12mm; }
          body { background: #ffffff; font-size: 10.5pt; }
          main { max-width: none; padding: 0; }
          h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
          tr, figure { break-inside: avoid; page-break-inside: avoid; }
          thead { display: table-header-group; }
          table { font-size: 9pt; }
          table.findings td, table.inspectors td, table.traces td { font-size: 8pt; }
          code { background: none; padding: 0; }
          .card { border: 1px solid #000000; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
        }

        """
}
