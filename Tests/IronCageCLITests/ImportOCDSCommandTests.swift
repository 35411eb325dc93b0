import Foundation
import Testing

/// `ironcage import ocds` end to end: the shipped OCDS sample through import, ingest and
/// audit, where the trading pack finds the collusion traces planted in its bids
/// (《招标投标法实施条例》 art. 40(1), (4), (7)).
@Suite("ironcage import ocds")
struct ImportOCDSCommandTests {
    static let sample = interchangeDirectory + "/tenders.ocds.jsonl"

    @Test("import ocds | ingest stores the 30 events of the sample's 4 good releases; the 2 bad ones are reported without values")
    func importThenIngest() throws {
        let scratch = try ScratchDirectory()
        let imported = scratch.run(["import", "ocds", Self.sample, "--dept", "gy.ggzy"])
        #expect(imported.status == 65)
        #expect(imported.stderr == """
            \(Self.sample):5: release 5: field 'bids.details[0].value.amount': not a number; release skipped [bad_value]
            \(Self.sample):6: release 6: invalid JSON at byte 610: unterminated string; release skipped [invalid_json]
            import ocds: 6 releases read: 30 events written, 2 releases skipped, 0 warnings

            """)
        let lines = imported.stdout.split(separator: "\n")
        #expect(lines.count == 30)
        #expect(lines[0] == #"{"actor":"org:91520102MA6DL2QW3K","at":"2026-09-07T09:00:00+08:00","data":{"agency":"org:91520102MA6DL2QW3K","buyer":"org:11520102009403051D","ceiling":8480000,"currency":"CNY","estimate":8650000,"method":"open","submission_deadline":"2026-09-28T09:30:00+08:00","title":"南明区老旧小区改造配套道路工程（二标段）"},"dept":"gy.ggzy","id":"ocds-9gy2ck-2026-GC-017/tender","subject":"tender:ocds-9gy2ck-2026-GC-017","type":"tender.published"}"#)

        let first = scratch.run(["ingest"], stdin: imported.stdout)
        #expect(first.status == 0)
        #expect(first.stderr.hasPrefix("ingest: 30 lines: 30 accepted, 0 duplicates, 0 conflicts, 0 rejected\n"))
        let again = scratch.run(["import", "ocds", "-", "--dept", "gy.ggzy", "-q"], stdinBytes: Array(try Data(contentsOf: URL(fileURLWithPath: Self.sample))))
        #expect(again.stdout == imported.stdout)
        #expect(again.stderr == "import ocds: 6 releases read: 30 events written, 2 releases skipped, 0 warnings\n")
        let second = scratch.run(["ingest"], stdin: again.stdout)
        #expect(second.stderr.hasPrefix("ingest: 30 lines: 0 accepted, 30 duplicates, 0 conflicts, 0 rejected\n"))

        let audit = scratch.run(["audit", "--rules", repositoryRoot + "/Rules", "--pack", "procurement", "--as-of", "2026-11-01T00:00:00+08:00", "--format", "ndjson"])
        #expect(audit.status == 0)
        let findings = try audit.stdout.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(findings.map { "\($0?["rule"] ?? "") \($0?["subject"] ?? "") \($0?["code"] ?? "") \($0?["level"] ?? "")" } == [
            "procurement.deemed_collusion tender:ocds-9gy2ck-2026-GC-017 same_deposit_account red",
            "procurement.deemed_collusion tender:ocds-9gy2ck-2026-GC-017 same_origin red",
            "procurement.deemed_collusion tender:ocds-9gy2ck-2026-HW-009 same_ip yellow",
        ])
    }

    @Test("import ocds reads stdin, places local times with --tz, and exits 0 when every release is written")
    func stdinAndZone() throws {
        let scratch = try ScratchDirectory()
        let release = #"{"ocid":"ocds-9gy2ck-1","buyer":{"id":"11520102009403051D"},"tender":{"tenderPeriod":{"startDate":"2026-09-07 09:00:00"}}}"#
        let result = scratch.run(["import", "ocds", "--dept", "gy.ggzy", "--tz", "+08:00"], stdin: release + "\n")
        #expect(result.status == 0)
        #expect(result.stdout == #"{"actor":"org:11520102009403051D","at":"2026-09-07T09:00:00+08:00","data":{"buyer":"org:11520102009403051D"},"dept":"gy.ggzy","id":"ocds-9gy2ck-1/tender","subject":"tender:ocds-9gy2ck-1","type":"tender.published"}"# + "\n")
        #expect(result.stderr == "import ocds: 1 release read: 1 event written, 0 releases skipped, 0 warnings\n")
    }

    @Test("import ocds without --dept, or with a zone it cannot read, is a usage error")
    func usage() throws {
        let scratch = try ScratchDirectory()
        let missing = scratch.run(["import", "ocds", "-"], stdin: "")
        #expect(missing.status == 64)
        #expect(missing.stderr.hasPrefix("Error: key 'dept': required: the department that reports the releases (--dept)\nUsage: ironcage import ocds"))
        let badZone = scratch.run(["import", "ocds", "--dept", "gy.ggzy", "--tz", "Beijing"], stdin: "")
        #expect(badZone.status == 64)
        #expect(badZone.stderr.hasPrefix("Error: --tz takes Z, UTC, an offset such as +08:00, or a zone name such as Asia/Shanghai, not 'Beijing'\n"))
        let absent = scratch.run(["import", "ocds", scratch.path + "/none.jsonl", "--dept", "gy.ggzy"])
        #expect(absent.status == 66)
    }

    @Test("import ocds --help says what is read and what is written")
    func help() throws {
        let scratch = try ScratchDirectory()
        let help = scratch.run(["import", "ocds", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.hasPrefix("OVERVIEW: Convert OCDS releases (Open Contracting Data Standard) into envelope NDJSON.\n\nReads compiled releases (OCDS 1.1 with the bids extension) as JSON lines"))
        #expect(help.stdout.contains("USAGE: ironcage import ocds [<file>] [--dept <dept>] [--tz <zone>] [--quiet]\n"))
        #expect(scratch.run(["import", "--help"]).stdout.contains("\n  ocds                      Convert OCDS releases (Open Contracting Data Standard) into envelope NDJSON.\n"))
    }
}
