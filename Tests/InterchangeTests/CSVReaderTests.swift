import EventLog
import Testing

@testable import Interchange

/// Every record as its fields, `!reason` appended for a malformed one, `@line` first.
private func records(_ bytes: [UInt8], delimiter: UInt8 = UInt8(ascii: ","), chunkSize: Int = 1 << 16) throws -> [String] {
    let reader = CSVReader(source: MemorySource(bytes, chunkSize: chunkSize), delimiter: delimiter)
    var result: [String] = []
    while try reader.next() {
        var item = "@\(reader.line) " + (0..<reader.fieldCount).map { "[" + reader.fieldString($0) + "]" }.joined()
        if let malformation = reader.malformation { item += " !" + malformation }
        result.append(item)
    }
    return result
}

private func records(_ text: String, chunkSize: Int = 1 << 16) throws -> [String] {
    try records(Array(text.utf8), chunkSize: chunkSize)
}

@Suite("CSVReader")
struct CSVReaderTests {
    static let sample = "id,note,n\r\n1,\"a, b\",2\r\n2,\"say \"\"hi\"\"\",3\r\n3,\"two\r\nlines\",4\r\n\r\n4,,\r\n5,last"

    @Test("reads RFC 4180 records: quoted delimiters, doubled quotes, embedded CR LF, empty fields; skips empty lines")
    func rfc4180() throws {
        let result = try records(Self.sample)
        #expect(result == [
            "@1 [id][note][n]", "@2 [1][a, b][2]", "@3 [2][say \"hi\"][3]", "@4 [3][two\r\nlines][4]", "@7 [4][][]",
            "@8 [5][last]",
        ])
    }

    @Test("gives the same records whatever the read size", arguments: [1, 2, 3, 5, 17])
    func readSizes(chunkSize: Int) throws {
        #expect(try records(Self.sample, chunkSize: chunkSize) == records(Self.sample))
    }

    @Test("skips a UTF-8 byte-order mark, even one split across reads", arguments: [1, 2, 64])
    func byteOrderMark(chunkSize: Int) throws {
        let result = try records([0xEF, 0xBB, 0xBF] + Array("工单编号,时间\n1,2\n".utf8), chunkSize: chunkSize)
        #expect(result == ["@1 [工单编号][时间]", "@2 [1][2]"])
    }

    @Test("accepts LF and lone CR line ends, and a last record without one")
    func lineEnds() throws {
        #expect(try records("a,b\nc,d\re,f") == ["@1 [a][b]", "@2 [c][d]", "@3 [e][f]"])
    }

    @Test("keeps a quote inside an unquoted field, and marks text after a closing quote or an unclosed quote as malformed")
    func malformed() throws {
        let result = try records("a,b\"c\n\"x\"y,z\nok,1\n\"open,2\n")
        #expect(result == [
            "@1 [a][b\"c]", "@2 [xy][z] !text after a closing quote", "@3 [ok][1]",
            "@4 [open,2\n] !a quoted field is not closed before the end of the input",
        ])
    }

    @Test("splits on the configured delimiter")
    func delimiter() throws {
        #expect(try records(Array("a;\"b;c\";d\n".utf8), delimiter: UInt8(ascii: ";")) == ["@1 [a][b;c][d]"])
    }

    @Test("stops at a record longer than the limit")
    func tooLong() {
        let reader = CSVReader(source: MemorySource("a,\"" + String(repeating: "x", count: 5_000)), maximumRecordLength: 4_096)
        #expect(throws: CSVFormatError(line: 1, message: "a record longer than 4096 bytes (an unclosed quote?)")) {
            _ = try reader.next()
        }
    }
}
