import EventLog
import Foundation
import Testing

@testable import Interchange

/// The repository's top directory, found from this file's path.
let repositoryRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

let interchangeSamples = repositoryRoot + "/Samples/interchange"

@Suite("XESImporter")
struct XESImporterTests {
    @Test("types every elementary attribute: string, id, int, float, boolean and date")
    func typedAttributes() throws {
        let document = xesLog(
            """
            <event>
              <string key="concept:name" value="Send Fine"/>
              <date key="time:timestamp" value="2026-10-08T09:12:40.000+08:00"/>
              <string key="org:resource" value="0451"/>
              <string key="note" value="申请人 &quot;张三&quot; &amp; 家属"/>
              <id key="doc" value="b5c1-77"/>
              <int key="count" value="+007"/>
              <int key="negative" value="-12"/>
              <float key="amount" value="1447.50"/>
              <float key="half" value=".5"/>
              <float key="big" value="1.0E7"/>
              <boolean key="paid" value="true"/>
              <boolean key="late" value="0"/>
              <date key="due" value="2026-10-20T23:59:59+08:00"/>
              <date key="local" value="2026-10-21T08:00:00"/>
            </event>
            """)
        let run = try ImportRun.xes(document, xesOptions { $0.actorPrefix = "officer:" })
        #expect(run.problems == [])
        #expect(run.lines == [
            #"{"actor":"officer:0451","at":"2026-10-08T09:12:40.000+08:00","data":{"amount":1447.50,"big":1.0E7,"concept:name":"Send Fine","count":7,"doc":"b5c1-77","due":"2026-10-20T23:59:59+08:00","half":0.5,"late":false,"local":"2026-10-21T08:00:00","negative":-12,"note":"申请人 \"张三\" & 家属","paid":true},"dept":"gy.zwfw","id":"app:T-1#1","subject":"app:T-1","type":"event.send_fine"}"#,
        ])
        #expect(run.summary == summary(records: 1, written: 1, traces: 1))
    }

    @Test("keeps a value that does not read as its type as a string, with a warning naming the key")
    func badTypedValues() throws {
        let document = xesLog(
            """
            <event>
              <string key="concept:name" value="case.accepted"/>
              <date key="time:timestamp" value="2026-10-08T09:12:40+08:00"/>
              <int key="count" value="12a"/>
              <float key="ratio" value="NaN"/>
              <boolean key="ok" value="maybe"/>
              <date key="when" value="yesterday"/>
            </event>
            """)
        let run = try ImportRun.xes(document, xesOptions())
        #expect(run.lines == [
            #"{"at":"2026-10-08T09:12:40+08:00","data":{"concept:name":"case.accepted","count":"12a","ok":"maybe","ratio":"NaN","when":"yesterday"},"dept":"gy.zwfw","id":"app:T-1#1","subject":"app:T-1","type":"case.accepted"}"#,
        ])
        let line = { (key: String) in lineOf("key=\"\(key)\"", in: document) }
        #expect(run.reports == [
            "\(line("count")): trace 1, event 1: attribute 'count': not a whole number (xs:long); kept as a string [kept_as_string]",
            "\(line("ratio")): trace 1, event 1: attribute 'ratio': not a number JSON can hold (xs:double without INF and NaN); kept as a string [kept_as_string]",
            "\(line("ok")): trace 1, event 1: attribute 'ok': not true or false (xs:boolean); kept as a string [kept_as_string]",
            "\(line("when")): trace 1, event 1: attribute 'when': not a date-time (xs:dateTime); kept as a string [kept_as_string]",
        ])
        #expect(run.summary.warnings == 4)
        #expect(run.summary.refused == 0)
    }

    @Test("writes lists as arrays, containers as objects, and attributes with children as objects with their value")
    func nestedAttributes() throws {
        let document = xesLog(
            """
            <event>
              <string key="concept:name" value="inspection.done"/>
              <date key="time:timestamp" value="2026-10-13T06:30:00Z"/>
              <list key="materials">
                <values>
                  <string key="m" value="营业执照"/>
                  <int key="m" value="2"/>
                  <list key="inner"><values><boolean key="b" value="true"/></values></list>
                </values>
              </list>
              <list key="bare"><string key="x" value="no values element"/></list>
              <list key="empty"/>
              <container key="site">
                <string key="address" value="云岩区"/>
                <container key="geo">
                  <float key="lat" value="26.58"/>
                  <float key="lon" value="106.71"/>
                </container>
                <string key="address" value="duplicate"/>
              </container>
              <string key="decision_no" value="0207">
                <date key="signed" value="2026-10-26T17:05:00+08:00"/>
                <string key="value" value="clashes with the value"/>
              </string>
            </event>
            """)
        let run = try ImportRun.xes(document, xesOptions())
        #expect(run.lines == [
            #"{"at":"2026-10-13T06:30:00Z","data":{"bare":["no values element"],"concept:name":"inspection.done","decision_no":{"signed":"2026-10-26T17:05:00+08:00","value":"0207"},"empty":[],"materials":["营业执照",2,[true]],"site":{"address":"云岩区","geo":{"lat":26.58,"lon":106.71}}},"dept":"gy.zwfw","id":"app:T-1#1","subject":"app:T-1","type":"inspection.done"}"#,
        ])
        #expect(run.reports == [
            "\(lineOf("duplicate", in: document)): trace 1, event 1: attribute 'address': the key occurs again at the same level; the later one is left out [duplicate_key]",
            "\(lineOf("clashes", in: document)): trace 1, event 1: attribute 'value': the key occurs again at the same level; the later one is left out [duplicate_key]",
        ])
    }

    @Test("reports events without a usable timestamp with their line and position, never invents one, and lets the rest flow")
    func missingTimestamps() throws {
        let document = xesLog(
            """
            <event>
              <string key="concept:name" value="a.one"/>
              <date key="time:timestamp" value="2026-10-08T09:00:00+08:00"/>
            </event>
            <event>
              <string key="concept:name" value="a.two"/>
            </event>
            <event>
              <string key="concept:name" value="a.three"/>
              <date key="time:timestamp" value="2026-02-30T09:00:00+08:00"/>
            </event>
            <event>
              <string key="concept:name" value="a.four"/>
              <date key="time:timestamp" value="2026-10-08T10:00:00"/>
            </event>
            <event>
              <date key="time:timestamp" value="2026-10-08T11:00:00+08:00"/>
            </event>
            <event>
              <string key="concept:name" value="a.six"/>
              <date key="time:timestamp" value="2026-10-08T12:00:00+08:00"/>
            </event>
            """)
        let run = try ImportRun.xes(document, xesOptions())
        #expect(run.lines.map { Array($0.utf8).withUnsafeBytes { bytes in (try? Envelope.parse(line: bytes).get())?.id } } == [
            "app:T-1#1", "app:T-1#6",
        ])
        #expect(run.reports == [
            "9: trace 1, event 2: attribute 'time:timestamp': no timestamp; event skipped [missing_timestamp]",
            "12: trace 1, event 3: attribute 'time:timestamp': not a date-time in ISO 8601 (xs:dateTime); event skipped [bad_timestamp]",
            "16: trace 1, event 4: attribute 'time:timestamp': a local time with no UTC offset and no time zone configured (--tz); event skipped [timestamp_without_offset]",
            "20: trace 1, event 5: attribute 'concept:name': required but missing or empty; event skipped [missing_value]",
        ])
        #expect(run.summary == summary(records: 6, written: 2, refused: 4, traces: 1))
    }

    @Test(
        "places local times with the configured zone and keeps written offsets",
        arguments: [
            ("2026-10-08T09:00:00+08:00", nil, "2026-10-08T09:00:00+08:00"),
            ("2026-10-08T01:00:00.5Z", nil, "2026-10-08T01:00:00.5Z"),
            ("2026-10-08T09:00:00+0200", nil, "2026-10-08T09:00:00+02:00"),
            ("2026-10-08 09:00:00-05", nil, "2026-10-08T09:00:00-05:00"),
            ("2026-10-08T09:00:00", "+08:00", "2026-10-08T09:00:00+08:00"),
            ("2026-10-08T09:00:00.250", "Asia/Shanghai", "2026-10-08T09:00:00.250+08:00"),
            ("2026-07-01T12:00:00", "America/New_York", "2026-07-01T12:00:00-04:00"),
            ("2026-01-15T12:00:00", "America/New_York", "2026-01-15T12:00:00-05:00"),
            ("2026-01-15T12:00:00", "UTC", "2026-01-15T12:00:00+00:00"),
        ] as [(String, String?, String)])
    func timeZones(timestamp: String, zone: String?, expected: String) throws {
        let document = xesLog(
            """
            <event>
              <string key="concept:name" value="a.b"/>
              <date key="time:timestamp" value="\(timestamp)"/>
            </event>
            """)
        let run = try ImportRun.xes(document, xesOptions { $0.timeZone = zone.flatMap(ImportTimeZone.init) })
        #expect(run.problems == [])
        #expect(run.lines == [
            #"{"at":"\#(expected)","data":{"concept:name":"a.b"},"dept":"gy.zwfw","id":"app:T-1#1","subject":"app:T-1","type":"a.b"}"#
        ])
    }

    @Test("puts trace attributes on the trace's first written event under data.trace")
    func traceAttributesOnFirstEvent() throws {
        let document = xesLog(
            trace: """
                <string key="concept:name" value="2026-0042"/>
                <string key="item" value="食品经营许可"/>
                <int key="limit" value="20"/>
                """,
            """
            <event><string key="concept:name" value="a.one"/></event>
            <event>
              <string key="concept:name" value="a.two"/>
              <date key="time:timestamp" value="2026-10-08T09:00:00+08:00"/>
            </event>
            <event>
              <string key="concept:name" value="a.three"/>
              <date key="time:timestamp" value="2026-10-09T09:00:00+08:00"/>
            </event>
            """)
        let run = try ImportRun.xes(document, xesOptions())
        #expect(run.lines == [
            #"{"at":"2026-10-08T09:00:00+08:00","data":{"concept:name":"a.two","trace":{"item":"食品经营许可","limit":20}},"dept":"gy.zwfw","id":"app:2026-0042#2","subject":"app:2026-0042","type":"a.two"}"#,
            #"{"at":"2026-10-09T09:00:00+08:00","data":{"concept:name":"a.three"},"dept":"gy.zwfw","id":"app:2026-0042#3","subject":"app:2026-0042","type":"a.three"}"#,
        ])
    }

    @Test("merges trace attributes into the first written event's data when asked, the event's own attributes winning")
    func traceAttributesMerged() throws {
        let document = xesLog(
            trace: """
                <string key="concept:name" value="2026-0042"/>
                <string key="item" value="食品经营许可"/>
                <string key="channel" value="window"/>
                """,
            """
            <event>
              <string key="concept:name" value="application.received"/>
              <date key="time:timestamp" value="2026-10-08T09:00:00+08:00"/>
              <string key="channel" value="web"/>
            </event>
            <event>
              <string key="concept:name" value="application.accepted"/>
              <date key="time:timestamp" value="2026-10-09T09:00:00+08:00"/>
            </event>
            """)
        let run = try ImportRun.xes(document, xesOptions { $0.traceAttributes = .mergedIntoFirstEvent })
        #expect(run.lines == [
            #"{"at":"2026-10-08T09:00:00+08:00","data":{"channel":"web","concept:name":"application.received","item":"食品经营许可"},"dept":"gy.zwfw","id":"app:2026-0042#1","subject":"app:2026-0042","type":"application.received"}"#,
            #"{"at":"2026-10-09T09:00:00+08:00","data":{"concept:name":"application.accepted"},"dept":"gy.zwfw","id":"app:2026-0042#2","subject":"app:2026-0042","type":"application.accepted"}"#,
        ])
        #expect(run.reports == [
            "7: trace 1, event 1: attribute 'channel': the event has an attribute with the same key; the trace's is left out [shadowed_trace_attribute]"
        ])
    }

    @Test("writes trace attributes as a case.opened event at the first event's time, with id <subject>#0")
    func caseOpened() throws {
        let document = xesLog(
            trace: """
                <string key="concept:name" value="2026-0042"/>
                <boolean key="online" value="true"/>
                <string key="org:group" value="gy.scjg"/>
                """,
            """
            <event>
              <string key="concept:name" value="a.one"/>
              <date key="time:timestamp" value="2026-10-08T09:00:00+08:00"/>
              <string key="org:resource" value="clerk:1"/>
            </event>
            """)
        let run = try ImportRun.xes(document, xesOptions {
            $0.traceAttributes = .caseOpened
            $0.deptAttribute = "org:group"
        })
        #expect(run.problems == [])
        #expect(run.lines == [
            #"{"at":"2026-10-08T09:00:00+08:00","data":{"online":true},"dept":"gy.scjg","id":"app:2026-0042#0","subject":"app:2026-0042","type":"case.opened"}"#,
            #"{"actor":"clerk:1","at":"2026-10-08T09:00:00+08:00","data":{"concept:name":"a.one"},"dept":"gy.scjg","id":"app:2026-0042#1","subject":"app:2026-0042","type":"a.one"}"#,
        ])
        #expect(run.summary == summary(records: 1, written: 2, traces: 1))
    }

    @Test("takes the id from identity:id and the dept from the event's attribute before the trace's and the constant")
    func identityAndDept() throws {
        let document = xesLog(
            trace: #"<string key="concept:name" value="T-1"/><string key="org:group" value="gy.trace"/>"#,
            """
            <event>
              <string key="concept:name" value="a.one"/>
              <date key="time:timestamp" value="2026-10-08T09:00:00+08:00"/>
              <id key="identity:id" value="5D7C2A4E-0001"/>
              <string key="org:group" value="gy.event"/>
            </event>
            <event>
              <string key="concept:name" value="a.two"/>
              <date key="time:timestamp" value="2026-10-08T10:00:00+08:00"/>
            </event>
            """)
        let run = try ImportRun.xes(document, xesOptions { $0.deptAttribute = "org:group" })
        #expect(run.lines == [
            #"{"at":"2026-10-08T09:00:00+08:00","data":{"concept:name":"a.one"},"dept":"gy.event","id":"5D7C2A4E-0001","subject":"app:T-1","type":"a.one"}"#,
            #"{"at":"2026-10-08T10:00:00+08:00","data":{"concept:name":"a.two"},"dept":"gy.trace","id":"app:T-1#2","subject":"app:T-1","type":"a.two"}"#,
        ])
    }

    @Test("maps names through the table, slugs ASCII names, hashes the rest, and adds the lifecycle transition when asked")
    func typeNames() throws {
        let document = xesLog(
            """
            <event><string key="concept:name" value="受理"/><date key="time:timestamp" value="2026-10-08T09:00:00Z"/></event>
            <event><string key="concept:name" value="归档"/><date key="time:timestamp" value="2026-10-08T09:00:01Z"/>
              <string key="lifecycle:transition" value="complete"/></event>
            <event><string key="concept:name" value="W_Completeren aanvraag"/><date key="time:timestamp" value="2026-10-08T09:00:02Z"/>
              <string key="lifecycle:transition" value="start"/></event>
            """)
        let run = try ImportRun.xes(document, xesOptions {
            $0.types = [("受理", "application.accepted")]
            $0.lifecycle = true
        })
        let types = run.lines.compactMap { line in Array(line.utf8).withUnsafeBytes { try? Envelope.parse(line: $0).get().type } }
        let hashed = "event.x" + String(SHA256.hash("归档").hex.prefix(16))
        #expect(types == ["application.accepted", hashed + ".complete", "event.w_completeren_aanvraag.start"])
    }

    @Test("gives the same output, byte for byte, on every run and whatever the read size", arguments: [1, 5, 4096])
    func determinism(chunkSize: Int) throws {
        let document = try String(contentsOfFile: interchangeSamples + "/permits.xes", encoding: .utf8)
        var options = XESImportOptions()
        try options.apply(MappingObject.parse(Array(try Data(contentsOf: URL(fileURLWithPath: interchangeSamples + "/permits.map.json"))), file: nil))
        let first = try ImportRun.xes(document, options)
        let again = try ImportRun.xes(document, options, chunkSize: chunkSize)
        #expect(first.lines.count == 18)
        #expect(again.lines == first.lines)
        #expect(again.problems == [])
        // Every line is canonical: parsing it gives back its own bytes.
        for line in first.lines {
            let content = try Array(line.utf8).withUnsafeBytes { try Envelope.parse(line: $0).get().content }
            #expect(content == Array(line.utf8))
        }
    }

    @Test("reports late trace attributes, unnamed traces, unexpected elements and missing keys as warnings")
    func warnings() throws {
        let document = """
            <log>
            <trace>
            <event><string key="concept:name" value="a.b"/><date key="time:timestamp" value="2026-10-08T09:00:00Z"/></event>
            <string key="late" value="x"/>
            <event><string value="no key"/><foo/><string key="concept:name" value="a.b"/><date key="time:timestamp" value="2026-10-08T09:00:01Z"/></event>
            </trace>
            </log>
            """
        let run = try ImportRun.xes(document, xesOptions())
        #expect(run.lines == [
            #"{"at":"2026-10-08T09:00:00Z","data":{"concept:name":"a.b"},"dept":"gy.zwfw","id":"app:trace-1#1","subject":"app:trace-1","type":"a.b"}"#,
            #"{"at":"2026-10-08T09:00:01Z","data":{"concept:name":"a.b"},"dept":"gy.zwfw","id":"app:trace-1#2","subject":"app:trace-1","type":"a.b"}"#,
        ])
        #expect(run.reports == [
            "2: trace 1: the trace has no concept:name; its subject uses its position [unnamed_trace]",
            "4: trace 1: attribute 'late': a trace attribute after the trace's first event; left out [late_trace_attribute]",
            "5: trace 1, event 2: an attribute without a key; left out [missing_key]",
            "5: trace 1, event 2: element <foo> is not expected here; skipped [unexpected_element]",
        ])
        #expect(run.summary == summary(records: 2, written: 2, warnings: 4, traces: 1))
    }

    @Test("refuses an event whose envelope ingest would refuse, naming the field")
    func envelopeRejection() throws {
        let long = String(repeating: "x", count: 300)
        let document = xesLog(
            """
            <event><string key="concept:name" value="a.b"/><date key="time:timestamp" value="2026-10-08T09:00:00Z"/>
              <string key="org:resource" value="\(long)"/></event>
            """)
        let run = try ImportRun.xes(document, xesOptions())
        #expect(run.lines == [])
        #expect(run.reports == [
            "5: trace 1, event 1: the envelope would be refused: field 'actor': longer than 256 bytes; event skipped [envelope_too_long]"
        ])
    }

    @Test("stops at a document that is not an XES log, and at malformed XML after what it wrote")
    func notXES() throws {
        #expect(throws: XESFormatError(line: 2, message: "the root element is <html>, not <log>")) {
            try ImportRun.xes("<?xml version=\"1.0\"?>\n<html/>", xesOptions())
        }
        let broken = xesLog(
            """
            <event><string key="concept:name" value="a.b"/><date key="time:timestamp" value="2026-10-08T09:00:00Z"/></event>
            <event><string key="concept:name" value="a.b"/></evnt>
            """)
        let importer = try XESImporter(source: MemorySource(broken), options: xesOptions())
        var written = 0
        #expect(throws: XMLError(line: 6, reason: .mismatchedEndTag(expected: "event", found: "evnt"))) {
            try importer.run(write: { written += $0.count }, report: { _ in })
        }
        #expect(written > 0)
        #expect(importer.summary.written == 1)
    }

    @Test("needs a department, from the options or an attribute")
    func needsDept() {
        #expect(throws: MappingError(key: "dept", message: "required: a department (--dept) or the attribute that names it (--dept-attribute)")) {
            try XESImporter(source: MemorySource("<log/>"), options: XESImportOptions())
        }
    }

    /// A summary with the given counts.
    private func summary(records: Int, written: Int, refused: Int = 0, warnings: Int = 0, traces: Int) -> ImportSummary {
        var summary = ImportSummary()
        summary.records = records
        summary.written = written
        summary.refused = refused
        summary.warnings = warnings
        summary.traces = traces
        return summary
    }

    /// The line number of the first line containing `text`.
    private func lineOf(_ text: String, in document: String) -> Int {
        let lines = document.split(separator: "\n", omittingEmptySubsequences: false)
        return (lines.firstIndex { $0.contains(text) } ?? -1) + 1
    }
}
