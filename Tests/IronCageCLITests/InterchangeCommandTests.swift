import EventLog
import Foundation
import Testing

/// The interchange samples.
let interchangeDirectory = samplesDirectory + "/interchange"

@Suite("ironcage import and export")
struct InterchangeCommandTests {
    static let permits = [interchangeDirectory + "/permits.xes", "--map", interchangeDirectory + "/permits.map.json"]

    @Test("import xes writes envelopes that ingest stores, and importing again gives only duplicates")
    func importXESThenIngest() throws {
        let scratch = try ScratchDirectory()
        let imported = scratch.run(["import", "xes"] + Self.permits)
        #expect(imported.status == 0)
        #expect(imported.stderr == """
            note: event name '归档' has no ASCII slug; typed event.x5292ab1a36c56a6b (map it under "types")
            import xes: 4 traces, 18 events read: 18 envelopes written, 0 refused, 0 warnings

            """)
        let lines = imported.stdout.split(separator: "\n")
        #expect(lines.count == 18)
        #expect(lines[0] == #"{"actor":"clerk:0104","at":"2026-10-08T09:12:40.000+08:00","data":{"applicant":"org:91520102MA6DKX3L2Q","channel":"网上申报","concept:name":"收件","item":"食品经营许可证新办","legal_limit_days":20,"lifecycle:transition":"complete","materials":["营业执照副本","食品安全管理制度","经营场所平面图"],"online":true,"window":12},"dept":"gy.zwfw","id":"app:2026-20001#1","subject":"app:2026-20001","type":"application.received"}"#)

        let first = scratch.run(["ingest"], stdin: imported.stdout)
        #expect(first.status == 0)
        #expect(first.stderr.hasPrefix("ingest: 18 lines: 18 accepted, 0 duplicates, 0 conflicts, 0 rejected\n"))
        let again = scratch.run(["import", "xes", "-", "--map", interchangeDirectory + "/permits.map.json", "-q"], stdinBytes: Array(try Data(contentsOf: URL(fileURLWithPath: interchangeDirectory + "/permits.xes"))))
        #expect(again.stdout == imported.stdout)
        let second = scratch.run(["ingest"], stdin: again.stdout)
        #expect(second.stderr.hasPrefix("ingest: 18 lines: 0 accepted, 18 duplicates, 0 conflicts, 0 rejected\n"))

        let trail = scratch.run(["trail", "app:2026-20002", "--format", "json"])
        #expect(trail.stdout.components(separatedBy: #""type":"#).count - 1 == 4)
    }

    @Test("import xes reports events without timestamps on stderr with their line, exits 65, and writes the others")
    func importXESMissingTimestamp() throws {
        let scratch = try ScratchDirectory()
        let document = """
            <log>
              <trace>
                <string key="concept:name" value="2026-1"/>
                <event><string key="concept:name" value="Send Fine"/><date key="time:timestamp" value="2026-10-08T09:00:00"/></event>
                <event><string key="concept:name" value="Send Fine"/></event>
              </trace>
            </log>
            """
        let result = scratch.run(["import", "xes", "--dept", "gy.jgj", "--subject-prefix", "case:", "--tz", "Asia/Shanghai"], stdin: document)
        #expect(result.status == 65)
        #expect(result.stdout == #"{"at":"2026-10-08T09:00:00+08:00","data":{"concept:name":"Send Fine"},"dept":"gy.jgj","id":"case:2026-1#1","subject":"case:2026-1","type":"event.send_fine"}"# + "\n")
        #expect(result.stderr == """
            <stdin>:5: trace 1, event 2: attribute 'time:timestamp': no timestamp; event skipped [missing_timestamp]
            import xes: 1 trace, 2 events read: 1 envelope written, 1 refused, 0 warnings

            """)
    }

    @Test("import xes stops at malformed XML with its line, keeping what it wrote, and exits 65")
    func importXESMalformed() throws {
        let scratch = try ScratchDirectory()
        let document = """
            <log><trace><string key="concept:name" value="1"/>
            <event><string key="concept:name" value="a.b"/><date key="time:timestamp" value="2026-10-08T09:00:00Z"/></event>
            <event><string key="concept:name" value="a.b"></event>
            </trace></log>
            """
        let result = scratch.run(["import", "xes", "--dept", "gy.jgj"], stdin: document)
        #expect(result.status == 65)
        #expect(result.stdout.split(separator: "\n").count == 1)
        #expect(result.stderr == """
            error: <stdin>: line 3: end tag </event> does not close <string>
            import xes: 1 trace, 2 events read: 1 envelope written, 0 refused, 0 warnings

            """)
    }

    @Test("import xes without a department is a usage error")
    func importXESUsage() throws {
        let scratch = try ScratchDirectory()
        let result = scratch.run(["import", "xes", "-"], stdin: "<log/>")
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("Error: key 'dept': required: a department (--dept) or the attribute that names it (--dept-attribute)\nUsage: ironcage import xes"))
        let badZone = scratch.run(["import", "xes", "--dept", "d", "--tz", "Beijing"], stdin: "<log/>")
        #expect(badZone.status == 64)
    }

    @Test("import xes names the mapping file and key of a bad type, and exits 65")
    func importXESBadMapping() throws {
        let scratch = try ScratchDirectory()
        let mapping = try scratch.write("permits.json", #"{"dept": "gy.zwfw", "types": {"受理": "Accepted"}}"#)
        let result = scratch.run(["import", "xes", "--map", mapping], stdin: "<log/>")
        #expect(result.status == 65)
        #expect(result.stderr == "error: mapping: \(mapping): key 'types[\"受理\"]': must be a dotted lower-case type such as 'case.accepted'\n")
    }

    @Test("import csv writes the rows it can map, reports the others by row and column without values, and exits 65")
    func importCSV() throws {
        let scratch = try ScratchDirectory()
        let result = scratch.run(["import", "csv", interchangeDirectory + "/hotline.csv", "--map", interchangeDirectory + "/hotline.map.json"])
        #expect(result.status == 65)
        #expect(result.stdout.split(separator: "\n").count == 8)
        let file = interchangeDirectory + "/hotline.csv"
        #expect(result.stderr == """
            \(file):10: row 8: column '来电时间': not a date-time in 'yyyy-MM-dd HH:mm:ss'; row skipped [bad_timestamp]
            \(file):11: row 9: column '通话时长(秒)': not a whole number; row skipped [bad_value]
            import csv: 10 rows read: 8 envelopes written, 2 refused, 0 warnings

            """)
        let ingest = scratch.run(["ingest"], stdin: result.stdout)
        #expect(ingest.status == 0)
        #expect(ingest.stderr.hasPrefix("ingest: 8 lines: 8 accepted"))
    }

    @Test("import csv needs a mapping, and names the key at fault in a bad one")
    func importCSVMapping() throws {
        let scratch = try ScratchDirectory()
        let missing = scratch.run(["import", "csv", "-"], stdin: "a,b\n")
        #expect(missing.status == 64)
        #expect(missing.stderr.hasPrefix("Error: Missing expected option '--map <file>'"))
        let mapping = try scratch.write("bad.json", #"{"type": {"const": "a.b"}, "at": {"column": "t", "time_zone": "Mars"}, "dept": {"const": "d"}, "subject": {"column": "s"}}"#)
        let bad = scratch.run(["import", "csv", "--map", mapping], stdin: "t,s\n")
        #expect(bad.status == 65)
        #expect(bad.stderr == "error: mapping: \(mapping): key 'at.time_zone': must be Z, UTC, an offset such as +08:00, or a zone name such as Asia/Shanghai\n")
    }

    @Test("export | ingest into a fresh log stores byte-identical content for every event")
    func exportRoundTrip() throws {
        let scratch = try ScratchDirectory()
        #expect(scratch.run(["ingest"] + sampleStreams).status == 0)
        let exported = scratch.run(["export"])
        #expect(exported.status == 0)
        #expect(exported.stderr == "export: 3,160 events\n")
        let fresh = scratch.path + "/fresh.db"
        let ingested = scratch.run(["ingest", "--db", fresh], stdin: exported.stdout)
        #expect(ingested.stderr.hasPrefix("ingest: 3,160 lines: 3,160 accepted"))
        let original = try EventStore(path: scratch.database)
        let copy = try EventStore(path: fresh)
        var originalContents: [[UInt8]] = []
        try original.forEachBody { _, body in
            originalContents.append(try StoredEvent(body: body).envelope.content)
            return true
        }
        var copyContents: [[UInt8]] = []
        try copy.forEachBody { _, body in
            copyContents.append(try StoredEvent(body: body).envelope.content)
            return true
        }
        #expect(copyContents.count == 3_160)
        #expect(copyContents == originalContents)
        #expect(scratch.run(["export", "--db", fresh]).stdout == exported.stdout)
    }

    @Test("export filters by --from, --subject and --type")
    func exportFilters() throws {
        let scratch = try ScratchDirectory()
        #expect(scratch.run(["ingest"] + sampleStreams).status == 0)
        let tail = scratch.run(["export", "--from", "3159"])
        #expect(tail.stdout.split(separator: "\n").count == 2)
        let subject = scratch.run(["export", "--subject", "case:2026-0083", "--type", "case.filed", "--type", "case.reported"])
        #expect(subject.stdout.split(separator: "\n").map { $0.contains(#""type":"case.filed""#) || $0.contains(#""type":"case.reported""#) } == [true, true])
        #expect(subject.stderr == "export: 2 events\n")
        let missing = scratch.run(["export", "--db", scratch.path + "/none.db"])
        #expect(missing.status == 65)
        let bad = scratch.run(["export", "--from", "0"])
        #expect(bad.status == 64)
    }

    @Test("help lists import and export, and import's subcommands")
    func help() throws {
        let scratch = try ScratchDirectory()
        let root = scratch.run(["--help"]).stdout
        #expect(root.contains("\n  import                    Convert XES, CSV or OCDS into envelope NDJSON for ingest.\n"))
        #expect(root.contains("\n  export                    Write stored events as envelope NDJSON"))
        let group = scratch.run(["import"])
        #expect(group.status == 64)
        let groupHelp = scratch.run(["import", "--help"]).stdout
        #expect(groupHelp.contains("\n  xes                       Convert an XES event log (IEEE 1849) into envelope NDJSON, streaming.\n"))
        #expect(groupHelp.contains("\n  csv                       Convert CSV rows (RFC 4180) into envelope NDJSON, one event per row.\n"))
        #expect(scratch.run(["import", "xes", "--help"]).stdout.contains("USAGE: ironcage import xes [<file>] [--map <file>] [--dept <dept>]"))
    }
}
