import EventLog
import Foundation
import Testing

@Suite("ironcage trail, stats, checkpoint and demo")
struct TrailStatsDemoTests {
    func ingestedSamples() throws -> ScratchDirectory {
        let scratch = try ScratchDirectory()
        #expect(scratch.run(["ingest"] + sampleStreams).status == 0)
        return scratch
    }

    @Test("trail shows a subject's events in order, in Beijing time")
    func trailTable() throws {
        let scratch = try ingestedSamples()
        let result = scratch.run(["trail", "case:2026-0083"])
        #expect(result.status == 0)
        let rows = result.stdout.split(separator: "\n").map(String.init)
        #expect(rows.count == 7)
        #expect(rows[0] == "case:2026-0083: 5 events")
        #expect(rows[1].hasPrefix(" seq  at (Asia/Shanghai)"))
        // The criminal case planted as overdue: reported, accepted, filed six days later, appraisal.
        let types = rows.dropFirst(2).map { $0.split(separator: " ", omittingEmptySubsequences: true)[2] }
        #expect(types == ["case.reported", "case.accepted", "case.filed", "case.appraisal_started", "case.appraisal_finished"])
        #expect(rows[2].contains("2026-11-03T08:47:12+08:00  case.reported"))
        #expect(rows[4].contains("2026-11-09T15:40:27+08:00  case.filed"))
        #expect(rows[3].hasSuffix(#"officer:0458  {"kind":"criminal"}"#))
    }

    @Test("trail --format ndjson prints the stored bodies, the bytes the chain vouches for")
    func trailNDJSON() throws {
        let scratch = try ingestedSamples()
        let result = scratch.run(["trail", "tender:2026-HW-004", "--format", "ndjson"])
        #expect(result.status == 0)
        let printed = result.stdout.split(separator: "\n").map { Array($0.utf8) }
        let sampleLines = try lines(of: samplesDirectory + "/trading-centre.ndjson").filter { $0.contains(#""subject":"tender:2026-HW-004""#) }
        #expect(printed.count == sampleLines.count)
        let store = try EventStore(path: scratch.database)
        for (body, line) in zip(printed, sampleLines) {
            let event = try body.withUnsafeBytes { try StoredEvent(body: $0) }
            let original = try Array(line.utf8).withUnsafeBytes { try Envelope.parse(line: $0).get() }
            #expect(event.envelope.content == original.content)
            // The printed bytes hash to the chain head stored at that seq.
            let previous = try #require(try store.storedHead(at: event.seq - 1))
            let leaf = body.withUnsafeBytes { HashChain.leaf(of: $0) }
            #expect(HashChain.next(after: previous, leaf: leaf) == (try store.storedHead(at: event.seq)))
        }
    }

    @Test("trail of an unknown subject prints nothing on stdout; a missing log is named")
    func trailEmpty() throws {
        let scratch = try ingestedSamples()
        let result = scratch.run(["trail", "case:none"])
        #expect(result.status == 0)
        #expect(result.stdout == "")
        #expect(result.stderr == "no events for subject case:none\n")
        #expect(scratch.run(["trail", "case:none", "--format", "json"]).stdout == "[]\n")
        let fresh = try ScratchDirectory()
        let missing = fresh.run(["trail", "x"])
        #expect(missing.status == 65)
        #expect(missing.stderr.hasPrefix("error: \(fresh.database): no log here"))
    }

    @Test("stats counts by department and type, exactly as the samples hold them")
    func stats() throws {
        let scratch = try ingestedSamples()
        let result = scratch.run(["stats", "--format", "json"])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["events"] as? Int == 3_160)
        #expect(object["by_dept"] as? [String: Int] == ["gy.jgj": 939, "gy.zwfw": 1_189, "gy.ggzy": 534, "gy.czj": 483, "gy.mzj": 9, "gy.rsj": 6])
        let byType = try #require(object["by_type"] as? [String: Int])
        #expect(byType["penalty.decided"] == 347)
        #expect(byType["subsidy.paid"] == 293)
        #expect(byType.values.reduce(0, +) == 3_160)
        #expect((object["happened"] as? [String: String])?["first"] == "2026-09-01T01:06:42.000Z")
        let table = scratch.run(["stats"])
        #expect(table.stdout.contains("\ndept     events\ngy.zwfw   1,189\ngy.jgj      939\n"))
    }

    @Test("demo ingests the samples, shows the refused lines, verifies, and prints a trail and stats")
    func demo() throws {
        let scratch = try ScratchDirectory()
        let result = scratch.run(["demo", "--samples", samplesDirectory, "--dir", scratch.path + "/demo", "--rules", repositoryRoot + "/Rules", "--lang", "en"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("== 1. Departments pipe their streams into the log (ingest)"))
        #expect(result.stdout.contains("ingest: 42 lines: 14 accepted, 0 duplicates, 0 conflicts, 28 rejected"))
        #expect(result.stdout.contains("\nintact: 3,706 events, head "))
        #expect(result.stdout.contains("case:2026-0083: 5 events"))
        #expect(result.stdout.contains("log log-"))
        #expect(FileManager.default.fileExists(atPath: scratch.path + "/demo/checkpoint.json"))
        // The sample streams go in as a declared backfill, so only malformed.ndjson's good lines are late entries.
        #expect(result.stdout.contains("backfill: seq 1–498 declared by user:demo at seq 499"))
        let audit = try #require(result.stdout.components(separatedBy: "== 6. The audit").last)
        for planted in ["case:2026-0083", "app:2026-00013", "penalty:2026-000198", "pay:BT-2026-000107", "proc:2026-0063", "tender:2026-HW-003",
                        "tender:2026-QN-008", "org:91522701MA6UMXRJ13"] {
            #expect(audit.contains(" \(planted) "), "\(planted)")
        }
        #expect(audit.components(separatedBy: "Late entry").count - 1 == 1)
    }
}
