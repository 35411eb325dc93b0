@testable import Audit
import Testing

/// Label files: `subject<TAB>0|1` per line, errors naming the line.
@Suite struct ScreenLabelsTests {
    static func parse(_ text: String) throws(ScreenLabelError) -> ScreenLabels {
        try ScreenLabels.parse(Array(text.utf8), file: "labels.tsv")
    }

    @Test func `reads subjects and labels, skipping blank and comment lines, CR LF or LF`() throws {
        let labels = try Self.parse("# closed cases\r\ntender:A\t1\r\n\ntender:B\t0\n  \ntender:C\t 1 \n")
        #expect(
            labels.entries == [
                ScreenLabels.Entry(subject: "tender:A", collusive: true, line: 2),
                ScreenLabels.Entry(subject: "tender:B", collusive: false, line: 4),
                ScreenLabels.Entry(subject: "tender:C", collusive: true, line: 6),
            ])
        #expect(try Self.parse("").entries.isEmpty)
    }

    @Test(arguments: [
        ("tender:A\t1\ntender:B 0\n", 2, "expected SUBJECT<TAB>0|1, found no tab"),
        ("tender:A\t1\t2\n", 1, "expected SUBJECT<TAB>0|1, found 2 tabs"),
        ("tender:A\tyes\n", 1, "the label must be 0 (competitive) or 1 (collusive)"),
        ("tender:A\t\n", 1, "the label must be 0 (competitive) or 1 (collusive)"),
        ("\t1\n", 1, "the subject is empty or has spaces around it"),
        (" tender:A\t1\n", 1, "the subject is empty or has spaces around it"),
        ("tender:A\t1\n# again\ntender:A\t0\n", 3, "the subject of line 1 again"),
    ])
    func `errors name the line`(text: String, line: Int, message: String) {
        #expect(throws: ScreenLabelError(file: "labels.tsv", line: line, message: message)) { try Self.parse(text) }
    }

    @Test func `bytes that are not UTF-8`() {
        #expect(throws: ScreenLabelError(file: "labels.tsv", line: 2, message: "not UTF-8")) {
            try ScreenLabels.parse(Array("tender:A\t1\n".utf8) + [0xFF, 0x09, 0x31], file: "labels.tsv")
        }
        #expect(ScreenLabelError(file: "l.tsv", line: 7, message: "x").description == "l.tsv:7: x")
    }
}
