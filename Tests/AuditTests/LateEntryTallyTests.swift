@testable import Audit
import EventLog
import Foundation
import Testing

/// A `late_entry` rule keeps a tally per department (`LateEntryTally`): a new ingest batch of
/// late events adds its own finding beside the stored ones without reading the department's
/// late events back; what it finds must be what judging every fact finds. Case: 国办发〔2018〕118号
/// and 行政处罚法 art. 47 — acts are recorded as they happen; events recorded more than 72 hours
/// late are flagged, one finding per department and ingest batch, unless a backfill is declared.
@Suite("LateEntryTally: a late-entry rule judged from its tally over several incremental audits")
struct LateEntryTallyTests {
    private static let pack = #"""
        {"pack": "test", "name": {"zh": "测试", "en": "Test"}, "rules": [{"id": "test.late_entry",
          "name": {"zh": "事后补录", "en": "Late entry"}, "kind": "late_entry", "severity": "medium",
          "basis": {"zh": "国办发〔2018〕118号；《行政处罚法》第四十七条", "en": "Guobanfa [2018] No. 118; Administrative Penalty Law art. 47"},
          "params": {"lag_hours": 72}}]}
        """#

    /// A case of gy.a reported at `at`, recorded at `recorded` (September 2026, Beijing time).
    private static func report(_ number: Int, at: String, recorded: String) -> (line: String, recorded: Instant?) {
        (#"{"id":"E-\#(number)","type":"case.reported","at":"2026-09-\#(at):00+08:00","dept":"gy.a","actor":"officer:1","subject":"case:\#(number)","data":{"kind":"criminal"}}"#,
         instant("2026-09-\(recorded):00+08:00"))
    }

    private static let asOf = instant("2026-09-30T00:00:00+08:00")

    private static func describe(_ result: AuditResult) -> [String] {
        result.findings.map { item in
            let finding = item.finding
            return "\(finding.details["recorded"] ?? "?") \(finding.subject) \(finding.evidence) lag \(finding.details["max_lag_hours"] ?? "?")"
        }
    }

    @Test("batches added audit by audit find what one audit of them all finds; a declaration or a batch met before is judged from every fact")
    func incrementalAudits() throws {
        let rules = try ShippedRules.withPack(Self.pack)
        let log = try ScratchLog()
        let engine = try log.engine(rules)
        func audit(_ lines: [(line: String, recorded: Instant?)]) throws -> [String] {
            _ = try log.append(lines)
            return Self.describe(try engine.audit(asOf: Self.asOf)) + ["tallied \(engine.talliedKeys)"]
        }
        let first = "2026-09-05T10:00:00+08:00 case:1 [1] lag 96"
        // 96 hours late is late, 1 hour is not. The department is new: judged from the batch,
        // which also keeps its tally.
        #expect(try audit([Self.report(1, at: "01T10:00", recorded: "05T10:00"), Self.report(2, at: "04T09:00", recorded: "04T10:00")]) == [
            first, "tallied 0",
        ])
        // A batch of its own, from the tally: its finding joins the first.
        #expect(try audit([Self.report(3, at: "02T10:00", recorded: "08T10:00")]) == [
            first, "2026-09-08T10:00:00+08:00 case:3 [3] lag 144", "tallied 1",
        ])
        // Recorded at the first batch's instant, appended later: the first finding grows, from every fact.
        #expect(try audit([Self.report(4, at: "01T08:00", recorded: "05T10:00")]) == [
            "2026-09-05T10:00:00+08:00 case:1 [1, 4] lag 98", "2026-09-08T10:00:00+08:00 case:3 [3] lag 144", "tallied 0",
        ])
        // A backfill declared for seq 3: it may cover facts already judged, so every fact is read.
        let declaration = (
            line: #"{"id":"backfill:3","type":"log.backfill_declared","at":"2026-09-09T10:00:00+08:00","dept":"ironcage","actor":"user:ops","subject":"backfill:3","data":{"reason":"台账补录","first_seq":3,"last_seq":3,"events":1,"depts":["gy.a"]}}"#,
            recorded: Instant?.none)
        #expect(try audit([declaration]) == ["2026-09-05T10:00:00+08:00 case:1 [1, 4] lag 98", "tallied 0"])
        // A later batch, from the tally again.
        #expect(try audit([Self.report(6, at: "10T10:00", recorded: "20T10:00")]) == [
            "2026-09-05T10:00:00+08:00 case:1 [1, 4] lag 98", "2026-09-20T10:00:00+08:00 case:6 [6] lag 240", "tallied 1",
        ])
        let tally = try engine.projection.withTally(rule: 0, key: "gy.a") { LateEntryTally(encoded: $0) }
        var expected = LateEntryTally()
        expected.declared = [3 ... 3]
        expected.batches = Set(["05T10:00", "08T10:00", "20T10:00"].map { instant("2026-09-\($0):00+08:00").millisecondsSinceEpoch })
        expected.lastSeq = 6
        #expect(tally == expected)
        let incremental = Self.describe(try engine.audit(asOf: Self.asOf))
        _ = try engine.rebuild()
        #expect(Self.describe(try engine.audit(asOf: Self.asOf)) == incremental)
    }

    @Test("a tally round-trips through its encoding, and a damaged one is refused")
    func coding() throws {
        var tally = LateEntryTally()
        tally.declared = [3 ... 5, 9 ... 9]
        tally.batches = [1_790_000_000_000, 1_790_086_400_000]
        tally.lastSeq = 42
        let bytes = tally.encoded()
        #expect(bytes.withUnsafeBytes { LateEntryTally(encoded: $0) } == tally)
        #expect(Array(bytes.dropLast()).withUnsafeBytes { LateEntryTally(encoded: $0) } == nil)
    }
}
