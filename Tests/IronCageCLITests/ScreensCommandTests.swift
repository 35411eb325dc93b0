import Foundation
import Testing

/// `ironcage screens calibrate|evaluate|show` and a calibrated pack in `ironcage audit`.
@Suite("ironcage screens")
struct ScreensCommandTests {
    /// Forty tenders of five bids, published on 1 September 2026 with an estimate, bid on the
    /// 10th: the odd ones bunched within about 1.5 % (collusive), the even ones spread over
    /// 30 % and more (competitive); T41 has three bids only.
    static func log() -> String {
        var lines: [String] = []
        for k in 1...41 {
            let base = 1_000_000 + 10_000 * k
            let subject = "tender:2026-T\(k)"
            lines.append(
                #"{"id":"P-\#(k)","type":"tender.published","at":"2026-09-01T09:00:00+08:00","dept":"gy.ggzy","subject":"\#(subject)","data":{"estimate":\#(base * 105 / 100),"method":"open"}}"#
            )
            let step = k % 2 == 1 ? 3 + k % 5 : 80 + 2 * k
            for j in 0..<(k == 41 ? 3 : 5) {
                let amount = base + base * step * j / 1000
                lines.append(
                    #"{"id":"B-\#(k)-\#(j)","type":"bid.submitted","at":"2026-09-10T10:0\#(j):00+08:00","dept":"gy.ggzy","actor":"org:\#(j)","subject":"\#(subject)","data":{"bidder":"org:\#(j)","amount":\#(amount)}}"#
                )
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static let labels = (1...41).map { "tender:2026-T\($0)\t\($0 % 2)" }.joined(separator: "\n") + "\ntender:2026-T99\t0\n"

    /// A scratch directory with the log, the labels and `Rules/calendars/cn.json`.
    func prepared() throws -> ScratchDirectory {
        let scratch = try ScratchDirectory()
        let ingested = scratch.run(["ingest"], stdin: Self.log())
        #expect(ingested.status == 0, "\(ingested.stderr)")
        _ = try scratch.write("labels.tsv", Self.labels)
        try FileManager.default.createDirectory(atPath: scratch.path + "/Rules/calendars", withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: repositoryRoot + "/Rules/calendars/cn.json", toPath: scratch.path + "/Rules/calendars/cn.json")
        try FileManager.default.createDirectory(atPath: scratch.path + "/elsewhere", withIntermediateDirectories: true)
        return scratch
    }

    @Test("calibrate writes a pack; audit --rules PACK flags exactly the collusive tenders; evaluate measures it")
    func roundTrip() throws {
        let scratch = try prepared()
        let calibrated = scratch.run([
            "screens", "calibrate", "--labels", "labels.tsv", "--out", "elsewhere/pack.json", "--model", "logistic", "--features",
            "cv,diffp",
        ])
        #expect(calibrated.status == 0, "\(calibrated.stderr)")
        let lines = calibrated.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "calibrated on 40 tenders (20 collusive) of 42 labelled: 1 not in the log, 1 with fewer than 4 bids")
        #expect(lines.count == 7)
        #expect(lines[1].hasPrefix("cross-validated balanced accuracy (5 folds): logistic 1 → logistic"))
        #expect(lines[2].hasSuffix("on these tenders: 20 flagged, precision 1  recall 1  specificity 1  balanced accuracy 1  accuracy 1"))
        #expect(lines[3] == "screen    mean    scale   weight  contributions")
        #expect(lines[6] == "wrote elsewhere/pack.json: rule screens.price_screens")

        // The pack sits in a directory without calendars: the audit takes ./Rules's.
        let audit = scratch.run(["audit", "--rules", "elsewhere/pack.json", "--as-of", "2026-10-01", "--format", "json", "--lang", "en"])
        #expect(audit.status == 0, "\(audit.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(audit.stdout.utf8)) as? [String: Any])
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(
            findings.map { $0["subject"] as? String ?? "" }.sorted()
                == (1...39).filter { $0 % 2 == 1 }.map { "tender:2026-T\($0)" }.sorted())
        #expect(Set(findings.map { $0["code"] as? String ?? "" }) == ["price_screens"])
        #expect(Set(findings.map { $0["level"] as? String ?? "" }) == ["yellow"])
        let first = try #require(findings.first { $0["subject"] as? String == "tender:2026-T1" })
        // T1's bids step by 0.4 %: CV 0.004 × sd(0…4) / 1.008 = 0.006274, DIFFP 0.004.
        #expect(
            first["message"] as? String
                == "bid price screens score 2.9924, at or above the threshold 0.6597 (5 bids); chiefly coefficient of variation cv=0.006274 (+1.6806), gap between the two lowest diffp=0.004 (+1.5778)"
        )
        #expect(first["evidence"] as? [Int] == [1, 2, 3, 4, 5, 6])

        let evaluated = scratch.run(["screens", "evaluate", "--labels", "labels.tsv", "--rules", "elsewhere/pack.json", "--format", "json"])
        #expect(evaluated.status == 0, "\(evaluated.stderr)")
        #expect(
            evaluated.stdout
                == #"{"rule":"screens.price_screens","labelled":42,"screened":40,"absent":1,"unscreened":{"collusive":1,"competitive":0},"confusion":{"true_positives":20,"false_positives":0,"true_negatives":20,"false_negatives":0},"precision":1.0,"recall":1.0,"specificity":1.0,"balanced_accuracy":1.0,"accuracy":1.0}"#
                + "\n")
        let table = scratch.run(["screens", "evaluate", "--labels", "labels.tsv", "--rules", "elsewhere/pack.json"])
        #expect(
            table.stdout == """
                screens.price_screens on 42 labelled tenders: 40 screened, 1 with fewer than 4 bids (1 collusive), 1 not in the log
                             flagged  not flagged
                collusive         20            0
                competitive        0           20
                precision 1  recall 1  specificity 1  balanced accuracy 1  accuracy 1

                """)
    }

    /// Twenty tenders, one a day in October 2026, five bids each at the same prices: the odd
    /// ones among the same five firms (a ring, collusive), the even ones among five firms
    /// never seen before (competitive). Only the bidders' histories tell them apart.
    static func ringLog() -> (log: String, labels: String) {
        var lines: [String] = []
        for k in 1...20 {
            let subject = "tender:2026-R\(k)"
            let day = String(format: "%02d", k)
            lines.append(
                #"{"id":"RP-\#(k)","type":"tender.published","at":"2026-10-\#(day)T09:00:00+08:00","dept":"gy.ggzy","subject":"\#(subject)","data":{"estimate":1100000}}"#
            )
            for j in 0..<5 {
                let firm = k % 2 == 1 ? "org:ring\(j)" : "org:f\(k)-\(j)"
                lines.append(
                    #"{"id":"RB-\#(k)-\#(j)","type":"bid.submitted","at":"2026-10-\#(day)T10:0\#(j):00+08:00","dept":"gy.ggzy","actor":"\#(firm)","subject":"\#(subject)","data":{"bidder":"\#(firm)","amount":\#(1_000_000 + 50_000 * j)}}"#
                )
            }
        }
        let labels = (1...20).map { "tender:2026-R\($0)\t\($0 % 2)" }.joined(separator: "\n") + "\n"
        return (lines.joined(separator: "\n") + "\n", labels)
    }

    @Test("a pack that reads the bidders' histories: calibrate writes its window, audit and evaluate judge the market alike")
    func history() throws {
        let scratch = try prepared()
        let (log, labels) = Self.ringLog()
        #expect(scratch.run(["ingest", "--db", "ring.db"], stdin: log).status == 0)
        _ = try scratch.write("ring.tsv", labels)
        let calibrated = scratch.run([
            "screens", "calibrate", "--db", "ring.db", "--labels", "ring.tsv", "--out", "ring.json", "--model", "logistic",
            "--features", "hist.pairs", "--history-days", "30",
        ])
        #expect(calibrated.status == 0, "\(calibrated.stderr)")
        let pack = try String(contentsOfFile: scratch.path + "/ring.json", encoding: .utf8)
        #expect(pack.contains("\"history_days\": 30,"))
        // The ring's first tender has no history yet: the other nine are flagged.
        let ring = (3...19).filter { $0 % 2 == 1 }.map { "tender:2026-R\($0)" }
        let audit = scratch.run(["audit", "--db", "ring.db", "--rules", "ring.json", "--as-of", "2026-12-01", "--format", "json"])
        #expect(audit.status == 0, "\(audit.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(audit.stdout.utf8)) as? [String: Any])
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.map { $0["subject"] as? String ?? "" }.sorted() == ring.sorted())
        let evaluated = scratch.run(["screens", "evaluate", "--db", "ring.db", "--labels", "ring.tsv", "--rules", "ring.json", "--format", "json"])
        #expect(
            evaluated.stdout.contains(#""confusion":{"true_positives":9,"false_positives":0,"true_negatives":10,"false_negatives":1}"#),
            "\(evaluated.stdout)")
        let shown = scratch.run(["screens", "show", "tender:2026-R5", "--db", "ring.db", "--rules", "ring.json", "--format", "json"])
        let screens = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
        #expect((screens["screens"] as? [String: Any])?["hist.pairs"] as? Double == 1)
        #expect(screens["flagged"] as? Bool == true)
    }

    @Test("show: the bids, every screen, and with a pack the score and contributions")
    func show() throws {
        let scratch = try prepared()
        // T1: 1,010,000 × (1, 1.004, 1.008, 1.012, 1.016); estimate 1,060,500.
        let plain = scratch.run(["screens", "show", "tender:2026-T1"])
        #expect(plain.status == 0, "\(plain.stderr)")
        let lines = plain.stdout.split(separator: "\n").map(String.init)
        #expect(lines[0] == "tender:2026-T1: 5 competing bids, estimate 1060500")
        #expect(lines[1] == "bids: 1010000 1014040 1018080 1022120 1026160")
        #expect(lines.contains("spd                spread                                           0.016"))
        #expect(lines.contains("ties               share of identical bids                              0"))
        #expect(lines.contains("low.ref            lowest bid / estimate                           0.9524"))
        #expect(lines.count == 2 + 1 + 44)
        // Without a rule that reads them, the bidders' histories are not computed.
        #expect(lines.last == "hist.winner_share  winner's share of the group's wins                 n/a")
        let json = scratch.run(["screens", "show", "tender:2026-T1", "--format", "json"])
        #expect(json.stdout.hasPrefix(#"{"subject":"tender:2026-T1","bids":[{"seq":2,"bidder":"org:0","amount":1010000.0},"#))
        #expect(json.stdout.contains(#""spd":0.016,"#))

        #expect(
            scratch.run(["screens", "calibrate", "--labels", "labels.tsv", "--out", "pack.json", "--model", "logistic", "--features", "cv"])
                .status == 0)
        let scored = scratch.run(["screens", "show", "tender:2026-T1", "--rules", "pack.json", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(scored.stdout.utf8)) as? [String: Any])
        #expect(object["flagged"] as? Bool == true)
        #expect(object["rule"] as? String == "screens.price_screens")
        #expect((object["contributions"] as? [String: Double])?.keys.sorted() == ["cv"])
        let missing = scratch.run(["screens", "show", "tender:2026-T77"])
        #expect(missing.status == 65)
        #expect(missing.stderr == "error: no tender events for subject tender:2026-T77\n")
    }

    @Test("a bad label file: exit 65 and the line at fault, nothing written")
    func badLabels() throws {
        let scratch = try prepared()
        _ = try scratch.write("bad.tsv", "tender:2026-T1\t1\ntender:2026-T2\t2\n")
        let result = scratch.run(["screens", "calibrate", "--labels", "bad.tsv", "--out", "pack.json"])
        #expect(result.status == 65)
        #expect(result.stderr == "error: labels: bad.tsv:2: the label must be 0 (competitive) or 1 (collusive)\n")
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/pack.json"))
        _ = try scratch.write("one-class.tsv", "tender:2026-T1\t1\ntender:2026-T3\t1\n")
        let oneClass = scratch.run(["screens", "calibrate", "--labels", "one-class.tsv", "--out", "pack.json"])
        #expect(oneClass.status == 65)
        #expect(
            oneClass.stderr
                == "error: calibrate: calibration needs collusive and competitive tenders with enough bids (2 collusive, 0 competitive)\n")
        let missing = scratch.run(["screens", "calibrate", "--out", "pack.json"])
        #expect(missing.status == 64)
        #expect(missing.stderr.hasPrefix("Error: Missing expected option '--labels <file>'\n"))
        let unknown = scratch.run(["screens", "calibrate", "--labels", "labels.tsv", "--out", "pack.json", "--features", "cv,price"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.hasPrefix("Error: --features: 'price' is not a screen (screens: bids, cv, spd,"))
        let noRule = scratch.run(["screens", "evaluate", "--labels", "labels.tsv", "--rules", "labels.json"])
        #expect(noRule.status == 66)
    }

    @Test("help in the usual layout")
    func help() throws {
        let scratch = try ScratchDirectory()
        let group = scratch.run(["screens", "--help"])
        #expect(
            group.stdout.hasPrefix("OVERVIEW: Price screens of tenders: calibrate a score on known cases, evaluate it, show a tender.\n"))
        #expect(group.stdout.contains("\nSUBCOMMANDS:\n  calibrate"))
        let calibrate = scratch.run(["screens", "calibrate", "--help"])
        #expect(
            calibrate.stdout.contains(
                "\nUSAGE: ironcage screens calibrate [--db <path>] [--labels <file>] [--out <file>] [--min-bids <n>] [--model <auto|logistic|boosted>] [--features <list>] [--no-history] [--history-days <n>] [--l2 <x>] [--rounds <n>] [--folds <k>] [--pack <name>] [--format <text|json>]\n"
            ))
        let both = scratch.run(["screens", "calibrate", "--labels", "l.tsv", "--out", "p.json", "--no-history", "--features", "cv"])
        #expect(both.status == 64)
        #expect(both.stderr.hasPrefix("Error: --no-history and --features: give one of them"))
        let audit = scratch.run(["audit", "--help"])
        #expect(audit.stdout.contains("the packs, else from ./Rules."))
        #expect(scratch.run(["help"]).stdout.contains("\n  screens "))
    }

    /// An excerpt of brazil.csv and switzerland_ticino.csv as released with García Rodríguez
    /// et al. (2022), doi:10.1016/j.autcon.2021.104047 (Brazil tender 2; Ticino tender 113,
    /// whose file repeats bids), through the mappings in Samples/collusion.
    @Test("the sample mappings: one bid.submitted per row, a tender.published per tender, the award from the winning row")
    func sampleMappings() throws {
        let scratch = try ScratchDirectory()
        let brazil = try scratch.write(
            "brazil.csv",
            """
            Tender,Bid,Competitors,Bid_value,Difference Bid/PTE,Date,Site,Brazilian State,Collusive_competitor,Pre-Tender Estimate (PTE),Number_bids,Winner,CV,SPD,DIFFP,RD,KURT,SKEW,KSTEST,Collusive_competitor_original
            2,1,209,93354790.62,-0.06,1276128000,7,1,0,99300956.21,4,1.0,0.0932,0.2373,0.1165,1.1331,-0.6638,-0.8518,0.3639,0
            2,2,181,104231102.75,0.05,1276128000,7,1,0,99300956.21,4,0.0,0.0932,0.2373,0.1165,1.1331,-0.6638,-0.8518,0.3639,0

            """)
        let collusion = samplesDirectory + "/collusion"
        let bids = scratch.run(["import", "csv", brazil, "--map", collusion + "/brazil.map.json"])
        #expect(bids.status == 0, "\(bids.stderr)")
        #expect(
            bids.stdout == """
                {"actor":"bidder:209","at":"2010-06-10T00:00:00+00:00","data":{"amount":93354790.62,"bidder":"209","currency":"BRL"},"dept":"br.collusion","id":"bid-1","subject":"tender:BR-2","type":"bid.submitted"}
                {"actor":"bidder:181","at":"2010-06-10T00:00:00+00:00","data":{"amount":104231102.75,"bidder":"181","currency":"BRL"},"dept":"br.collusion","id":"bid-2","subject":"tender:BR-2","type":"bid.submitted"}

                """)
        let tenders = scratch.run(["import", "csv", brazil, "--map", collusion + "/brazil.tenders.map.json"])
        let published =
            #"{"at":"2010-06-10T00:00:00+00:00","data":{"currency":"BRL","estimate":99300956.21},"dept":"br.collusion","id":"published-2","subject":"tender:BR-2","type":"tender.published"}"#
        #expect(tenders.stdout == published + "\n" + published + "\n")
        // The award comes from the row marked Winner; the other row is skipped, not refused.
        let awards = scratch.run(["import", "csv", brazil, "--map", collusion + "/brazil.awards.map.json"])
        #expect(awards.status == 0, "\(awards.stderr)")
        #expect(
            awards.stdout
                == #"{"at":"2010-06-10T00:00:00+00:00","data":{"amount":93354790.62,"currency":"BRL","winner":"209"},"dept":"br.collusion","id":"award-2","subject":"tender:BR-2","type":"tender.awarded"}"#
                + "\n")
        #expect(awards.stderr == "import csv: 2 rows read: 1 envelope written, 1 skipped (not selected by rows), 0 refused, 0 warnings\n")
        let ingested = scratch.run(["ingest"], stdin: bids.stdout + tenders.stdout + awards.stdout)
        #expect(ingested.stderr.hasPrefix("ingest: 5 lines: 4 accepted, 1 duplicate, 0 conflicts, 0 rejected\n"))

        let ticino = try scratch.write(
            "ticino.csv",
            """
            Bid_value,Collusive_competitor,Consortium,Tender,Date,Winner,Number_bids,CV,SPD,DIFFP,RD,KURT,SKEW,KSTEST
            5895737.6,1.0,0.0,113,917654400,1.0,8,0.0238,0.0594,0.0407,1.8257,-0.6349,-0.9348,0.4348
            6135573.25,1.0,0.0,113,917654400,0.0,8,0.0238,0.0594,0.0407,1.8257,-0.6349,-0.9348,0.4348
            5895737.6,1.0,0.0,113,917654400,1.0,8,0.0238,0.0594,0.0407,1.8257,-0.6349,-0.9348,0.4348

            """)
        let swiss = scratch.run(["import", "csv", ticino, "--map", collusion + "/switzerland_ticino.map.json"])
        #expect(swiss.status == 0, "\(swiss.stderr)")
        // The repeated row stays a bid of its own: its own id and bidder, the row's number.
        #expect(
            swiss.stdout == """
                {"at":"1999-01-30T00:00:00+00:00","data":{"amount":5895737.6,"bidder":"1","currency":"CHF"},"dept":"ch-ti.collusion","id":"bid-1","subject":"tender:CH-113","type":"bid.submitted"}
                {"at":"1999-01-30T00:00:00+00:00","data":{"amount":6135573.25,"bidder":"2","currency":"CHF"},"dept":"ch-ti.collusion","id":"bid-2","subject":"tender:CH-113","type":"bid.submitted"}
                {"at":"1999-01-30T00:00:00+00:00","data":{"amount":5895737.6,"bidder":"3","currency":"CHF"},"dept":"ch-ti.collusion","id":"bid-3","subject":"tender:CH-113","type":"bid.submitted"}

                """)
        _ = try scratch.write("bad-date.csv", "Bid_value,Tender,Date\n100,1,soon\n100,1,99999999999999\n")
        let bad = scratch.run(["import", "csv", "bad-date.csv", "--map", collusion + "/switzerland_ticino.map.json"])
        #expect(bad.status == 65)
        #expect(
            bad.stderr.hasPrefix(
                """
                bad-date.csv:2: row 1: column 'Date': not a date-time in seconds since 1970-01-01T00:00:00Z; row skipped [bad_timestamp]
                bad-date.csv:3: row 2: column 'Date': not a date-time in seconds since 1970-01-01T00:00:00Z; row skipped [bad_timestamp]

                """))
    }
}
