import EventLog
import Foundation
import Testing

@testable import Interchange

@Suite("CSVImporter")
struct CSVImporterTests {
    static let mapping = """
        {
          "id": {"column": "no", "prefix": "H-"},
          "type": {"column": "kind", "map": {"投诉": "hotline.complaint"}, "type_prefix": "hotline"},
          "at": {"column": "time", "format": "yyyy-MM-dd HH:mm:ss", "time_zone": "+08:00"},
          "dept": {"const": "gy.12345"},
          "actor": {"column": "agent", "prefix": "operator:"},
          "subject": {"column": "no", "prefix": "svc:"},
          "data": {
            "summary": {"column": "summary"},
            "seconds": {"column": "seconds", "type": "int"},
            "cost": {"column": "cost", "type": "number"},
            "ok": {"column": "ok", "type": "bool"},
            "due": {"column": "due", "type": "date", "format": "yyyy/M/d"},
            "channel": {"const": "12345"},
            "tags": {"const": ["a", 1]}
          }
        }
        """

    static let header = "no,kind,time,agent,summary,seconds,cost,ok,due\r\n"

    @Test("maps a row into an envelope: prefixes, mapped and slugged types, local times, typed data, constants")
    func mapsRows() throws {
        let csv = Self.header
            + "1,投诉,2026-10-08 09:02:11,0807,\"噪音, 扰民\",184, 12.50 ,是,2026/10/9\r\n"
            + "2,Records request,2026-10-08 10:00:00,,,,,,\r\n"
        let run = try ImportRun.csv(csv, mapping: Self.mapping)
        #expect(run.problems == [])
        #expect(run.lines == [
            #"{"actor":"operator:0807","at":"2026-10-08T09:02:11+08:00","data":{"channel":"12345","cost":12.50,"due":"2026-10-09","ok":true,"seconds":184,"summary":"噪音, 扰民","tags":["a",1]},"dept":"gy.12345","id":"H-1","subject":"svc:1","type":"hotline.complaint"}"#,
            #"{"at":"2026-10-08T10:00:00+08:00","data":{"channel":"12345","tags":["a",1]},"dept":"gy.12345","id":"H-2","subject":"svc:2","type":"hotline.records_request"}"#,
        ])
        #expect(run.summary.records == 2)
        #expect(run.summary.written == 2)
    }

    @Test("reads quoted fields with embedded line breaks and quotes, CR LF line ends and a byte-order mark")
    func quoting() throws {
        let csv = [0xEF, 0xBB, 0xBF] + Array((Self.header + "7,投诉,2026-10-08 09:00:00,1,\"第一行\r\n第二行 \"\"引号\"\"\",1,1,0,2026/1/2\r\n").utf8)
        for chunkSize in [1, 3, 4096] {
            let run = try ImportRun.csv(csv, mapping: Self.mapping, chunkSize: chunkSize)
            #expect(run.problems == [])
            #expect(run.lines == [
                #"{"actor":"operator:1","at":"2026-10-08T09:00:00+08:00","data":{"channel":"12345","cost":1,"due":"2026-01-02","ok":false,"seconds":1,"summary":"第一行\r\n第二行 \"引号\"","tags":["a",1]},"dept":"gy.12345","id":"H-7","subject":"svc:7","type":"hotline.complaint"}"#,
            ])
        }
    }

    @Test("reports rows it cannot map with row, line and column — never the value — and writes the rest")
    func badRows() throws {
        let csv = Self.header
            + "1,投诉,2026-13-01 09:00:00,1,secret-1,1,1,1,2026/1/1\r\n"
            + "2,投诉,2026-10-08 9:00,1,\"secret\n2\",1,1,1,2026/1/1\r\n"
            + "3,投诉,,1,secret-3,1,1,1,2026/1/1\r\n"
            + "4,投诉,2026-10-08 09:00:00,1,secret-4,4.5,1,1,2026/1/1\r\n"
            + "5,投诉,2026-10-08 09:00:00,1,secret-5,1,1e,1,2026/1/1\r\n"
            + "6,投诉,2026-10-08 09:00:00,1,secret-6,1,1,maybe,2026/1/1\r\n"
            + "7,投诉,2026-10-08 09:00:00,1,secret-7,1,1,1,2026-01-01\r\n"
            + "8,投诉,2026-10-08 09:00:00\r\n"
            + ",投诉,2026-10-08 09:00:00,1,secret-9,1,1,1,2026/1/1\r\n"
            + "10,\"x\"y,2026-10-08 09:00:00,1,secret-10,1,1,1,2026/1/1\r\n"
            + "11,投诉,2026-10-08 09:00:00,1,fine,1,1,1,2026/1/1\r\n"
        let run = try ImportRun.csv(csv, mapping: Self.mapping)
        #expect(run.reports == [
            "2: row 1: column 'time': not a date-time in 'yyyy-MM-dd HH:mm:ss'; row skipped [bad_timestamp]",
            "3: row 2: column 'time': not a date-time in 'yyyy-MM-dd HH:mm:ss'; row skipped [bad_timestamp]",
            "5: row 3: column 'time': no timestamp; row skipped [missing_timestamp]",
            "6: row 4: column 'seconds': not a whole number; row skipped [bad_value]",
            "7: row 5: column 'cost': not a number; row skipped [bad_value]",
            "8: row 6: column 'ok': not true or false (also 1/0, yes/no, 是/否); row skipped [bad_value]",
            "9: row 7: column 'due': not a date-time in 'yyyy/M/d'; row skipped [bad_timestamp]",
            "10: row 8: column 'agent': the row has only 3 fields; row skipped [missing_column]",
            "11: row 9: column 'no': required but missing or empty; row skipped [missing_value]",
            "12: row 10: not RFC 4180: text after a closing quote; row skipped [malformed_record]",
        ])
        #expect(run.reports.allSatisfy { !$0.contains("secret") && !$0.contains("maybe") && !$0.contains("4.5") })
        #expect(run.lines.count == 1)
        #expect(run.lines.first?.contains(#""id":"H-11""#) == true)
        #expect(run.summary.refused == 10)
        #expect(run.summary.records == 11)
    }

    @Test("refuses a cell that is not UTF-8, such as a GB18030 export, without showing it")
    func notUTF8() throws {
        let gbk: [UInt8] = [0xB2, 0xE2, 0xCA, 0xD4]  // 测试 in GB18030
        let csv = Array((Self.header + "1,投诉,2026-10-08 09:00:00,1,").utf8) + gbk + Array(",1,1,1,2026/1/1\n".utf8)
        let run = try ImportRun.csv(csv, mapping: Self.mapping)
        #expect(run.reports == [
            "2: row 1: column 'summary': not UTF-8 (convert the file first, e.g. iconv -f GB18030 -t UTF-8); row skipped [not_utf8]"
        ])
    }

    @Test("translates string values through a data member's map and refuses a row whose value the map does not list")
    func valueMaps() throws {
        let mapping = """
            {"type": {"const": "hotline.received"}, "at": {"column": "t", "format": "iso8601", "time_zone": "+08:00"},
             "dept": {"const": "gy.zwfw"}, "subject": {"column": "n", "prefix": "svc:"},
             "data": {"category": {"column": "c", "map": {"投诉": "complaint", "咨询": "query"}}}}
            """
        let run = try ImportRun.csv("n,t,c\n1,2026-10-08 09:00,投诉\n2,2026-10-08 09:05, 咨询 \n3,2026-10-08 09:10,表扬\n", mapping: mapping)
        #expect(run.lines == [
            #"{"at":"2026-10-08T09:00:00+08:00","data":{"category":"complaint"},"dept":"gy.zwfw","id":"sha256:\#(String(SHA256.hash(#"{"at":"2026-10-08T09:00:00+08:00","data":{"category":"complaint"},"dept":"gy.zwfw","subject":"svc:1","type":"hotline.received"}"#).hex.prefix(32)))","subject":"svc:1","type":"hotline.received"}"#,
            #"{"at":"2026-10-08T09:05:00+08:00","data":{"category":"query"},"dept":"gy.zwfw","id":"sha256:\#(String(SHA256.hash(#"{"at":"2026-10-08T09:05:00+08:00","data":{"category":"query"},"dept":"gy.zwfw","subject":"svc:2","type":"hotline.received"}"#).hex.prefix(32)))","subject":"svc:2","type":"hotline.received"}"#,
        ])
        #expect(run.reports == ["4: row 3: column 'c': not one of the values listed in data.category.map; row skipped [bad_value]"])
    }

    @Test("maps only the rows that `rows` selects; the others are skipped, not refused")
    func selectedRows() throws {
        let mapping = """
            {"rows": {"column": "Winner", "in": ["1", "1.0"]},
             "id": {"column": "Tender", "prefix": "award-"}, "type": {"const": "tender.awarded"},
             "at": {"column": "Date", "format": "unix_seconds"}, "dept": {"const": "br.collusion"},
             "subject": {"column": "Tender", "prefix": "tender:BR-"},
             "data": {"winner": {"column": "Competitors", "required": true}}}
            """
        let csv = "Tender,Competitors,Winner,Date\n1,216,0.0,1274918400\n1,210, 1.0 ,1274918400\n2,7,1,1274918400\n2,8,,1274918400\n"
        let run = try ImportRun.csv(csv, mapping: mapping)
        #expect(run.problems == [])
        #expect(run.lines == [
            #"{"at":"2010-05-27T00:00:00+00:00","data":{"winner":"210"},"dept":"br.collusion","id":"award-1","subject":"tender:BR-1","type":"tender.awarded"}"#,
            #"{"at":"2010-05-27T00:00:00+00:00","data":{"winner":"7"},"dept":"br.collusion","id":"award-2","subject":"tender:BR-2","type":"tender.awarded"}"#,
        ])
        #expect(run.summary.records == 4)
        #expect(run.summary.written == 2)
        #expect(run.summary.skipped == 2)
        #expect(run.summary.refused == 0)
        #expect(throws: MappingError.self) {
            try CSVMapping(MappingObject.parse(Array(#"{"rows": {"column": "Winner"}, "type": {"const": "a.b"}, "at": {"column": "Date"}, "dept": {"const": "d"}, "subject": {"column": "T"}}"#.utf8), file: "m.json"))
        }
    }

    @Test("derives ids from the content when no id column is mapped, so identical rows give identical envelopes")
    func derivedIDs() throws {
        let mapping = """
            {"header": false, "type": {"const": "hotline.received"}, "at": {"column": 1, "format": "rfc3339"},
             "dept": {"const": "gy.12345"}, "subject": {"column": 2, "prefix": "svc:"}}
            """
        let csv = "2026-10-08T09:00:00+08:00,A\n2026-10-08T09:00:00+08:00,A\n2026-10-08T09:00:01+08:00,A\n"
        let run = try ImportRun.csv(csv, mapping: mapping)
        let withoutID = #"{"at":"2026-10-08T09:00:00+08:00","data":{},"dept":"gy.12345","subject":"svc:A","type":"hotline.received"}"#
        let id = "sha256:" + String(SHA256.hash(withoutID).hex.prefix(32))
        #expect(run.lines.count == 3)
        #expect(run.lines[0] == #"{"at":"2026-10-08T09:00:00+08:00","data":{},"dept":"gy.12345","id":"\#(id)","subject":"svc:A","type":"hotline.received"}"#)
        #expect(run.lines[1] == run.lines[0])
        #expect(run.lines[2] != run.lines[0])
    }

    @Test("imports the hotline sample: eight rows written, the two planted bad rows refused")
    func sample() throws {
        let csv = try [UInt8](Data(contentsOf: URL(fileURLWithPath: interchangeSamples + "/hotline.csv")))
        let mapping = try String(contentsOfFile: interchangeSamples + "/hotline.map.json", encoding: .utf8)
        let run = try ImportRun.csv(csv, mapping: mapping)
        #expect(run.lines.count == 8)
        #expect(run.lines[1] == #"{"actor":"operator:0808","at":"2026-10-08T10:15:40+08:00","data":{"caller":"person:5201000002","category":"complaint","channel":"12345热线","district":"南明区","due":"2026-10-15","duration_s":402,"satisfied":false,"summary":"反映某小区夜间施工噪音扰民，\n多次沟通无果"},"dept":"gy.zwfw","id":"12345-RX-2026-10002","subject":"svc:RX-2026-10002","type":"hotline.received"}"#)
        #expect(run.reports == [
            "10: row 8: column '来电时间': not a date-time in 'yyyy-MM-dd HH:mm:ss'; row skipped [bad_timestamp]",
            "11: row 9: column '通话时长(秒)': not a whole number; row skipped [bad_value]",
        ])
    }

    @Test(
        "refuses mappings that cannot work, naming the key",
        arguments: [
            (#"{"type": {"const": "a.b"}, "at": {"column": "t"}, "dept": {"const": "d"}, "subject": {"column": "s"}, "extra": 1}"#,
             "test.map.json: key 'extra': unknown key (expected one of: delimiter, header, id, type, at, dept, actor, subject, data, rows)"),
            (#"{"type": {"const": "a.b"}, "at": {"const": "2026-10-08T09:00:00Z"}, "dept": {"const": "d"}, "subject": {"column": "s"}}"#,
             "test.map.json: key 'at.const': 'at' must come from a column: a constant time would be invented"),
            (#"{"type": {"const": "Accepted"}, "at": {"column": "t"}, "dept": {"const": "d"}, "subject": {"column": "s"}}"#,
             "test.map.json: key 'type.const': must be a dotted lower-case type such as 'case.accepted'"),
            (#"{"type": {"const": "a.b"}, "at": {"column": "t", "format": "yy/MM/dd"}, "dept": {"const": "d"}, "subject": {"column": "s"}}"#,
             "test.map.json: key 'at.format': write the year as yyyy (two-digit years are ambiguous)"),
            (#"{"type": {"const": "a.b"}, "at": {"column": "t"}, "dept": {"const": "d"}, "subject": {"column": "s"}, "data": {"n": {"column": "n", "type": "float"}}}"#,
             "test.map.json: key 'data.n.type': must be one of: string, int, number, bool, date"),
            (#"{"header": false, "type": {"const": "a.b"}, "at": {"column": "t"}, "dept": {"const": "d"}, "subject": {"column": 1}}"#,
             "test.map.json: key 'at': names a column, but the file has no header: give its position"),
            (#"{"type": {"const": "a.b"}, "at": {"column": "t"}, "subject": {"column": "s"}}"#,
             "test.map.json: key 'dept': required: {\"const\": \"gy.12345\"} or {\"column\": …}"),
        ] as [(String, String)])
    func badMappings(mapping: String, message: String) {
        #expect(throws: MappingError.self) { try ImportRun.csv("", mapping: mapping) }
        do {
            _ = try ImportRun.csv("", mapping: mapping)
        } catch let error as MappingError {
            #expect(error.description == message)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("stops when a mapped column is not in the header, listing the columns it has")
    func missingHeader() {
        let mapping = Self.mapping.replacingOccurrences(of: #""column": "agent""#, with: #""column": "坐席""#)
        #expect(throws: CSVFormatError(line: 1, message: "column '坐席' is not in the header (columns: no, kind, time, agent, summary, seconds, cost, ok, due)")) {
            try ImportRun.csv(Self.header, mapping: mapping)
        }
    }
}
