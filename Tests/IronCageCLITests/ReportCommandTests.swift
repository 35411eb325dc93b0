import EventLog
import Foundation
import FoundationXML
import Testing

/// `ironcage report` on the bundled samples, with a small pack written here: exact figures in
/// every format, hostile text escaped, periodic runs that skip what is there.
@Suite("ironcage report")
struct ReportCommandTests {
    /// Three deadline rules, a check, a sequence and a collusion screen the samples trip.
    static let pack = #"""
        {"pack":"s","name":{"zh":"样例","en":"samples"},"rules":[
         {"id":"s.decision","name":{"zh":"许可决定超过20个工作日","en":"Licensing decision past 20 working days"},"kind":"deadline","severity":"high",
          "basis":{"zh":"《行政许可法》第四十二条","en":"Administrative Licensing Law art. 42"},
          "params":{"start":{"type":{"in":["application.received","application.accepted","application.reopened"]}},
           "stop":{"type":{"in":["application.approved","application.rejected"]}},"pause":{"type":"application.suspended"},
           "resume":{"type":"application.resumed"},"restart":{"type":"application.materials_completed"},
           "extend":{"when":{"type":"application.extended"},"add":10},"limit":{"workdays":20}}},
         {"id":"s.criminal_review","name":{"zh":"刑事立案审查超期","en":"Criminal filing review overdue"},"kind":"deadline","severity":"high",
          "basis":{"zh":"《公安机关办理刑事案件程序规定》第一百七十四条","en":"art. 174"},
          "params":{"start":{"type":"case.accepted","data.kind":"criminal"},"stop":{"type":{"in":["case.filed","case.not_filed","case.transferred"]}},
          "limit":{"procedural_days":3},"extend":{"when":{"type":"case.review_extended"},"set_from":"data.days"}}},
         {"id":"s.intake","name":{"zh":"行政案件24小时未受案","en":"Administrative case not accepted within 24 hours"},"kind":"deadline","severity":"medium",
          "basis":{"zh":"公通字〔2015〕32号","en":"Gongtongzi [2015] No. 32"},
          "params":{"start":{"type":"case.reported","data.kind":"administrative"},"stop":{"type":{"in":["case.accepted","case.not_accepted"]}},
          "limit":{"hours":24}}},
         {"id":"s.rejection_reason","name":{"zh":"不予许可未说明理由","en":"Rejection without a reason"},"kind":"check","severity":"medium",
          "basis":{"zh":"《行政许可法》第三十八条第二款","en":"Administrative Licensing Law art. 38(2)"},
          "params":{"when":{"type":"application.rejected"},"violation":{"data.reason":{"exists":false}}}},
         {"id":"s.self_revoke","name":{"zh":"自行撤销本人处罚","en":"Officer revokes own penalty"},"kind":"sequence","severity":"high",
          "basis":{"zh":"执法监督","en":"enforcement supervision"},
          "params":{"first":{"type":"penalty.decided"},"then":{"type":"penalty.revoked"},"same":["actor"]}},
         {"id":"s.shared_machine","name":{"zh":"投标文件机器码相同","en":"Bids made on the same machine"},"kind":"duplicate","severity":"critical",
          "basis":{"zh":"《招标投标法实施条例》第四十条","en":"Regulations of the Tendering Law art. 40"},
          "params":{"when":{"type":"bid.submitted"},"key":["subject","data.fingerprint.machine_code"],"distinct":"data.bidder"}}
        ]}
        """#

    static let asOf = "2026-11-20T23:59:59.999+08:00"

    func makeRules(_ scratch: ScratchDirectory, pack: String = Self.pack) throws -> String {
        let rules = scratch.path + "/rules"
        try FileManager.default.createDirectory(atPath: rules + "/packs", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: rules + "/calendars", withIntermediateDirectories: true)
        try pack.write(toFile: rules + "/packs/s.json", atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(atPath: repositoryRoot + "/Rules/calendars/cn.json", toPath: rules + "/calendars/cn.json")
        return rules
    }

    /// The samples in a log, and the rules.
    func samples() throws -> (ScratchDirectory, String) {
        let scratch = try ScratchDirectory()
        let rules = try makeRules(scratch)
        #expect(scratch.run(["ingest", "--backfill", "samples", "--as", "user:test"] + sampleStreams).status == 0)
        return (scratch, rules)
    }

    func read(_ path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8)
    }

    func json(_ path: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
    }

    /// CSV rows as fields, after checking the UTF-8 byte-order mark (a plain split: the summary
    /// table has no quoted fields).
    func csvRows(_ path: String) throws -> [[String]] {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(bytes.prefix(3) == [0xEF, 0xBB, 0xBF])
        return String(decoding: bytes.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n").filter { !$0.isEmpty }.map { $0.components(separatedBy: ",") }
    }

    @Test("October on the samples: the same exact figures in JSON, CSV, Markdown and HTML")
    func octoberFigures() throws {
        let (scratch, rules) = try samples()
        let result = scratch.run(["report", "--rules", rules, "--period", "2026-10", "--as-of", Self.asOf, "--lang", "en", "--out-dir", "out"])
        #expect(result.status == 0, "\(result.stderr)")
        let base = scratch.path + "/out/ironcage-report-2026-10"
        #expect(result.stdout.split(separator: "\n").map { String($0.dropFirst(scratch.path.count + 5)) } == [
            "ironcage-report-2026-10.en.md", "ironcage-report-2026-10.en.html", "ironcage-report-2026-10.summary.csv",
            "ironcage-report-2026-10.departments.csv", "ironcage-report-2026-10.rules.csv", "ironcage-report-2026-10.weeks.csv",
            "ironcage-report-2026-10.findings.csv", "ironcage-report-2026-10.evidence.csv", "ironcage-report-2026-10.procurement.csv",
            "ironcage-report-2026-10.data-quality.csv", "ironcage-report-2026-10.inspectors.csv", "ironcage-report-2026-10.json",
        ])

        // Counted independently from the sample files: events by `at`; clocks paired per subject;
        // late: app:2026-00013 (20 working days) and case:2026-0054 (40 hours); open past due: case:2026-0060.
        let report = try json(base + ".json")
        #expect(report["schema"] as? String == "ironcage-report/1")
        let figures = try #require(report["figures"] as? [String: [String: Any]])
        let now = try #require(figures["current"])
        let before = try #require(figures["previous"])
        #expect(now["events"] as? Int == 1_221)
        #expect(now["started"] as? Int == 65)
        #expect(now["finished"] as? Int == 66)
        #expect(now["on_time"] as? Int == 64)
        #expect(now["on_time_rate"] as? Double == 0.9697)
        #expect(now["median_handling_workdays"] as? Int == 2)
        #expect(now["overdue_open"] as? Int == 1)
        #expect(before["events"] as? Int == 1_145)
        #expect(before["started"] as? Int == 74)
        #expect(before["finished"] as? Int == 62)
        #expect(before["on_time_rate"] as? Int == 1)
        #expect(before["median_handling_workdays"] as? Int == 0)
        let findings = try #require(report["findings"] as? [[String: Any]])
        // Red first, then by severity and when they began; a deadline's finding is red once past its limit.
        #expect(findings.map { "\($0["rule"] ?? "") \($0["subject"] ?? "") \($0["level"] ?? "") \($0["code"] ?? "")" } == [
            "s.decision app:2026-00013 red closed_late",
            "s.self_revoke penalty:2026-000198 red sequence",
            "s.intake case:2026-0054 red closed_late",
            "s.intake case:2026-0060 red overdue",
            "s.rejection_reason app:2026-00041 yellow violation",
        ])
        #expect(now["findings"] as? Int == 5)
        #expect(now["red"] as? Int == 4)
        #expect(now["yellow"] as? Int == 1)
        #expect(now["by_severity"] as? [String: Int] == ["critical": 0, "high": 2, "medium": 3, "low": 0])
        // September's one finding: the bids of tender:2026-HW-003 made on one machine.
        #expect(before["findings"] as? Int == 1)
        #expect(before["red"] as? Int == 1)

        let summary = try csvRows(base + ".summary.csv")
        let values = Dictionary(uniqueKeysWithValues: summary.dropFirst().map { ($0[0], Array($0.dropFirst())) })
        #expect(summary.first == ["metric", "current", "previous"])
        #expect(values["events"] == ["1221", "1145"])
        #expect(values["started"] == ["65", "74"])
        #expect(values["finished"] == ["66", "62"])
        #expect(values["on_time"] == ["64", "62"])
        #expect(values["on_time_rate"] == ["0.9697", "1"])
        #expect(values["median_handling_workdays"] == ["2", "0"])
        #expect(values["overdue_open"] == ["1", "0"])
        #expect(values["red"] == ["4", "1"])

        let markdown = try read(base + ".en.md")
        #expect(markdown.contains("| Events | 1,221 | 1,145 | +76 |"))
        #expect(markdown.contains("| Started (under a time limit) | 65 | 74 | −9 |"))
        #expect(markdown.contains("| On-time rate | 97.0% | 100.0% | −3.0 pp |"))
        #expect(markdown.contains("| Median handling time (working days) | 2 | 0 | +2 |"))
        let html = try read(base + ".en.html")
        #expect(html.contains("<tr><td>On-time rate</td><td class=\"n\">97.0%</td><td class=\"n\">100.0%</td><td class=\"n\">−3.0 pp</td></tr>"))
        #expect(html.contains("<tr><td>Events</td><td class=\"n\">1,221</td><td class=\"n\">1,145</td><td class=\"n\">+76</td></tr>"))
        #expect(html.contains("<tr><td>Overdue, still open at the close</td><td class=\"n\">1</td><td class=\"n\">0</td><td class=\"n\">+1</td></tr>"))
    }

    @Test("departments ranked, with medians per department; September's flagged tender with its traces")
    func departmentsAndTenders() throws {
        let (scratch, rules) = try samples()
        #expect(scratch.run(["report", "--rules", rules, "--period", "2026-10", "--as-of", Self.asOf, "--format", "json", "--out", "r.json"]).status == 0)
        let october = try json(scratch.path + "/r.json")
        let departments = try #require(october["departments"] as? [[String: Any]])
        // gy.jgj has 3 red cards, gy.zwfw 1; the rest none, ranked by events.
        #expect(departments.map { $0["dept"] as? String ?? "" } == ["gy.jgj", "gy.zwfw", "gy.ggzy", "gy.czj", "gy.mzj", "gy.rsj"])
        let jgj = try #require(departments.first?["current"] as? [String: Any])
        #expect(jgj["red"] as? Int == 3)
        #expect(jgj["finished"] as? Int == 35)
        #expect(jgj["median_handling_workdays"] as? Int == 0)
        let zwfw = try #require(departments[1]["current"] as? [String: Any])
        #expect(zwfw["finished"] as? Int == 31)
        #expect(zwfw["median_handling_workdays"] as? Int == 6)
        #expect((departments.last?["current"] as? [String: Any])?["events"] as? Int == 0)
        #expect((october["data_quality"] as? [String: Any])?["silent_departments"] as? [String] == ["gy.rsj"])
        #expect((october["procurement"] as? [Any])?.isEmpty == true)

        #expect(scratch.run(["report", "--rules", rules, "--period", "2026-09", "--as-of", Self.asOf, "--format", "json", "--out", "r.json"]).status == 0)
        let report = try json(scratch.path + "/r.json")
        let tenders = try #require(report["procurement"] as? [[String: Any]])
        #expect(tenders.map { $0["subject"] as? String ?? "" } == ["tender:2026-HW-003"])
        let traces = try #require(tenders.first?["traces"] as? [[String: Any]])
        #expect(traces.map { $0["type"] as? String ?? "" } == ["bid.submitted", "bid.submitted"])
        let machines = traces.compactMap { (($0["data"] as? [String: Any])?["fingerprint"] as? [String: Any])?["machine_code"] as? String }
        #expect(machines.count == 2)
        #expect(Set(machines).count == 1)
        // Each trace carries the chain head stored at its seq and the leaf hash of its stored body.
        let store = try EventStore(path: scratch.database, create: false)
        for trace in traces {
            let seq = try #require(trace["seq"] as? Int)
            #expect(try store.storedHead(at: Int64(seq))?.hex == trace["head"] as? String)
        }
    }

    @Test("text from events is escaped in every format: markup, quotes, ampersands, right-to-left overrides")
    func hostileText() throws {
        let scratch = try ScratchDirectory()
        let rules = try makeRules(scratch)
        let subject = "app:<script>alert('x')</script>&\"q\"\u{202E}gnp.exe"
        let dept = "d<b>&\u{202E}x"
        let actor = "clerk:\"a\"&<i>\u{202E}"
        let line = #"{"id":"H-1","type":"application.rejected","at":"2026-10-20T10:00:00+08:00","dept":\#(jsonString(dept)),"actor":\#(jsonString(actor)),"subject":\#(jsonString(subject)),"data":{"basis":"=HYPERLINK(\"http://x\")"}}"#
        #expect(scratch.run(["ingest", "--backfill", "test"], stdin: line + "\n").status == 0)
        let result = scratch.run(["report", "--rules", rules, "--period", "2026-10", "--as-of", Self.asOf, "--lang", "en", "--out-dir", "out"])
        #expect(result.status == 0, "\(result.stderr)")
        let base = scratch.path + "/out/ironcage-report-2026-10"

        let html = try read(base + ".en.html")
        for raw in ["<script>", "<b>", "<i>", "\u{202E}", "'x'", "&\""] { #expect(!html.contains(raw), "\(raw)") }
        #expect(html.contains("<bdi>app:&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;q&quot;[U+202E]gnp.exe</bdi>"))
        #expect(html.contains("<bdi>d&lt;b&gt;&amp;[U+202E]x</bdi>"))
        // Well-formed XML: Foundation's XMLParser reads it to the end.
        let parser = XMLParser(data: Data(html.utf8))
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "") line \(parser.lineNumber)")

        let markdown = try read(base + ".en.md")
        #expect(!markdown.contains("\u{202E}"))
        #expect(markdown.contains("`app:<script>alert('x')</script>&\"q\"[U+202E]gnp.exe`"))
        #expect(!markdown.replacingOccurrences(of: "`app:<script>alert('x')</script>&\"q\"[U+202E]gnp.exe`", with: "").contains("<script>"))

        let findings = try read(base + ".findings.csv")
        #expect(findings.contains(",\"app:<script>alert('x')</script>&\"\"q\"\"\u{202E}gnp.exe\","))
        let evidence = try read(base + ".evidence.csv")
        #expect(evidence.contains("\"{\"\"basis\"\":\"\"=HYPERLINK(\\\"\"http://x\\\"\")\"\"}\""))

        let report = try json(base + ".json")
        let finding = try #require((report["findings"] as? [[String: Any]])?.first)
        #expect(finding["subject"] as? String == subject)
        #expect(finding["dept"] as? String == dept)
        #expect(finding["actor"] as? String == actor)
        #expect(try read(base + ".json").contains("\\u202e"))
    }

    @Test("scheduled: --every writes each completed period once, skips what is there, rewrites what is missing")
    func periodic() throws {
        let (scratch, rules) = try samples()
        let command = ["report", "--rules", rules, "--every", "month", "--since", "2026-08-15", "--as-of", Self.asOf, "--format", "json,md", "--lang", "zh", "--out-dir", "monthly"]
        let first = scratch.run(command)
        #expect(first.status == 0, "\(first.stderr)")
        // August, September and October are complete on 11-20; November is not.
        #expect(first.stdout.split(separator: "\n").map { String($0.dropFirst(scratch.path.count + 9)) } == [
            "ironcage-report-2026-08.json", "ironcage-report-2026-08.zh.md", "ironcage-report-2026-09.json", "ironcage-report-2026-09.zh.md",
            "ironcage-report-2026-10.json", "ironcage-report-2026-10.zh.md",
        ])
        let october = try read(scratch.path + "/monthly/ironcage-report-2026-10.json")
        let again = scratch.run(command)
        #expect(again.status == 0)
        #expect(again.stdout == "")
        try FileManager.default.removeItem(atPath: scratch.path + "/monthly/ironcage-report-2026-09.zh.md")
        #expect(scratch.run(command).stdout == scratch.path + "/monthly/ironcage-report-2026-09.zh.md\n")
        #expect(try read(scratch.path + "/monthly/ironcage-report-2026-10.json") == october)
        // A later run writes November once it has ended, and only November.
        var december = command
        december[december.count - 7] = "2026-12-01T00:00:00+08:00"
        #expect(scratch.run(december).stdout.split(separator: "\n").count == 2)
    }

    @Test("the same log and as-of instant give byte-identical files; ISO weeks and ranges name their files")
    func deterministic() throws {
        let (scratch, rules) = try samples()
        for directory in ["a", "b"] {
            #expect(scratch.run(["report", "--rules", rules, "--period", "2026-W44", "--as-of", Self.asOf, "--lang", "zh", "--out-dir", directory]).status == 0)
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: scratch.path + "/a").sorted()
        #expect(names.count == 12)
        #expect(names.first == "ironcage-report-2026-W44.data-quality.csv")
        for name in names {
            #expect(try Data(contentsOf: URL(fileURLWithPath: scratch.path + "/a/" + name)) == Data(contentsOf: URL(fileURLWithPath: scratch.path + "/b/" + name)))
        }
        let range = scratch.run(["report", "--rules", rules, "--from", "2026-09-28", "--to", "2026-10-09", "--as-of", Self.asOf, "--format", "json", "--out-dir", "r", "--dept", "gy.jgj"])
        #expect(range.stdout == scratch.path + "/r/ironcage-report-2026-09-28_2026-10-09-gy.jgj.json\n")
        let report = try json(scratch.path + "/r/ironcage-report-2026-09-28_2026-10-09-gy.jgj.json")
        #expect((report["previous_period"] as? [String: Any])?["first"] as? String == "2026-09-16")
        #expect((report["departments"] as? [[String: Any]])?.map { $0["dept"] as? String ?? "" } == ["gy.jgj"])
    }

    @Test("usage errors say what is wrong and exit 64", arguments: [
        (["--period", "2026-W54"], "Error: --period takes 2026-10-15 (a day), 2026-W44 (an ISO week), 2026-10 (a month), 2026-Q3 (a quarter) or 2026 (a year), not '2026-W54'"),
        (["--from", "2026-10-01"], "Error: --from and --to go together"),
        (["--period", "2026-10", "--format", "pdf"], "Error: --format takes a comma-separated list of md, html, csv, json, not 'pdf'"),
        (["--period", "2026-10", "--out", "x.csv"], "Error: --out writes one file: choose one of --format md, html or json (CSV is several tables: use --out-dir)"),
        (["--every", "month"], "Error: --every needs --since DATE: the first period to write"),
        ([String](), "Error: say which period: --period 2026-10 (or 2026-W44, 2026-Q3, 2026, 2026-10-15), --from/--to, or --every"),
    ])
    func usage(words: [String], message: String) throws {
        let scratch = try ScratchDirectory()
        let rules = try makeRules(scratch)
        let result = scratch.run(["report", "--rules", rules] + words)
        #expect(result.status == 64)
        #expect(result.stderr.split(separator: "\n").first.map(String.init) == message)
    }

    @Test("--out - writes one format to stdout")
    func stdout() throws {
        let (scratch, rules) = try samples()
        let result = scratch.run(["report", "--rules", rules, "--period", "2026-10-21", "--as-of", Self.asOf, "--format", "md", "--lang", "zh", "--out", "-"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("# 监督报告 · 2026年10月21日\n"))
    }

    @Test("demo writes the month's report set to its scratch directory and says where")
    func demo() throws {
        let scratch = try ScratchDirectory()
        let rules = try makeRules(scratch)
        let result = scratch.run(["demo", "--samples", samplesDirectory, "--dir", scratch.path + "/demo", "--rules", rules, "--lang", "en"])
        #expect(result.status == 0, "\(result.stderr)")
        let reports = scratch.path + "/demo/reports"
        #expect(result.stdout.contains("\n== 7. The monthly report, written to files"))
        #expect(result.stdout.contains("\n\(reports)/ironcage-report-2026-10.en.html\n"))
        #expect(result.stdout.contains("Open \(reports)/ironcage-report-2026-10.en.html in a browser, or print it.\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: reports).count == 12)
    }

    func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
