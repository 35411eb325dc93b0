@testable import Audit
import EventLog
import Testing

/// The score's three forms: contributions that add up, and their JSON in a pack.
@Suite struct ScreenModelTests {
    static let logistic = ScreenModel.logistic(
        features: ["cv", "diffp", "low.ref"], means: [0.1, 0.05, 0.9], scales: [0.05, 0.02, 0.1], weights: [-2, 1, 0.5],
        intercept: -0.5, threshold: 0.25)
    static let stumps = ScreenModel.boostedStumps(
        features: ["cv", "bids"],
        stumps: [
            .init(feature: 0, split: 0.05, atOrBelow: 0.8, above: -0.2, missing: 0),
            .init(feature: 0, split: 0.1, atOrBelow: 0.1, above: -0.3, missing: 0),
            .init(feature: 1, split: 11.5, atOrBelow: -0.1, above: 0.4, missing: 0.05),
        ], intercept: -1, threshold: 0)

    @Test func `logistic: weight times the standardised value; a missing screen adds nothing`() {
        // cv 0.04: −2 × (0.04 − 0.1)/0.05 = 2.4; diffp 0.09: (0.09 − 0.05)/0.02 = 2; low.ref absent: 0.
        let contributions = Self.logistic.contributions([0.04, 0.09, nil])
        #expect(abs(contributions[0] - 2.4) < 1e-12)
        #expect(abs(contributions[1] - 2) < 1e-12)
        #expect(contributions[2] == 0)
        #expect(abs(Self.logistic.score([0.04, 0.09, nil]) - 3.9) < 1e-12)
        #expect(abs(ScreenModel.probability(0) - 0.5) < 1e-15)
    }

    @Test func `stumps: each screen's steps add up; a missing screen takes its own value`() {
        // cv 0.07: above 0.05 (−0.2), at or below 0.1 (+0.1); bids absent: 0.05.
        #expect(Self.stumps.contributions([0.07, nil]).map { ($0 * 1e9).rounded() / 1e9 } == [-0.1, 0.05])
        #expect(Self.stumps.contributions([0.05, 12]).map { ($0 * 1e9).rounded() / 1e9 } == [0.9, 0.4])
        #expect(abs(Self.stumps.score([0.05, 12]) - 0.3) < 1e-12)
    }

    @Test func `blend: half of each model, over the screens either reads`() throws {
        let blend = ScreenModel.blend(Self.logistic, Self.stumps, threshold: 0.5)
        #expect(blend.kind == .blend)
        #expect(blend.features == ["cv", "diffp", "low.ref", "bids"])
        #expect(blend.weights == [-1, 0.5, 0.25, 0])
        #expect(blend.means == [0.1, 0.05, 0.9, 0])
        #expect(blend.scales == [0.05, 0.02, 0.1, 1])
        #expect(blend.stumps.map(\.feature) == [0, 0, 3])
        #expect(blend.intercept == -0.75)
        // cv 0.04: logistic 2.4, stumps 0.8 + 0.1 = 0.9 → (2.4 + 0.9)/2 = 1.65; diffp 0.09: 2/2 = 1;
        // low.ref absent: 0; bids 12: 0.4/2 = 0.2. Score −0.75 + 2.85 = 2.1, the mean of 3.9 and 0.3.
        let contributions = blend.contributions([0.04, 0.09, nil, 12])
        #expect(contributions.map { ($0 * 1e9).rounded() / 1e9 } == [1.65, 1, 0, 0.2])
        #expect(abs(blend.score([0.04, 0.09, nil, 12]) - (3.9 + Self.stumps.score([0.04, 12])) / 2) < 1e-12)
        #expect(try Self.reread(blend) == blend)
    }

    /// Reads a model back the way a pack holds it.
    static func reread(_ model: ScreenModel) throws -> ScreenModel? {
        let text = ScreenCalibration.pack(name: "t", model: model, minimumBids: 5, about: "a \"test\" pack")
        let rules = try RulePackParser.parse(Array(text.utf8), file: "t.json")
        #expect(rules.map(\.id) == ["t.price_screens"])
        #expect(rules.first?.kind == "collusion")
        #expect(rules.first?.level == .yellow)
        let evaluator = try PriceScreenEvaluator(rule: try #require(rules.first))
        #expect(evaluator.minimumBids == 5)
        return evaluator.model
    }

    @Test func `a pack holds the model exactly`() throws {
        #expect(try Self.reread(Self.logistic) == Self.logistic)
        #expect(try Self.reread(Self.stumps) == Self.stumps)
        let awkward = ScreenModel.logistic(
            features: ["kurt"], means: [1e-17], scales: [0.1 + 0.2], weights: [-123456789.125], intercept: Double.leastNonzeroMagnitude,
            threshold: -0.0)
        #expect(try Self.reread(awkward) == awkward)
    }

    @Test func `the pack's text`() {
        let model = ScreenModel.logistic(features: ["cv"], means: [0.1], scales: [0.05], weights: [-2], intercept: 0.5, threshold: 1)
        #expect(
            model.json(indent: 0) == """
                {
                  "kind": "logistic",
                  "features": ["cv"],
                  "means": [0.1],
                  "scales": [0.05],
                  "weights": [-2.0],
                  "intercept": 0.5,
                  "threshold": 1.0
                }
                """)
    }
}
