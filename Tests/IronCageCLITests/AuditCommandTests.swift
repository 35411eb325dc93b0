import EventLog
import Foundation
import Testing

/// `audit`, `dispose`, `rebuild`, `rules`, `calendar` and `ingest --backfill` through the CLI,
/// with a small pack written by the test (the shipped packs have their own tests).
@Suite("ironcage audit and friends")
struct AuditCommandTests {
    static let pack = #"""
        {"pack":"test","name":{"zh":"测试","en":"test"},"rules":[
         {"id":"t.criminal_review","name":{"zh":"刑事立案审查超期","en":"Criminal filing review overdue"},"kind":"deadline","severity":"high",
          "basis":{"zh":"《公安机关办理刑事案件程序规定》第一百七十四条","en":"Provisions on Criminal Cases by Public Security Organs, art. 174"},
          "params":{"start":{"type":"case.accepted","data.kind":"criminal"},"stop":{"type":{"in":["case.filed","case.not_filed","case.transferred"]}},
          "limit":{"procedural_days":3},"extend":{"when":{"type":"case.review_extended"},"set_from":"data.days"}}},
         {"id":"t.rejection_reason","name":{"zh":"不予许可未说明理由","en":"Rejection without a reason"},"kind":"check","severity":"medium",
          "basis":{"zh":"《行政许可法》第三十八条第二款","en":"Administrative Licensing Law art. 38(2)"},
          "params":{"when":{"type":"application.rejected"},"violation":{"data.reason":{"exists":false}}}},
         {"id":"t.self_revoke","name":{"zh":"自行撤销本人处罚","en":"Officer revokes own penalty"},"kind":"sequence","severity":"high",
          "basis":{"zh":"执法监督","en":"enforcement supervision"},
          "params":{"first":{"type":"penalty.decided"},"then":{"type":"penalty.revoked"},"same":["actor"]}},
         {"id":"t.late","name":{"zh":"补录","en":"Late entry"},"kind":"late_entry","severity":"medium","basis":{"zh":"全程留痕","en":"every act recorded"},
          "params":{"lag_hours":72}}
        ]}
        """#

    /// A scratch directory with `rules/packs/test.json` and the real calendar.
    func makeRules(_ scratch: ScratchDirectory) throws -> String {
        let rules = scratch.path + "/rules"
        try FileManager.default.createDirectory(atPath: rules + "/packs", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: rules + "/calendars", withIntermediateDirectories: true)
        try Self.pack.write(toFile: rules + "/packs/test.json", atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(atPath: repositoryRoot + "/Rules/calendars/cn.json", toPath: rules + "/calendars/cn.json")
        return rules
    }

    func findings(_ result: CLIResult) throws -> [[String: Any]] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        return try #require(object["findings"] as? [[String: Any]])
    }

    func summary(_ items: [[String: Any]]) -> [String] {
        items.map { "\($0["rule"] ?? "") \($0["subject"] ?? "") \($0["level"] ?? "") \($0["code"] ?? "")" }
    }

    @Test("finds the planted cases on the samples, exactly; a backfill is not a late entry")
    func auditSamples() throws {
        let scratch = try ScratchDirectory()
        let rules = try makeRules(scratch)
        #expect(scratch.run(["ingest", "--backfill", "samples loaded after the fact", "--as", "user:test"] + sampleStreams).status == 0)
        let result = scratch.run(["audit", "--rules", rules, "--format", "json", "--lang", "en"])
        #expect(result.status == 0, "\(result.stderr)")
        let items = try findings(result)
        #expect(summary(items) == [
            "t.rejection_reason app:2026-00041 yellow violation",
            "t.self_revoke penalty:2026-000198 red sequence",
            "t.criminal_review case:2026-0083 red closed_late",
        ])
        // Case 2026-0083 (Samples/README.md): accepted 2026-11-03, filed 2026-11-09; 3 days under
        // 刑事诉讼法 art. 105 counting end with 2026-11-06, a Friday.
        let late = try #require(items.last)
        #expect(late["due"] as? String == "2026-11-06T23:59:59.999+08:00")
        #expect(late["evidence"] as? [Int] == [2946, 3020])
        #expect(late["message"] as? String == "closed late: due 2026-11-06T23:59:59.999+08:00, closed 2026-11-09T15:40:27+08:00")
        #expect((late["basis"] as? [String: String])?["zh"] == "《公安机关办理刑事案件程序规定》第一百七十四条")
    }

    @Test("without a backfill declaration, events typed in months later are late entries, one finding per batch")
    func lateEntry() throws {
        let scratch = try ScratchDirectory()
        let rules = try makeRules(scratch)
        #expect(scratch.run(["ingest", sampleStreams[0]]).status == 0)
        let items = try findings(scratch.run(["audit", "--rules", rules, "--format", "json", "--pack", "test", "--lang", "en"]))
        let lateOnes = items.filter { $0["code"] as? String == "late_entry" }
        // finance.ndjson holds gy.czj, gy.mzj and gy.rsj events: one batch each.
        #expect(lateOnes.map { $0["dept"] as? String ?? "" }.sorted() == ["gy.czj", "gy.mzj", "gy.rsj"])
        // Every event that happened more than 72 hours before it was recorded (now).
        let cutoff = Date().addingTimeInterval(-72 * 3600)
        let formatter = ISO8601DateFormatter()
        let expected = try lines(of: sampleStreams[0]).count { line in
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return (object?["at"] as? String).flatMap(formatter.date(from:)).map { $0 < cutoff } ?? false
        }
        #expect(lateOnes.map { ($0["evidence"] as? [Int])?.count ?? 0 }.reduce(0, +) == expected)
    }

    @Test("an earlier --as-of replays only what had happened by then")
    func asOf() throws {
        let scratch = try ScratchDirectory()
        let rules = try makeRules(scratch)
        #expect(scratch.run(["ingest", "--backfill", "samples"] + sampleStreams).status == 0)
        let early = scratch.run(["audit", "--rules", rules, "--format", "json", "--as-of", "2026-11-07T12:00:00+08:00"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(early.stdout.utf8)) as? [String: Any])
        #expect(object["mode"] as? String == "replay")
        // On 7 November case 2026-0083 was open and past its due date: red, overdue.
        #expect(summary(try findings(early)) == [
            "t.rejection_reason app:2026-00041 yellow violation",
            "t.self_revoke penalty:2026-000198 red sequence",
            "t.criminal_review case:2026-0083 red overdue",
        ])
        // At noon on 6 November it was within the limit but past 80% of it: yellow.
        let yellow = try findings(scratch.run(["audit", "--rules", rules, "--format", "json", "--as-of", "2026-11-06T12:00:00+08:00", "--pack", "test"]))
        #expect(summary(yellow).last == "t.criminal_review case:2026-0083 yellow overdue")
    }

    @Test("dispositions: a red finding stays until rectified; a dismissal needs a reason; rebuild gives the same findings")
    func dispose() throws {
        let scratch = try ScratchDirectory()
        let rules = try makeRules(scratch)
        #expect(scratch.run(["ingest", "--backfill", "samples"] + sampleStreams).status == 0)
        let before = try findings(scratch.run(["audit", "--rules", rules, "--format", "json"]))
        let red = try #require(before.first { $0["rule"] as? String == "t.self_revoke" }?["id"] as? String)
        let yellow = try #require(before.first { $0["rule"] as? String == "t.rejection_reason" }?["id"] as? String)

        let noReason = scratch.run(["dispose", yellow, "--action", "dismiss", "--as", "inspector:7", "--rules", rules])
        #expect(noReason.status == 64)
        #expect(noReason.stderr.hasPrefix("Error: a dismissal needs --reason"))
        #expect(scratch.run(["dispose", "F-0000000000000000", "--action", "explain", "--as", "inspector:7", "--rules", rules]).status == 65)

        #expect(scratch.run(["dispose", red, "--action", "explain", "--as", "inspector:7", "--reason", "说明已收到", "--rules", rules]).status == 0)
        #expect(scratch.run(["dispose", yellow, "--action", "explain", "--as", "inspector:7", "--reason", "reason given orally", "--rules", rules]).status == 0)
        let afterExplain = try findings(scratch.run(["audit", "--rules", rules, "--format", "json"]))
        #expect(afterExplain.map { $0["id"] as? String ?? "" } == before.map { $0["id"] as? String ?? "" }.filter { $0 != yellow })
        let redState = try #require(afterExplain.first { $0["id"] as? String == red }?["state"] as? [String: Any])
        #expect(redState["status"] as? String == "explained")
        #expect(redState["active"] as? Bool == true)

        let done = scratch.run(["dispose", red, "--action", "rectify", "--as", "inspector:7", "--reason", "penalty reinstated", "--rules", rules, "--format", "json"])
        #expect(done.status == 0)
        let afterRectify = try findings(scratch.run(["audit", "--rules", rules, "--format", "json"]))
        #expect(!afterRectify.contains { $0["id"] as? String == red })
        let all = try findings(scratch.run(["audit", "--rules", rules, "--format", "json", "--all"]))
        #expect((all.first { $0["id"] as? String == red }?["state"] as? [String: Any])?["status"] as? String == "rectified")

        let incremental = scratch.run(["audit", "--rules", rules, "--format", "ndjson", "--all", "--as-of", "2026-11-30"]).stdout
        #expect(scratch.run(["rebuild", "--rules", rules]).stdout == "rebuilt: 3,164 events replayed through 4 rules\n")
        #expect(scratch.run(["audit", "--rules", rules, "--format", "ndjson", "--all", "--as-of", "2026-11-30"]).stdout == incremental)
    }

    @Test("rules check names the file, the rule and the key at fault")
    func rulesCheck() throws {
        let scratch = try ScratchDirectory()
        let rules = try makeRules(scratch)
        #expect(scratch.run(["rules", "check", rules]).stdout == "ok: 4 rules in 1 pack; calendar cn 2004–2026\n")
        let broken = Self.pack.replacingOccurrences(of: #""limit":{"procedural_days":3}"#, with: #""limit":{"procedural_dayz":3}"#)
        try broken.write(toFile: rules + "/packs/test.json", atomically: true, encoding: .utf8)
        let result = scratch.run(["rules", "check", rules])
        #expect(result.status == 65)
        #expect(result.stderr == "error: rules: \(rules)/packs/test.json: rule t.criminal_review: params.limit.procedural_dayz: unknown parameter\n")
        let typo = Self.pack.replacingOccurrences(of: #""data.reason":{"exists":false}"#, with: #""data.reason":{"exist":false}"#)
        try typo.write(toFile: rules + "/packs/test.json", atomically: true, encoding: .utf8)
        #expect(scratch.run(["rules", "check", rules]).stderr.hasPrefix(
            "error: rules: \(rules)/packs/test.json: rule t.rejection_reason: params.violation.data.reason.exist: unknown operator"))
    }

    @Test("calendar add, between and year; a missing year is an error naming it")
    func calendar() throws {
        let scratch = try ScratchDirectory()
        let rules = repositoryRoot + "/Rules"
        // 10 working days after 2025-09-26 pass the make-up days 2025-09-28 and 2025-10-11.
        #expect(scratch.run(["calendar", "add", "2025-09-26", "10", "--rules", rules]).stdout == "2025-10-16\n")
        #expect(scratch.run(["calendar", "between", "2024-12-31", "2025-12-31", "--rules", rules]).stdout == "248\n")
        #expect(scratch.run(["calendar", "add", "2025-09-26", "10", "--rules", rules, "--format", "json"]).stdout
            == #"{"date":"2025-09-26","workdays":10,"result":"2025-10-16","calendar":"cn"}"# + "\n")
        let year = scratch.run(["calendar", "year", "2026", "--rules", rules, "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(year.stdout.utf8)) as? [String: Any])
        #expect(object["workdays"] as? [String] == ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"])
        let missing = scratch.run(["calendar", "add", "2026-12-20", "10", "--rules", rules])
        #expect(missing.status == 65)
        #expect(missing.stderr.contains("has no data for 2027"))
    }
}
