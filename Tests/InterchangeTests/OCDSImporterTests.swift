import EventLog
import Foundation
import Testing

@testable import Interchange

/// `import ocds`: OCDS 1.1 compiled releases with the bids extension
/// (https://standard.open-contracting.org/1.1/en/schema/reference/,
/// https://extensions.open-contracting.org/en/extensions/bids/) into the trading vocabulary.
@Suite("OCDSImporter")
struct OCDSImporterTests {
    /// A compiled release with every stage: an agency, a ceiling, an opening, a bid with
    /// IronCage's members and a deposit, a joint bid, a disqualified bid, an invited
    /// supplier who did not bid, an award and a signed contract amended once.
    static let release = """
        {"ocid": "ocds-9gy2ck-T1", "id": "r1", "date": "2026-10-30T16:00:00+08:00", "tag": ["compiled"],
         "parties": [
           {"id": "B", "name": "贵阳市南明区住房和城乡建设局", "identifier": {"scheme": "CN-SAIC", "id": "11520102009403051D"}, "roles": ["buyer"]},
           {"id": "P", "name": "贵州黔诚工程招标代理有限公司", "identifier": {"scheme": "CN-SAIC", "id": "91520102MA6DL2QW3K"}, "roles": ["procuringEntity"]},
           {"id": "T1", "identifier": {"scheme": "CN-SAIC", "id": "91520100MA6J8CP21N"}, "roles": ["tenderer", "supplier"]},
           {"id": "T2", "identifier": {"scheme": "GB-COH", "id": "09506232"}, "roles": ["tenderer"]},
           {"id": "T3", "roles": ["tenderer"]}],
         "buyer": {"id": "B", "name": "贵阳市南明区住房和城乡建设局"},
         "tender": {"id": "GC-017", "title": "配套道路工程（二标段）", "procurementMethod": "open", "procurementMethodDetails": "公开招标",
           "procuringEntity": {"id": "P"}, "value": {"amount": 8650000, "currency": "CNY"}, "ceilingValue": {"amount": 8480000.00, "currency": "CNY"},
           "tenderPeriod": {"startDate": "2026-09-07T09:00:00+08:00", "endDate": "2026-09-28T09:30:00+08:00"},
           "bidOpening": {"date": "2026-09-28T09:30:00+08:00"}},
         "bids": {"details": [
           {"id": "B1", "date": "2026-09-25T10:12:40+08:00", "status": "valid", "tenderers": [{"id": "T1"}], "value": {"amount": 8215300.50, "currency": "CNY"},
            "preparer": "5201004417", "agent": "5201004420", "projectManager": "5201008812", "contact": "5201004420", "documentHash": "3f9a",
            "fingerprint": {"ip": "203.0.113.24", "mac": "02:4a:1b:7c:33:90", "cpu": "BFEBFBFF000906EA", "disk": "WX31A85K2L7P",
                            "dongle": "GLD-4419", "machineCode": "BFEBFBFF000906EA-WX31A85K2L7P", "fileId": "F-77"},
            "deposit": {"date": "2026-09-24T15:02:11+08:00", "account": "2402001209000110234", "value": {"amount": 80000, "currency": "CNY"}}},
           {"id": "B2", "date": "2026-09-26T16:40:02Z", "tenderers": [{"id": "T2"}, {"id": "T3"}], "value": {"amount": 8290000, "currency": "CNY"}},
           {"id": "B3", "date": "2026-09-27T14:31:50+08:00", "status": "disqualified", "statusDetails": "投标报价超过最高投标限价",
            "tenderers": [{"id": "X9"}], "value": {"amount": 8512000, "currency": "CNY"}},
           {"id": "B4", "status": "invited", "tenderers": [{"id": "T3"}]}]},
         "awards": [
           {"id": 1, "status": "active", "date": "2026-10-13T10:00:00+08:00", "value": {"amount": 8215300.50, "currency": "CNY"}, "suppliers": [{"id": "T1"}]},
           {"id": 2, "status": "cancelled", "date": "2026-10-12T10:00:00+08:00", "suppliers": [{"id": "T2"}]}],
         "contracts": [
           {"id": "C1", "awardID": "1", "dateSigned": "2026-10-20T15:30:00+08:00", "value": {"amount": 8402100.50, "currency": "CNY"},
            "amendments": [{"date": "2026-10-30T16:00:00+08:00", "rationale": "增加工程量"}]},
           {"id": "C2", "awardID": "1", "status": "pending"}]}
        """

