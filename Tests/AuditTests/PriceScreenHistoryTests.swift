@testable import Audit
import EventLog
import Foundation
import Testing

/// A price-screen rule that reads the bidders' histories: it judges the whole market at
/// once, an audit that reads the log in pieces finds what a rebuild finds, and
/// `ScreenEvaluation` judges each tender as the audit does.
@Suite struct PriceScreenHistoryTests {
    /// Flagged when at least half of a tender's pairs of bidders bid together before:
    /// score 2 × (hist.pairs − 0.5) / 0.5, threshold 0.
    static let params =
        #"{"mode": "screens", "model": {"kind": "logistic", "features": ["hist.pairs"], "means": [0.5], "scales": [0.5], "weights": [2], "intercept": 0, "threshold": 0}}"#

    /// A tender on day `day` of October 2026 with a notice and one bid per firm.
    static func tender(_ id: String, day: String, _ firms: [String]) -> [String] {
        let at = "2026-10-\(day)T09:00:00+08:00"
        let notice =
            #"{"id":"\#(id)-N","type":"tender.published","at":"\#(at)","dept":"gy.ggzy","subject":"tender:\#(id)","data":{"estimate":1000,"currency":"CNY"}}"#
        let bids = firms.enumerated().map { offset, firm in
            #"{"id":"\#(id)-\#(firm)","type":"bid.submitted","at":"2026-10-\#(day)T10:0\#(offset):00+08:00","dept":"gy.ggzy","actor":"org:\#(firm)","subject":"tender:\#(id)","data":{"bidder":"org:\#(firm)","amount":\#(900 + 10 * offset),"currency":"CNY"}}"#
        }
        return [notice] + bids
    }

    /// H1 and H2 share their four bidders (H2: every pair met, flagged); H3's bidders meet
    /// for the first time — unless H5, two days earlier but logged last, brought them
    /// together; H4 meets three of its six pairs in H3 (flagged at the threshold).
    static let chunks = [
        tender("H1", day: "01", ["A", "B", "C", "D"]) + tender("H2", day: "02", ["A", "B", "C", "D"]),
        tender("H3", day: "05", ["A", "E", "F", "G"]) + tender("H4", day: "06", ["E", "F", "G", "H"]),
        tender("H5", day: "03", ["A", "E", "F", "G"]),
    ]

    static let asOf = instant("2026-11-21T00:00:00+08:00")

    func rules(in log: ScratchLog) throws -> RuleSet {
        try CollusionRuleTests.rules([Self.params], in: log.directory)
    }

    func flagged(_ result: AuditResult) -> [String] {
        result.findings.map { "\($0.finding.subject) \($0.finding.details["screen.hist.pairs"] ?? "?")" }.sorted()
    }

