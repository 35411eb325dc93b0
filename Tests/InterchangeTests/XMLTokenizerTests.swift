import EventLog
import Testing

@testable import Interchange

/// Every token of a document, as text: `<name a=v>@line`, `</name>`, `"text"`
/// (consecutive pieces of text joined, white-space-only text left out).
private func tokens(_ document: String, chunkSize: Int = 1 << 16) throws -> [String] {
    try tokens(Array(document.utf8), chunkSize: chunkSize)
}

private func tokens(_ document: [UInt8], chunkSize: Int = 1 << 16) throws -> [String] {
    let tokenizer = XMLTokenizer(source: MemorySource(document, chunkSize: chunkSize))
    var result: [String] = []
    var text = ""
    func flushText() {
        if text.contains(where: { !$0.isWhitespace }) { result.append("\"" + text + "\"") }
        text = ""
    }
    while true {
        let token = try tokenizer.next()
        if token != .text { flushText() }
        switch token {
        case .startElement(let isEmpty):
            var item = "<" + String(decoding: tokenizer.name, as: UTF8.self)
            for attribute in tokenizer.attributes {
                item += " " + String(decoding: attribute.name, as: UTF8.self) + "=" + String(decoding: attribute.value, as: UTF8.self)
            }
            result.append(item + (isEmpty ? "/>" : ">") + "@\(tokenizer.line)")
        case .endElement:
            result.append("</" + String(decoding: tokenizer.name, as: UTF8.self) + ">")
        case .text:
            text += String(decoding: tokenizer.text, as: UTF8.self)
        case .end:
            return result
        }
    }
}

/// The error a document raises.
private func failure(_ document: String) -> XMLError? {
    do {
        _ = try tokens(document)
        return nil
    } catch let error as XMLError {
        return error
    } catch {
        return nil
    }
}

@Suite("XMLTokenizer")
struct XMLTokenizerTests {
    static let document = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE log [ <!ELEMENT log ANY> <!-- a ">" inside --> ]>
        <!-- 注释 with <tags> -->
        <log a="1" b='two'>
          <?pi ignored ?>
          <string key="k" value="x &amp; y &lt;z&gt; &quot;q&quot; &apos;a&apos; &#20013;&#x6587;"/>
          <t>text &amp; more<![CDATA[ <raw> & ]]></t>
        </log>
        """

    @Test("reads elements, attributes, references and CDATA, skipping declarations, comments and processing instructions")
    func readsDocument() throws {
        let result = try tokens(Self.document)
        #expect(result == [
            "<log a=1 b=two>@4",
            "<string key=k value=x & y <z> \"q\" 'a' 中文/>@6",
            "<t>@7", "\"text & more <raw> & \"", "</t>",
            "</log>",
        ])
    }

    @Test("gives the same tokens whatever the read size", arguments: [1, 2, 3, 7, 64])
    func readSizes(chunkSize: Int) throws {
        #expect(try tokens(Self.document, chunkSize: chunkSize) == tokens(Self.document))
    }

    @Test("normalises white space in attribute values but keeps character references (XML 1.0 §3.3.3)")
    func attributeNormalisation() throws {
        #expect(try tokens("<a v=\"x\ty\r\nz&#10;w\"/>") == ["<a v=x y z\nw/>@1"])
    }

    @Test("turns CR LF in text into LF (XML 1.0 §2.11)")
    func lineEnds() throws {
        #expect(try tokens("<a>1\r\n2\r3</a>") == ["<a>@1", "\"1\n2\n3\"", "</a>"])
    }

    @Test("skips a UTF-8 byte-order mark")
    func byteOrderMark() throws {
        #expect(try tokens([0xEF, 0xBB, 0xBF] + Array("<log/>".utf8), chunkSize: 1) == ["<log/>@1"])
    }

    @Test("counts lines across reads and inside tags")
    func lineNumbers() throws {
        let document = "<log>\n\n<a\n b=\"1\"/>\n<!-- x\n y -->\n<c/>\n</log>"
        let result = try tokens(document, chunkSize: 3)
        #expect(result == ["<log>@1", "<a b=1/>@3", "<c/>@7", "</log>"])
    }

    @Test(
        "reports well-formedness errors with their line",
        arguments: [
            ("<log>\n<a>\n</b>\n</log>", XMLError(line: 3, reason: .mismatchedEndTag(expected: "a", found: "b"))),
            ("<log>\n<a v=\"&nbsp;\"/></log>", XMLError(line: 2, reason: .unknownEntity("nbsp"))),
            ("<log>\n<a v=\"&#0;\"/></log>", XMLError(line: 2, reason: .badCharacterReference)),
            ("<log>\n<a>", XMLError(line: 2, reason: .unexpectedEnd(inside: "a"))),
            ("<log/>\n<log/>", XMLError(line: 2, reason: .contentOutsideRoot)),
            ("  \n", XMLError(line: 2, reason: .noRootElement)),
            ("<log a=\"1\" a=\"2\"/>", XMLError(line: 1, reason: .malformed("attribute 'a' appears twice"))),
            ("<log a=1/>", XMLError(line: 1, reason: .malformed("an attribute value without quotes"))),
            ("<log a=\"<\"/>", XMLError(line: 1, reason: .malformed("'<' in an attribute value"))),
            ("<?xml version=\"1.0\" encoding=\"GBK\"?>\n<log/>", XMLError(line: 1, reason: .unsupportedEncoding("GBK"))),
        ] as [(String, XMLError)])
    func errors(document: String, expected: XMLError) {
        #expect(failure(document) == expected)
    }

    @Test("refuses a UTF-16 document")
    func utf16() throws {
        #expect(throws: XMLError(line: 1, reason: .unsupportedEncoding("UTF-16"))) {
            try tokens([0xFF, 0xFE, 0x3C, 0x00])
        }
    }

    @Test("streams long text and comments in pieces without holding them whole")
    func longText() throws {
        let long = String(repeating: "数据铁笼 &amp; ", count: 20_000)
        let document = "<log><!--" + String(repeating: "x", count: 300_000) + "--><t>" + long + "</t></log>"
        let tokenizer = XMLTokenizer(source: MemorySource(document, chunkSize: 4096), maximumTokenLength: 1 << 12)
        var text: [UInt8] = []
        var pieces = 0
        while true {
            let token = try tokenizer.next()
            if token == .end { break }
            if token == .text {
                text.append(contentsOf: tokenizer.text)
                pieces += 1
            }
        }
        #expect(String(decoding: text, as: UTF8.self) == String(repeating: "数据铁笼 & ", count: 20_000))
        #expect(pieces > 1)
    }
}