    @Test("maps a whole compiled release to the trading vocabulary, in order of time, with ids from the ocid")
    func wholeRelease() throws {
        let run = try ImportRun.ocds(try oneLine(Self.release) + "\n")
        #expect(run.problems == [])
        #expect(run.summary.records == 1)
        #expect(run.summary.written == 10)
        #expect(run.lines == [
            #"{"actor":"org:91520102MA6DL2QW3K","at":"2026-09-07T09:00:00+08:00","data":{"agency":"org:91520102MA6DL2QW3K","buyer":"org:11520102009403051D","ceiling":8480000.00,"currency":"CNY","estimate":8650000,"method":"open","submission_deadline":"2026-09-28T09:30:00+08:00","title":"配套道路工程（二标段）"},"dept":"gy.ggzy","id":"ocds-9gy2ck-T1/tender","subject":"tender:ocds-9gy2ck-T1","type":"tender.published"}"#,
            #"{"at":"2026-09-24T15:02:11+08:00","data":{"account":"2402001209000110234","amount":80000,"bidder":"org:91520100MA6J8CP21N"},"dept":"gy.ggzy","id":"ocds-9gy2ck-T1/bid/B1/deposit","subject":"tender:ocds-9gy2ck-T1","type":"bid.deposit_paid"}"#,
            #"{"actor":"org:91520100MA6J8CP21N","at":"2026-09-25T10:12:40+08:00","data":{"agent":"person:5201004420","amount":8215300.50,"bidder":"org:91520100MA6J8CP21N","contact":"person:5201004420","currency":"CNY","doc_hash":"3f9a","fingerprint":{"cpu":"BFEBFBFF000906EA","disk":"WX31A85K2L7P","dongle":"GLD-4419","file_id":"F-77","ip":"203.0.113.24","mac":"02:4a:1b:7c:33:90","machine_code":"BFEBFBFF000906EA-WX31A85K2L7P"},"preparer":"person:5201004417","project_manager":"person:5201008812"},"dept":"gy.ggzy","id":"ocds-9gy2ck-T1/bid/B1","subject":"tender:ocds-9gy2ck-T1","type":"bid.submitted"}"#,
            #"{"actor":"org:GB-COH-09506232","at":"2026-09-26T16:40:02Z","data":{"amount":8290000,"bidder":"org:GB-COH-09506232","currency":"CNY","tenderers":["org:GB-COH-09506232","org:T3"]},"dept":"gy.ggzy","id":"ocds-9gy2ck-T1/bid/B2","subject":"tender:ocds-9gy2ck-T1","type":"bid.submitted"}"#,
            #"{"actor":"org:X9","at":"2026-09-27T14:31:50+08:00","data":{"amount":8512000,"bidder":"org:X9","currency":"CNY"},"dept":"gy.ggzy","id":"ocds-9gy2ck-T1/bid/B3","subject":"tender:ocds-9gy2ck-T1","type":"bid.submitted"}"#,
            #"{"at":"2026-09-28T09:30:00+08:00","data":{},"dept":"gy.ggzy","id":"ocds-9gy2ck-T1/tender/opening","subject":"tender:ocds-9gy2ck-T1","type":"tender.opened"}"#,
            #"{"actor":"org:91520102MA6DL2QW3K","at":"2026-09-28T09:30:00+08:00","data":{"bidder":"org:X9","reason":"投标报价超过最高投标限价"},"dept":"gy.ggzy","id":"ocds-9gy2ck-T1/bid/B3/disqualified","subject":"tender:ocds-9gy2ck-T1","type":"bid.disqualified"}"#,
            #"{"actor":"org:11520102009403051D","at":"2026-10-13T10:00:00+08:00","data":{"amount":8215300.50,"winner":"org:91520100MA6J8CP21N"},"dept":"gy.ggzy","id":"ocds-9gy2ck-T1/award/1","subject":"tender:ocds-9gy2ck-T1","type":"tender.awarded"}"#,
            #"{"actor":"org:11520102009403051D","at":"2026-10-20T15:30:00+08:00","data":{"supplier":"org:91520100MA6J8CP21N"},"dept":"gy.ggzy","id":"ocds-9gy2ck-T1/contract/C1","subject":"tender:ocds-9gy2ck-T1","type":"contract.signed"}"#,
            #"{"actor":"org:11520102009403051D","at":"2026-10-30T16:00:00+08:00","data":{"amount":8402100.50,"supplier":"org:91520100MA6J8CP21N"},"dept":"gy.ggzy","id":"ocds-9gy2ck-T1/contract/C1/amendment/1","subject":"tender:ocds-9gy2ck-T1","type":"contract.amended"}"#,
        ])
    }

    /// The parties, buyer and dated tender most cases below start from.
    static let base = #""ocid":"o-1","parties":[{"id":"B","identifier":{"id":"11520102009403051D"},"roles":["buyer"]},{"id":"T"}],"tender":{"tenderPeriod":{"startDate":"2026-09-07T09:00:00+08:00"}}"#

    @Test(
        "refuses a release it cannot map, naming line, release and field — never a value — and writes nothing of it",
        arguments: [
            ("42", "not a JSON object: a release, a release package or a record package; release skipped [bad_value]"),
            (#"{"id":"r-1","date":"2026-09-07T09:00:00+08:00"}"#, "field 'ocid': required but missing or empty; release skipped [missing_value]"),
            (#"{"ocid":7}"#, "field 'ocid': not a string; release skipped [bad_value]"),
            (#"{"ocid":"o-1","tender":"GC-1"}"#, "field 'tender': not an object; release skipped [bad_value]"),
            (#"{"ocid":"o-1","parties":[{"name":"某公司"}]}"#, "field 'parties[0].id': required but missing or empty; release skipped [missing_value]"),
            (#"{"ocid":"o-1","tender":{"title":"无日期"}}"#, "field 'tender.tenderPeriod.startDate': no timestamp; release skipped [missing_timestamp]"),
            (#"{"ocid":"o-1","tender":{"tenderPeriod":{"startDate":"07/09/2026"}}}"#, "field 'tender.tenderPeriod.startDate': not a date-time in ISO 8601 (xs:dateTime); release skipped [bad_timestamp]"),
            (#"{"ocid":"o-1","tender":{"tenderPeriod":{"startDate":"2026-09-07 09:00"}}}"#, "field 'tender.tenderPeriod.startDate': a local time with no UTC offset and no time zone configured (--tz); release skipped [timestamp_without_offset]"),
            (#"{"ocid":"o-1","tender":{"tenderPeriod":{"startDate":"2026-02-30T09:00:00Z"}}}"#, "field 'tender.tenderPeriod.startDate': not a date-time in ISO 8601 (xs:dateTime); release skipped [bad_timestamp]"),
            (#"{"ocid":"o-1","tender":{"tenderPeriod":{"startDate":"2026-09-07T09:00:00Z"}}}"#, "field 'buyer': required but missing or empty; release skipped [missing_value]"),
            (#"{"ocid":"o-1","buyer":{"name":"某局"}}"#, "field 'buyer.id': required but missing or empty; release skipped [missing_value]"),
            (#"{"ocid":"o-1","buyer":{"id":"B"},"tender":{"tenderPeriod":{"startDate":"2026-09-07T09:00:00Z"},"value":{"amount":"8,650,000.00"}}}"#, "field 'tender.value.amount': not a number; release skipped [bad_value]"),
            ("{\(base),\"bids\":{\"details\":[{\"id\":\"1\",\"date\":\"2026-09-20T10:00:00Z\",\"tenderers\":[{\"id\":\"T\"}],\"value\":{\"amount\":\"1,234.50\"}}]}}", "field 'bids.details[0].value.amount': not a number; release skipped [bad_value]"),
            ("{\(base),\"bids\":{\"details\":[{\"date\":\"2026-09-20T10:00:00Z\",\"tenderers\":[{\"id\":\"T\"}]}]}}", "field 'bids.details[0].id': required but missing or empty; release skipped [missing_value]"),
            ("{\(base),\"bids\":{\"details\":[{\"id\":1.5,\"tenderers\":[{\"id\":\"T\"}]}]}}", "field 'bids.details[0].id': not a string or a whole number; release skipped [bad_value]"),
            ("{\(base),\"bids\":{\"details\":[{\"id\":\"1\",\"date\":\"2026-09-20T10:00:00Z\",\"tenderers\":[{\"id\":\"T\"}]},{\"id\":\"1\",\"date\":\"2026-09-21T10:00:00Z\",\"tenderers\":[{\"id\":\"T\"}]}]}}", "field 'bids.details[1].id': not an id no other object of the same list has; release skipped [bad_value]"),
            ("{\(base),\"bids\":{\"details\":[{\"id\":\"1\",\"date\":\"2026-09-20T10:00:00Z\",\"tenderers\":[]}]}}", "field 'bids.details[0].tenderers': required but missing or empty; release skipped [missing_value]"),
            ("{\(base),\"bids\":{\"details\":[{\"id\":\"1\",\"tenderers\":[{\"id\":\"T\"}]}]}}", "field 'bids.details[0].date': no timestamp; release skipped [missing_timestamp]"),
            ("{\(base),\"bids\":{\"details\":[{\"id\":\"1\",\"date\":\"2026-09-20T10:00:00Z\",\"tenderers\":[{\"id\":\"T\"}],\"deposit\":{\"account\":\"6222\"}}]}}", "field 'bids.details[0].deposit.date': no timestamp; release skipped [missing_timestamp]"),
            ("{\(base),\"bids\":{\"details\":[{\"id\":\"1\",\"date\":\"2026-09-20T10:00:00Z\",\"tenderers\":[{\"id\":\"T\"}],\"fingerprint\":{\"mac\":[2,74]}}]}}", "field 'bids.details[0].fingerprint.mac': not a string; release skipped [bad_value]"),
            ("{\(base),\"awards\":[{\"id\":\"1\",\"status\":\"active\",\"date\":\"2026-10-13T10:00:00Z\"}]}", "field 'awards[0].suppliers': required but missing or empty; release skipped [missing_value]"),
            ("{\(base),\"awards\":[{\"id\":\"1\",\"suppliers\":[{\"id\":\"T\"}]}]}", "field 'awards[0].date': no timestamp; release skipped [missing_timestamp]"),
            ("{\(base),\"awards\":[{\"status\":\"pending\"}]}", "field 'awards[0].id': required but missing or empty; release skipped [missing_value]"),
            ("{\(base),\"contracts\":[{\"id\":\"C1\",\"dateSigned\":\"2026-10-20T15:30:00Z\"}]}", "field 'contracts[0].awardID': required but missing or empty; release skipped [missing_value]"),
            ("{\(base),\"awards\":[{\"id\":\"1\",\"status\":\"pending\",\"suppliers\":[{\"id\":\"T\"}]}],\"contracts\":[{\"id\":\"C1\",\"awardID\":\"2\",\"dateSigned\":\"2026-10-20T15:30:00Z\"}]}", "field 'contracts[0].awardID': not the id of an award in the release; release skipped [bad_value]"),
            ("{\(base),\"awards\":[{\"id\":\"1\",\"status\":\"pending\"}],\"contracts\":[{\"id\":\"C1\",\"awardID\":\"1\",\"dateSigned\":\"2026-10-20T15:30:00Z\"}]}", "field 'awards[0].suppliers': required but missing or empty; release skipped [missing_value]"),
            ("{\(base),\"contracts\":[{\"id\":\"C1\",\"awardID\":\"1\",\"amendments\":[{\"id\":\"a\"}]}]}", "field 'contracts[0].amendments[0].date': no timestamp; release skipped [missing_timestamp]"),
            (#"{"ocid":"\#(String(repeating: "9", count: 250))","parties":[{"id":"B","roles":["buyer"]}],"tender":{"tenderPeriod":{"startDate":"2026-09-07T09:00:00Z"}}}"#, "the envelope would be refused: field 'id': longer than 256 bytes; release skipped [envelope_too_long]"),
        ])
    func refusals(line: String, expected: String) throws {
        let good = "{\(Self.base)}"
        let run = try ImportRun.ocds(good + "\n" + line + "\n" + good + "\n")
        #expect(run.reports == ["2: release 2: " + expected])
        #expect(run.lines.count == 2)
        #expect(run.summary == { var summary = ImportSummary(); summary.records = 3; summary.written = 2; summary.refused = 1; return summary }())
    }

    /// The one envelope `{base}` gives, for a release of that ocid.
    static func published(_ ocid: String = "o-1") -> String {
        #"{"actor":"org:11520102009403051D","at":"2026-09-07T09:00:00+08:00","data":{"buyer":"org:11520102009403051D"},"dept":"gy.ggzy","id":"\#(ocid)/tender","subject":"tender:\#(ocid)","type":"tender.published"}"#
    }

    /// `{base}` with another ocid.
    static func release(_ ocid: String) -> String {
        "{" + base.replacingOccurrences(of: #""ocid":"o-1""#, with: #""ocid":"\#(ocid)""#) + "}"
    }

    @Test("reads JSON lines of releases, release packages, record packages and arrays; a byte-order mark, blank lines and CR LF are nothing")
    func inputForms() throws {
        let input = [
            Self.release("o-1"),
            "",
            #"{"uri":"https://example.cn/p.json","version":"1.1","releases":[\#(Self.release("o-2")),\#(Self.release("o-3"))]}"#,
            "   ",
            #"{"version":"1.1","records":[{"ocid":"o-4","compiledRelease":\#(Self.release("o-4"))},{"ocid":"o-5","releases":[]}]}"#,
            "[\(Self.release("o-6"))]",
        ].joined(separator: "\r\n") + "\r\n"
        let withMark = "\u{FEFF}" + input
        for chunkSize in [1, 7, 1 << 16] {
            let run = try ImportRun.ocds(withMark, chunkSize: chunkSize)
            #expect(run.lines == ["o-1", "o-2", "o-3", "o-4", "o-6"].map { Self.published($0) })
            #expect(run.reports == ["5: release 5: field 'records[1].compiledRelease': required but missing or empty; release skipped [missing_value]"])
            #expect(run.summary.records == 6)
        }
    }

    @Test("reads a JSON document over many lines whole when its first line does not close, and names the line of a syntax error")
    func document() throws {
        let pretty = """

            {
              "version": "1.1",
              "releases": [
                \(Self.release("o-1")),
                \(Self.release("o-2"))
              ]
            }
            """
        let run = try ImportRun.ocds(pretty, chunkSize: 5)
        #expect(run.lines == [Self.published("o-1"), Self.published("o-2")])
        #expect(run.problems == [])
        let broken = try ImportRun.ocds("{\n  \"releases\": [\n    {\"ocid\": \"o-1\",}\n  ]\n}\n")
        #expect(broken.lines == [])
        #expect(broken.reports == ["3: release 1: invalid JSON at byte 36: trailing comma; release skipped [invalid_json]"])
    }

    @Test("reports a line that is not JSON, or too long, and reads on")
    func badLines() throws {
        let input = Self.release("o-1") + "\n" + ##"{"ocid":"o-2","tender":{"#"## + "\n" + String(repeating: " ", count: 300) + "[]\n" + Self.release("o-3") + "\n"
        let run = try ImportRun.ocds(input, maximumLineLength: 256)
        #expect(run.lines == [Self.published("o-1"), Self.published("o-3")])
        #expect(run.reports == [
            "2: release 2: invalid JSON at byte 24: unterminated string; release skipped [invalid_json]",
            "3: release 3: a line of 302 bytes, over the limit of 256; release skipped [line_too_long]",
        ])
        #expect(run.summary.refused == 2)
    }

    @Test("warns about a code outside OCDS's closed codelists and leaves it out")
    func unknownCodes() throws {
        let line = "{\(Self.base.replacingOccurrences(of: #""tender":{"#, with: #""tender":{"procurementMethod":"negotiated","#)),"
            + #""bids":{"details":[{"id":"1","status":"late","date":"2026-09-20T10:00:00Z","tenderers":[{"id":"T"}]}]},"#
            + #""awards":[{"id":"1","status":"void","date":"2026-10-13T10:00:00Z","suppliers":[{"id":"T"}]}]}"#
        let run = try ImportRun.ocds(line)
        #expect(run.lines.count == 3)
        #expect(run.lines[0] == Self.published())
        #expect(run.reports == [
            "1: release 1: field 'tender.procurementMethod': not one of open, selective, limited, direct; left out [unknown_code]",
            "1: release 1: field 'bids.details[0].status': not one of invited, pending, valid, disqualified, withdrawn; left out [unknown_code]",
            "1: release 1: field 'awards[0].status': not one of pending, active, cancelled, unsuccessful; left out [unknown_code]",
        ])
        #expect(run.summary.warnings == 3)
        #expect(run.summary.refused == 0)
    }

    @Test("places dates without an offset in the configured zone (--tz), a date alone at midnight")
    func timeZone() throws {
        let line = #"{"ocid":"o-1","parties":[{"id":"B","roles":["buyer"]}],"tender":{"tenderPeriod":{"startDate":"2026-09-07","endDate":"2026-09-28 09:30"}}}"#
        let run = try ImportRun.ocds(line, zone: ImportTimeZone("Asia/Shanghai"))
        #expect(run.problems == [])
        #expect(run.lines == [
            #"{"actor":"org:B","at":"2026-09-07T00:00:00+08:00","data":{"buyer":"org:B","submission_deadline":"2026-09-28T09:30:00+08:00"},"dept":"gy.ggzy","id":"o-1/tender","subject":"tender:o-1","type":"tender.published"}"#
        ])
    }

    @Test("dates a bid without one at the deadline (招标投标法 art. 28), a disqualification at the opening but never before the bid")
    func derivedTimes() throws {
        let line = #"{"ocid":"o-1","parties":[{"id":"B","roles":["buyer"]}],"tender":{"tenderPeriod":{"startDate":"2026-09-07T09:00:00Z","endDate":"2026-09-28T01:30:00Z"},"bidOpening":{"date":"2026-09-28T01:30:00Z"}},"#
            + #""bids":{"details":[{"id":"1","status":"disqualified","tenderers":[{"id":"T1"}]},{"id":"2","status":"disqualified","date":"2026-09-29T08:00:00Z","tenderers":[{"id":"T2"}]},{"id":"3","status":"withdrawn","date":"2026-09-20T08:00:00Z","tenderers":[{"id":"T3"}]}]}}"#
        let run = try ImportRun.ocds(line)
        #expect(run.problems == [])
        #expect(run.lines.map { try? JSONParser.parse($0) }.map { "\($0?["type"]?.stringValue ?? "") \($0?["at"]?.stringValue ?? "") \($0?["id"]?.stringValue ?? "")" } == [
            "tender.published 2026-09-07T09:00:00Z o-1/tender",
            "bid.submitted 2026-09-20T08:00:00Z o-1/bid/3",
            "bid.withdrawn 2026-09-20T08:00:00Z o-1/bid/3/withdrawn",
            "bid.submitted 2026-09-28T01:30:00Z o-1/bid/1",
            "tender.opened 2026-09-28T01:30:00Z o-1/tender/opening",
            "bid.disqualified 2026-09-28T01:30:00Z o-1/bid/1/disqualified",
            "bid.submitted 2026-09-29T08:00:00Z o-1/bid/2",
            "bid.disqualified 2026-09-29T08:00:00Z o-1/bid/2/disqualified",
        ])
    }

    @Test("gives the same bytes every time, so ingest sees a second import as duplicates")
    func idempotent() throws {
        let input = try oneLine(Self.release) + "\n"
        #expect(try ImportRun.ocds(input).lines == ImportRun.ocds(input, chunkSize: 3).lines)
        let ids = try ImportRun.ocds(input).lines.compactMap { try JSONParser.parse($0)["id"]?.stringValue }
        #expect(Set(ids).count == ids.count)
    }

    @Test("maps the shipped sample: 4 tenders written, a text amount and a cut-off line reported without values")
    func sample() throws {
        let text = try String(contentsOfFile: interchangeSamples + "/tenders.ocds.jsonl", encoding: .utf8)
        let run = try ImportRun.ocds(text)
        #expect(run.reports == [
            "5: release 5: field 'bids.details[0].value.amount': not a number; release skipped [bad_value]",
            "6: release 6: invalid JSON at byte 610: unterminated string; release skipped [invalid_json]",
        ])
        #expect(run.summary.records == 6)
        #expect(run.summary.written == 30)
        #expect(run.summary.refused == 2)
        let envelopes = try run.lines.map { try Envelope.parse(line: $0).get() }
        #expect(Dictionary(grouping: envelopes, by: \.type).mapValues(\.count) == [
            "tender.published": 4, "bid.deposit_paid": 4, "bid.submitted": 11, "bid.withdrawn": 1, "tender.opened": 2,
            "bid.disqualified": 1, "tender.awarded": 3, "contract.signed": 3, "contract.amended": 1,
        ])
        #expect(Set(envelopes.map(\.subject)) == [
            "tender:ocds-9gy2ck-2026-GC-017", "tender:ocds-9gy2ck-2026-HW-009", "tender:ocds-9gy2ck-2026-FW-031", "tender:ocds-9gy2ck-2026-HW-014",
        ])
    }
    @Test("maps batches on several threads and writes them, and numbers their releases, in input order", arguments: [1, 2, 3, 5])
    func threads(threads: Int) throws {
        let sample = try String(contentsOfFile: interchangeSamples + "/tenders.ocds.jsonl", encoding: .utf8)
        // The sample's lines but the cut-off last one, eight times over, then the cut-off line.
        let lines = sample.split(separator: "\n")
        let input = String(repeating: lines.dropLast().joined(separator: "\n") + "\n", count: 8) + (lines.last ?? "") + "\n"
        let single = try ImportRun.ocds(input, threads: 1)
        #expect(single.summary.records == 41)
        #expect(single.lines.count == 240)
        for batchBytes in [1, 5_000, 1 << 21] {
            let run = try ImportRun.ocds(input, chunkSize: 777, threads: threads, batchBytes: batchBytes)
            #expect(run.lines == single.lines)
            #expect(run.reports == single.reports)
            #expect(run.summary == single.summary)
        }
        #expect(single.reports.first == "5: release 5: field 'bids.details[0].value.amount': not a number; release skipped [bad_value]")
        #expect(single.reports.last == "41: release 41: invalid JSON at byte 610: unterminated string; release skipped [invalid_json]")
    }

    @Test("writes escapes in canonical form and refuses an id the envelope would refuse")
    func escapes() throws {
        let escaped = #"{"ocid":"o-\u4e00","parties":[{"id":"B","roles":["buyer"]}],"tender":{"title":"\"引号\" \\ \b\f\n\r\t\u0001\u007f\ud83d\ude00 \/","tenderPeriod":{"startDate":"2026-09-07T09:00:00Z"}}}"#
        let control = #"{"ocid":"o-2","parties":[{"id":"B","roles":["buyer"]}],"tender":{"tenderPeriod":{"startDate":"2026-09-07T09:00:00Z"}},"bids":{"details":[{"id":"\u0007","date":"2026-09-20T10:00:00Z","tenderers":[{"id":"T"}]}]}}"#
        let run = try ImportRun.ocds(escaped + "\n" + control + "\n")
        #expect(run.lines == [
            #"{"actor":"org:B","at":"2026-09-07T09:00:00Z","data":{"buyer":"org:B","title":"\"引号\" \\ \b\f\n\r\t\u0001"# + "\u{7f}😀 /" + #""},"dept":"gy.ggzy","id":"o-一/tender","subject":"tender:o-一","type":"tender.published"}"#
        ])
        #expect(run.reports == ["2: release 2: the envelope would be refused: field 'id': contains a control character; release skipped [envelope_control_character]"])
    }
}
