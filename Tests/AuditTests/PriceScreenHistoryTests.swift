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
}
