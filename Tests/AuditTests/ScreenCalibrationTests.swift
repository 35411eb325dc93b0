@testable import Audit
import Testing

/// Calibration: thresholds, folds, the fitted models and their choice.
@Suite struct ScreenCalibrationTests {
    @Test func `the threshold with the best balanced accuracy`() {
        // Scores 1 2 3 4 5 6 with labels 0 0 1 0 1 1: from 2.5 all 3 collusive and 1 of 3
        // competitive are flagged (balanced accuracy 5/6); from 4.5, 2 of 3 and none (5/6);
        // every other threshold does worse. Of the two equals, the middle one in order: 2.5.
        let best = ScreenCalibration.bestThreshold(scores: [1, 2, 3, 4, 5, 6], labels: [false, false, true, false, true, true])
        #expect(best.threshold == 2.5)
        #expect(abs(best.balancedAccuracy - 5.0 / 6) < 1e-12)
        // Perfectly separated: 3.5 (balanced accuracy 1).
        #expect(ScreenCalibration.bestThreshold(scores: [1, 2, 3, 4, 5, 6], labels: [false, false, false, true, true, true]) == (3.5, 1))
        // Ties in score never split.
        #expect(ScreenCalibration.bestThreshold(scores: [1, 1, 2, 2], labels: [false, true, false, true]).balancedAccuracy == 0.5)
    }

    @Test func `folds come from the subject, the same every time`() {
        let subjects = (1...200).map { "tender:T\($0)" }
        let folds = ScreenCalibration.fold(subjects, count: 5)
        #expect(folds == ScreenCalibration.fold(subjects, count: 5))
        #expect(Set(folds) == [0, 1, 2, 3, 4])
        #expect(folds.allSatisfy { (0..<5).contains($0) })
    }

    /// Tenders of six bids: the collusive ones bunched (CV about 1 %), the competitive ones
    /// spread (about 10 %), a few of each on the wrong side.
    static func samples() -> [ScreenCalibration.Sample] {
        var generator = SplitMix(seed: 7)
        return (0..<120).map { index in
            let collusive = index % 3 == 0
            let wrong = index % 17 == 0
            let spread = (collusive != wrong) ? 0.02 : 0.25
            let amounts = (0..<6).map { _ in 1_000 * (1 + spread * generator.unit()) }
            return ScreenCalibration.Sample(
                subject: "tender:S\(index)", screens: PriceScreens(amounts: amounts, reference: 1_100)!, label: collusive)
        }
    }

    @Test func `logistic with forward selection: a sparse model, reproducible`() throws {
        var options = ScreenCalibration.Options()
        options.model = .logistic
        let samples = Self.samples()
        let first = try ScreenCalibration.calibrate(samples, options: options)
        let again = try ScreenCalibration.calibrate(samples, options: options)
        #expect(first.model == again.model)
        #expect(first.model.kind == .logistic)
        #expect(first.model.features.count == 1)
        #expect(
            ["cv", "spd", "loo.min.cv", "loo.max.cv", "loo.min.spd", "loo.max.spd", "low4.cv", "low4.spd"].contains(first.model.features[0])
        )
        // Bunched bids raise the score.
        #expect(first.model.weights[0] < 0)
        #expect(first.samples == 120)
        #expect(first.positives == 40)
        // 7 of the 120 are planted on the wrong side.
        #expect(first.training.truePositives + first.training.trueNegatives >= 110)
        #expect(first.crossValidated.map(\.kind) == [.logistic])
    }

    @Test func `boosted stumps: centred contributions, merged steps, unused screens dropped`() throws {
        var options = ScreenCalibration.Options()
        options.model = .boosted
        let samples = Self.samples()
        let outcome = try ScreenCalibration.calibrate(samples, options: options)
        let model = outcome.model
        #expect(model.kind == .boostedStumps)
        #expect(model.features.count < PriceScreens.names.count)
        #expect(model.features.indices.allSatisfy { j in model.stumps.contains { $0.feature == j } })
        // One stump per screen and split.
        let splits = model.stumps.map { "\($0.feature) \($0.split)" }
        #expect(Set(splits).count == splits.count)
        // Each screen's contributions average 0 over the samples it was fitted on.
        for j in model.features.indices {
            let mean = samples.map { model.contributions(model.inputs($0.screens))[j] }.reduce(0, +) / Double(samples.count)
            #expect(abs(mean) < 1e-9)
        }
        #expect(outcome.training.balancedAccuracy ?? 0 > 0.9)
    }

    @Test func `calibration needs both classes and known screens`() {
        let samples = Self.samples().filter(\.label)
        #expect(
            throws: ScreenCalibrationError(
                "calibration needs collusive and competitive tenders with enough bids (40 collusive, 0 competitive)")
        ) {
            try ScreenCalibration.calibrate(samples)
        }
        var options = ScreenCalibration.Options()
        options.features = ["cv", "volume"]
        #expect(throws: ScreenCalibrationError("'volume' is not a screen (screens: \(PriceScreens.names.joined(separator: ", ")))")) {
            try ScreenCalibration.calibrate(Self.samples(), options: options)
        }
    }
}

/// A small deterministic generator (SplitMix64, Steele, Lea & Flood 2014) for test data.
struct SplitMix {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
