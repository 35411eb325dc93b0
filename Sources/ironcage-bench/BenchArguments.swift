#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The benchmark's command line.
struct BenchArguments {
    var events = 1_000_000
    var directory: String?
    var keep = false
    var trailLookups = 200
    var skipBaseline = false
    /// Run only the audit benchmark, on a log of this many events.
    var auditEvents: Int?
    /// With `auditEvents`: only the incremental audit, on what an earlier run kept.
    var auditIncrementalOnly = false
    /// Run only the report benchmark, on a log of this many events.
    var reportEvents: Int?
    var rules = "Rules"
    /// Whether `--rules` was given (the procurement benchmark defaults to its own pack).
    var rulesGiven = false
    /// Run only the procurement benchmark, on a market of this many tenders.
    var tenders: Int?
    /// When set, only the interchange benchmark runs, on this many XES events.
    var xesEvents: Int?
    /// Megabytes of XES streamed through `import xes` to show flat memory (0 skips it).
    var xesStreamMegabytes = 1_000
    /// When set, only the OCDS import benchmark runs, on this many releases.
    var ocdsReleases: Int?
    /// How many times the OCDS import is timed.
    var ocdsRuns = 3

    static let usage = """
        OVERVIEW: Measure ingest, verify and trail on a generated log (release build).

        USAGE: ironcage-bench [--events <n>] [--dir <dir>] [--keep] [--trail-lookups <n>] [--skip-baseline]
               ironcage-bench --tenders <n> [--rules <pack>] [--dir <dir>] [--keep]
               ironcage-bench --xes-events <n> [--xes-stream-mb <m>] [--dir <dir>] [--keep]
               ironcage-bench --ocds-releases <n> [--ocds-runs <k>] [--dir <dir>] [--keep]

        OPTIONS:
          --events <n>            Events to generate (default: 1000000).
          --dir <dir>             Work directory (default: a new one under /tmp; removed unless --keep).
          --keep                  Keep the generated files and logs.
          --trail-lookups <n>     Subjects to look up (default: 200).
          --skip-baseline         Do not run the sqlite3 CLI baseline.
          --audit-events <n>      Instead: measure a full and an incremental audit on a log of n events.
          --audit-incremental-only
                                  With --audit-events and the --dir of an earlier run: only the
                                  incremental audit, on the log and projections that run kept.
          --report-events <n>     Instead: measure a month's report set (md, html, csv, json) on a log
                                  of n events, projections current.
          --rules <path>          Rule packs for the audit and report benchmarks, and the vocabulary
                                  ingest checks payloads against (default: ./Rules; for --tenders:
                                  ./Rules/packs/procurement.json).
          --tenders <n>           Instead: generate a procurement market of n tenders (about 6 bids
                                  each, with deposits, openings, awards, contracts and planted
                                  rigging) and time a full audit with the procurement pack.
                                  With --keep --dir D the market is kept in D and reused by
                                  later runs with --dir D.
          --xes-events <n>        Run only the interchange benchmark: time `import xes` on
                                  n generated events (262000 in the README).
          --xes-stream-mb <m>     Then stream m MB of generated XES through it to show flat
                                  memory (default: 1000; 0 skips).
          --ocds-releases <n>     Run only the OCDS benchmark: time `import ocds` on n generated
                                  compiled releases (100000 in the README).
          --ocds-runs <k>         Times to run it; the best and every run are reported (default: 3).
          -h, --help              Show help information.

        """

    static func parse(_ words: [String]) -> BenchArguments {
        var parsed = BenchArguments()
        var index = 0
        func value() -> String {
            index += 1
            guard index < words.count else { fail("missing value for \(words[index - 1])") }
            return words[index]
        }
        func number() -> Int {
            let text = value()
            guard let parsed = Int(text), parsed > 0 else { fail("\(words[index - 1]) takes a positive whole number, not '\(text)'") }
            return parsed
        }
        while index < words.count {
            switch words[index] {
            case "--events": parsed.events = number()
            case "--dir": parsed.directory = value()
            case "--keep": parsed.keep = true
            case "--trail-lookups": parsed.trailLookups = number()
            case "--skip-baseline": parsed.skipBaseline = true
            case "--audit-events": parsed.auditEvents = number()
            case "--audit-incremental-only": parsed.auditIncrementalOnly = true
            case "--report-events": parsed.reportEvents = number()
            case "--rules":
                parsed.rules = value()
                parsed.rulesGiven = true
            case "--tenders": parsed.tenders = number()
            case "--xes-events": parsed.xesEvents = number()
            case "--ocds-releases": parsed.ocdsReleases = number()
            case "--ocds-runs": parsed.ocdsRuns = number()
            case "--xes-stream-mb":
                index += 1
                guard index < words.count, let megabytes = Int(words[index]), megabytes >= 0 else {
                    fail("--xes-stream-mb takes a whole number of megabytes")
                }
                parsed.xesStreamMegabytes = megabytes
            case "-h", "--help":
                print(usage, terminator: "")
                exit(0)
            default: fail("unknown option '\(words[index])'")
            }
            index += 1
        }
        return parsed
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("Error: \(message)\n\(usage)".utf8))
        exit(64)
    }
}
