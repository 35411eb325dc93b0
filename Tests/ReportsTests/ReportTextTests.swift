import Audit
import EventLog
@testable import Reports
import Testing

/// The escaping of each output format, on hostile text: markup, quotes, ampersands, right-to-left
/// overrides, control characters, spreadsheet formulas.
@Suite("Escaping text for each format")
struct ReportTextTests {
    static let hostile = "<script>alert(\"x\")</script> & 'q' case:12\u{202E}34\u{0001}"

    @Test("HTML: markup and quotes become character references; bidi and control characters visible markers")
    func html() {
        #expect(HTMLText.escape(Self.hostile)
            == "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39; case:12[U+202E]34[U+0001]")
        #expect(HTMLText.isolated("a\u{2067}b") == "<bdi>a[U+2067]b</bdi>")
        #expect(HTMLText.escape("行1\n行2\u{FFFF}") == "行1 行2[U+FFFF]")
    }

    @Test("Markdown prose: markup characters are backslash-escaped, a list or heading marker at a block's start too")
    func markdownProse() {
        #expect(MarkdownText.escape("<b>*x*</b> | [a](b) & `c`") == "\\<b\\>\\*x\\*\\</b\\> \\| \\[a\\](b) \\& \\`c\\`")
        #expect(MarkdownText.escape("# title", blockStart: true) == "\\# title")
        #expect(MarkdownText.escape("12. item", blockStart: true) == "12\\. item")
        #expect(MarkdownText.escape("+80, case-1 3.5", blockStart: true) == "\\+80, case-1 3.5")
        // In a table cell or a heading they open nothing.
        #expect(MarkdownText.escape("+80, 12. item") == "+80, 12. item")
        // The marker's brackets are escaped too: `[U+202E](…)` must not become a link.
        #expect(MarkdownText.escape("a\u{202E}(b)") == "a\\[U+202E\\](b)")
    }

    @Test("Markdown event text is a code span longer than any backtick run in it, pipes escaped")
    func markdownCode() {
        #expect(MarkdownText.code("case:1") == "`case:1`")
        #expect(MarkdownText.code("a`b``c") == "```a`b``c```")
        #expect(MarkdownText.code("`x`") == "`` `x` ``")
        #expect(MarkdownText.code("a|b<script>") == "`a\\|b<script>`")
        #expect(MarkdownText.code("x\u{202E}y") == "`x[U+202E]y`")
    }

    @Test("CSV: quoted when needed, quotes doubled, formulas defused, the text otherwise exact")
    func csv() {
        #expect(CSVText.text("plain") == "plain")
        #expect(CSVText.text("a,b") == "\"a,b\"")
        #expect(CSVText.text("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVText.text("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(CSVText.text("-1+1") == "'-1+1")
        #expect(CSVText.text("@SUM") == "'@SUM")
        #expect(CSVText.text("a\u{202E}b") == "a\u{202E}b")
        #expect(CSVText.record(["a", "b"]) == "a,b\r\n")
    }

    @Test("JSON: quotes, backslashes and control characters escaped; bidi controls as \\u escapes")
    func json() {
        #expect(JSONString.literal("a\"b\\c\n\u{0001}\u{202E}\u{2028}中") == "\"a\\\"b\\\\c\\n\\u0001\\u202e\\u2028中\"")
    }

    @Test("figures print without locale: grouped counts, rates to a tenth of a percent, signed changes")
    func figures() throws {
        #expect(FigureText.count(3_160) == "3,160")
        #expect(FigureText.count(1_000_000) == "1,000,000")
        #expect(FigureText.count(999) == "999")
        #expect(FigureText.percent(Ratio(15, of: 16)) == "93.8%")
        #expect(FigureText.percent(Ratio(2, of: 3)) == "66.7%")
        #expect(FigureText.percent(Ratio(0, of: 0)) == "—")
        #expect(FigureText.change(5, 8) == "−3")
        #expect(FigureText.change(8, 5) == "+3")
        #expect(FigureText.change(5, 5) == "0")
        #expect(FigureText.pointChange(Ratio(3, of: 5), Ratio(1, of: 1), .en) == "−40.0 pp")
        #expect(FigureText.pointChange(Ratio(1, of: 1), Ratio(3, of: 5), .zh) == "+40.0个百分点")
        #expect(FigureText.medianChange(Median(of: [1, 2, 5, 8]), Median(of: [1])) == "+2.5")
        #expect(FigureText.fraction(try #require(Ratio(15, of: 16))) == "0.9375")
        #expect(FigureText.fraction(try #require(Ratio(2, of: 3))) == "0.6667")
        #expect(FigureText.fraction(try #require(Ratio(3, of: 5))) == "0.6")
        #expect(FigureText.fraction(try #require(Ratio(5, of: 5))) == "1")
        #expect(FigureText.fraction(try #require(Ratio(0, of: 5))) == "0")
    }

    @Test("medians are exact, in halves")
    func medians() {
        #expect(Median(of: [9, 0, 3, 6, 1])?.text == "3")
        #expect(Median(of: [1, 2, 4, 8])?.text == "3")
        #expect(Median(of: [1, 2, 4, 7])?.text == "3")
        #expect(Median(of: [0, 9])?.text == "4.5")
        #expect(Median(of: []) == nil)
    }

    @Test("chart axes end on 1, 2 or 5 times a power of ten")
    func niceCeiling() {
        #expect([0, 1, 3, 9, 10, 11, 380, 501, 4_999].map(SVGChart.niceCeiling) == [0, 1, 5, 10, 10, 20, 500, 1_000, 5_000])
    }

    @Test("a department becomes a safe file-name part, with a hash when anything had to change")
    func safeName() {
        #expect(ReportFileSet.safeName("gy.jgj") == "gy.jgj")
        #expect(ReportFileSet.safeName("../x") == ".._x-" + String(SHA256.hash("../x").hex.prefix(8)))
        #expect(ReportFileSet.safeName("公安局").hasPrefix("___-"))
    }
}