    @Test func `the rule reads the market under one key, judged at the end of a catch-up`() throws {
        let evaluator = try PriceScreenEvaluator(rule: PriceScreenEvaluatorTests.rule(Self.params))
        #expect(evaluator.readsHistory)
        #expect(evaluator.judgesAtEndOfCatchUp)
        let prices = try PriceScreenEvaluator(rule: PriceScreenEvaluatorTests.rule(#"{"mode":"screens","thresholds":{"cv":{"below":0.1}}}"#))
        #expect(!prices.readsHistory)
        let byThreshold = try PriceScreenEvaluator(
            rule: PriceScreenEvaluatorTests.rule(#"{"mode":"screens","thresholds":{"hist.known":{"above":0.9}}}"#))
        #expect(byThreshold.readsHistory)
        #expect(byThreshold.historyDays == nil)
        let windowed = try PriceScreenEvaluator(
            rule: PriceScreenEvaluatorTests.rule(#"{"mode":"screens","history_days":365,"thresholds":{"hist.known":{"above":0.9}}}"#))
        #expect(windowed.historyDays == 365)
        #expect(throws: RuleError.self) {
            try PriceScreenEvaluator(rule: PriceScreenEvaluatorTests.rule(#"{"mode":"screens","history_days":0,"model":{}}"#))
        }
    }

    @Test func `a pack written with a window keeps it when the model reads a history screen`() throws {
        let model = ScreenModel.logistic(features: ["hist.pairs"], means: [0.5], scales: [0.5], weights: [2], intercept: 0, threshold: 0)
        let text = ScreenCalibration.pack(name: "t", model: model, minimumBids: 4, about: "test", historyDays: 90)
        let rules = try RulePackParser.parse(Array(text.utf8), file: "t.json")
        let evaluator = try PriceScreenEvaluator(rule: try #require(rules.first))
        #expect(evaluator.historyDays == 90)
        #expect(evaluator.readsHistory)
        let prices = ScreenModel.logistic(features: ["cv"], means: [0.1], scales: [0.05], weights: [-1], intercept: 0, threshold: 0)
        #expect(!ScreenCalibration.pack(name: "t", model: prices, minimumBids: 4, about: "test", historyDays: 90).contains("history_days"))
    }

    @Test func `fed in pieces with an audit after each, the findings end as one audit's and a rebuild's`() throws {
        let whole = try ScratchLog()
        try whole.ingest(text: Self.chunks.joined().joined(separator: "\n") + "\n")
        let expected = try whole.engine(rules(in: whole)).audit(asOf: Self.asOf)
        #expect(flagged(expected) == ["tender:H2 1", "tender:H3 1", "tender:H4 0.5"])

        let log = try ScratchLog()
        let engine = try log.engine(rules(in: log))
        engine.flushEvery = 3
        var seen: [[String]] = []
        for chunk in Self.chunks {
            try log.ingest(text: chunk.joined(separator: "\n") + "\n")
            seen.append(flagged(try engine.audit(asOf: Self.asOf)))
            #expect(try engine.projection.staleKeys().isEmpty)
        }
        // Before H5 was logged, H3's bidders had never met.
        #expect(seen == [["tender:H2 1"], ["tender:H2 1", "tender:H4 0.5"], ["tender:H2 1", "tender:H3 1", "tender:H4 0.5"]])
        let chunked = try engine.audit(asOf: Self.asOf)
        #expect(chunked.findings.map(\.finding) == expected.findings.map(\.finding))
        #expect(try engine.rebuild() == Self.chunks.joined().count)
        #expect(try engine.audit(asOf: Self.asOf).findings.map(\.finding) == expected.findings.map(\.finding))

        // The finding explains itself in both languages with the history screen.
        let h3 = try #require(expected.findings.first { $0.finding.subject == "tender:H3" })
        #expect(h3.finding.details["contribution.hist.pairs"] == "+2")
        #expect(h3.finding.details["screen.hist.known"] == "1")
        #expect(
            AuditedFinding.screensMessage(h3.finding.details).en
                == "bid price screens score 2, at or above the threshold 0 (4 bids); chiefly share of pairs that bid together before hist.pairs=1 (+2)"
        )
        #expect(
            AuditedFinding.screensMessage(h3.finding.details).zh
                == "投标报价筛查得分 2，达到阈值 0（4 个报价）；主要因素：曾同场投标的企业对占比 hist.pairs=1（+2）")

        // `screens evaluate` judges each tender as the audit did.
        let labels = try ScreenLabels.parse(
            Array("tender:H1\t0\ntender:H2\t1\ntender:H3\t1\ntender:H4\t0\ntender:H5\t0\n".utf8), file: "labels.tsv")
        let rule = try PriceScreenEvaluator(rule: PriceScreenEvaluatorTests.rule(Self.params))
        let evaluation = ScreenEvaluation(rule: rule, labels: labels, tenders: try ScreenCalibration.tenders(in: whole.store))
        #expect(evaluation.confusion.truePositives == 2)
        #expect(evaluation.confusion.falsePositives == 1)
        #expect(evaluation.confusion.trueNegatives == 2)
        #expect(evaluation.confusion.falseNegatives == 0)
    }

    /// One event of tender `id` at `at` (`type`, `data`).
    static func event(_ id: String, _ name: String, _ type: String, at: String, data: String) -> String {
        #"{"id":"\#(id)-\#(name)","type":"\#(type)","at":"\#(at)","dept":"gy.ggzy","subject":"tender:\#(id)","data":\#(data)}"#
    }

    @Test func `audits after each new tender judge it alone from the market's tally and find what a rebuild finds`() throws {
        // Each step is one audit: whether the new tenders were judged from the tally alone.
        let steps: [(events: [String], tallied: Bool)] = [
            (Self.tender("H1", day: "01", ["A", "B", "C", "D"]) + Self.tender("H2", day: "02", ["A", "B", "C", "D"]), false),
            // Later than every tender judged: judged alone.
            (Self.tender("H3", day: "05", ["A", "E", "F", "G"]), true),
            // H4 meets three of its pairs in H3, a tender only the tally holds.
            (Self.tender("H4", day: "06", ["E", "F", "G", "H"]), true),
            // A contract for a tender judged: changes no finding.
            (
                [
                    Self.event(
                        "H2", "contract", "contract.signed", at: "2026-10-09T09:00:00+08:00", data: #"{"supplier":"org:A","amount":930}"#)
                ],
                true
            ),
            // Earlier than H3 and H4 and bringing H3's bidders together: the market again.
            (Self.tender("H5", day: "03", ["A", "E", "F", "G"]), false),
            // Same day as H4 (a start equal to the latest): alone again.
            (Self.tender("H6", day: "06", ["A", "B", "E", "F"]), true),
            // A late bid for H6, a tender judged: the market again.
            (
                [
                    Self.event(
                        "H6", "late", "bid.submitted", at: "2026-10-06T11:00:00+08:00",
                        data: #"{"bidder":"org:X","amount":990,"currency":"CNY"}"#)
                ], false
            ),
            // Two new tenders at once, the second seeing the first: alone.
            (Self.tender("H7", day: "08", ["A", "B", "E", "F"]) + Self.tender("H8", day: "09", ["A", "B", "E", "F"]), true),
        ]
        let log = try ScratchLog()
        let engine = try log.engine(rules(in: log))
        var logged: [String] = []
        var flags: [[String]] = []
        for step in steps {
            try log.ingest(text: step.events.joined(separator: "\n") + "\n")
            logged += step.events
            let result = try engine.audit(asOf: Self.asOf)
            #expect(engine.talliedKeys == (step.tallied ? 1 : 0))
            #expect(try engine.projection.staleKeys().isEmpty)
            let whole = try ScratchLog()
            try whole.ingest(text: logged.joined(separator: "\n") + "\n")
            let rebuilt = try whole.engine(rules(in: whole)).audit(asOf: Self.asOf)
            #expect(result.findings.map(\.finding) == rebuilt.findings.map(\.finding))
            flags.append(flagged(result))
        }
        #expect(
            flags == [
                ["tender:H2 1"], ["tender:H2 1"], ["tender:H2 1", "tender:H4 0.5"], ["tender:H2 1", "tender:H4 0.5"],
                // H6 (day 6) meets 4 of its 6 pairs before it (AB in H1, AE AF EF in H5 and H3;
                // not H4, which closes after H6 starts); with X's late bid 4 of 10: no longer flagged.
                ["tender:H2 1", "tender:H3 1", "tender:H4 0.5"], ["tender:H2 1", "tender:H3 1", "tender:H4 0.5", "tender:H6 0.6667"],
                ["tender:H2 1", "tender:H3 1", "tender:H4 0.5"],
                ["tender:H2 1", "tender:H3 1", "tender:H4 0.5", "tender:H7 1", "tender:H8 1"],
            ])
    }

    @Test func `the market's tally reads back as written`() throws {
        var tally = MarketHistoryTally()
        tally.entries = [
            BidderHistory.Entry(
                subject: "tender:T1", start: instant("2026-10-01T09:00:00+08:00"), close: instant("2026-10-01T10:03:00+08:00"),
                bidders: ["org:A", "org:B", "org:A"], winner: "org:B"),
            BidderHistory.Entry(
                subject: "tender:T2", start: instant("2026-10-02T09:00:00+08:00"), close: instant("2026-10-01T09:00:00+08:00"),
                bidders: ["org:C", "org:B"], winner: nil),
        ]
        tally.unplaced = ["tender:T0"]
        tally.lastSeq = 42
        let bytes = tally.encoded()
        let read = bytes.withUnsafeBytes { MarketHistoryTally(encoded: $0) }
        #expect(read == tally)
        #expect(read?.entries[1].close == instant("2026-10-02T09:00:00+08:00"))
        #expect(read?.latestStart == instant("2026-10-02T09:00:00+08:00"))
        #expect(Array(bytes.prefix(2)) == [84, 6])  // zigzag: seq 42, then three firms
        #expect(bytes.dropLast().withUnsafeBytes { MarketHistoryTally(encoded: $0) } == nil)
    }

    @Test func `the tally's entries are those of the folded tenders, withdrawals, openings and nameless bids included`() throws {
        var seq: Int64 = 0
        func fact(_ subject: String, _ role: Tender.Role, _ minute: Int, _ values: [String] = []) -> Fact {
            seq += 1
            let at = Instant(millisecondsSinceEpoch: 1_790_000_000_000 + Int64(minute) * 60_000)
            return Fact(
                seq: seq, role: role.rawValue, at: at, recorded: at, dept: "gy.ggzy", actor: nil, subject: subject, id: "e\(seq)",
                values: values)
        }
        let facts = [
            // A notice, three bids, B's second bid after the opening (ignored), an award.
            fact("tender:A", .published, 0), fact("tender:A", .bid, 10, ["org:A", "100"]), fact("tender:A", .bid, 11, ["org:B", "101"]),
            fact("tender:A", .opened, 20), fact("tender:A", .bid, 30, ["org:B", "99"]), fact("tender:A", .bid, 31, ["org:C", "98"]),
            fact("tender:A", .awarded, 40, ["org:A", "100"]),
            // No notice: starts at its first bid; C withdraws; two nameless bids count each; the
            // later bid of D replaces its first.
            fact("tender:B", .bid, 5, ["org:C", "50"]), fact("tender:B", .bid, 6, ["", "51"]), fact("tender:B", .bid, 7, ["", "52"]),
            fact("tender:B", .bid, 8, ["org:D", "53"]), fact("tender:B", .bid, 9, ["org:D", "54"]),
            fact("tender:B", .withdrawn, 12, ["org:C"]), fact("tender:B", .deposit, 13, ["org:D", "acct", "1"]),
            // An award and a contract alone: no entry.
            fact("tender:C", .awarded, 50, ["org:A"]), fact("tender:C", .contractSigned, 51, ["org:A", "9"]),
            // A nameless withdrawal takes every nameless bid out.
            fact("tender:D", .published, 60), fact("tender:D", .bid, 61, ["", "1"]), fact("tender:D", .bid, 62, ["org:E", "2"]),
            fact("tender:D", .withdrawn, 63, [""]),
        ].sorted(by: Fact.chronological)
        let (entries, unplaced) = PriceScreenEvaluator.historyEntries(facts)
        let folded = Dictionary(grouping: facts, by: \.subject).sorted { $0.key < $1.key }.compactMap { subject, facts in
            PriceScreenEvaluator.historyEntry(Tender(subject: subject, facts: facts, traces: false))
        }
        #expect(entries.sorted { $0.subject < $1.subject } == folded)
        #expect(unplaced == ["tender:C"])
        #expect(entries.first { $0.subject == "tender:A" }?.bidders == ["org:A", "org:B", "org:C"])
        #expect(entries.first { $0.subject == "tender:A" }?.close == Instant(millisecondsSinceEpoch: 1_790_000_000_000 + 40 * 60_000))
        #expect(entries.first { $0.subject == "tender:B" }?.bidders == ["org:D"])
        #expect(entries.first { $0.subject == "tender:B" }?.close == Instant(millisecondsSinceEpoch: 1_790_000_000_000 + 9 * 60_000))
        #expect(entries.first { $0.subject == "tender:D" }?.close == Instant(millisecondsSinceEpoch: 1_790_000_000_000 + 62 * 60_000))
    }
}
