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
        #expect(first.crossValidated.map(\.candidate) == ["logistic"])
        #expect(first.candidate == "logistic")
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

    /// Tenders whose bids have one shape (the competitive ones' exactly half the collusive
    /// ones', so that every scale-free screen is the same to the last bit) and differ only in
    /// where they sit against the estimate: collusive ones at about 0.97 of it, competitive
    /// ones at about half — a signal no literature screen sees and `mean.ref` shows plainly.
    static func referenceSamples() -> [ScreenCalibration.Sample] {
        var generator = SplitMix(seed: 11)
        return (0..<90).map { index in
            let collusive = index % 3 == 0
            let amounts = [960.0, 980, 1_000, 1_020, 1_040].map { collusive ? $0 : $0 / 2 }
            let reference = 1_000 * (1 + 0.06 * generator.unit())
            return ScreenCalibration.Sample(
                subject: "tender:R\(index)", screens: PriceScreens(amounts: amounts, reference: reference)!, label: collusive)
        }
    }

    @Test func `auto averages the stumps with the better logistic: the selected one when the signal is off the literature's screens`()
        throws
    {
        let samples = Self.referenceSamples()
        let outcome = try ScreenCalibration.calibrate(samples)
        #expect(outcome.crossValidated.map(\.candidate) == ["logistic", "logistic_literature", "boosted_stumps", "blend"])
        let figures = Dictionary(uniqueKeysWithValues: outcome.crossValidated.map { ($0.candidate, $0.balancedAccuracy) })
        // Every bid set has the same shape: the literature's screens are equal on every tender
        // and separate nothing; the selected logistic reads one of the reference screens.
        #expect(figures["logistic_literature"] == 0.5)
        #expect(figures["logistic"] == 1)
        #expect(figures["blend"] == 1)
        #expect(outcome.candidate == "logistic+boosted_stumps")
        #expect(outcome.model.kind == .blend)
        #expect(["low.ref", "mean.ref", "high.ref"].contains(outcome.model.features[0]))
        #expect(outcome.model.weights[0] > 0)
        #expect(outcome.training.balancedAccuracy == 1)
        // The blend is the mean of the two models fitted alone.
        var options = ScreenCalibration.Options()
        options.features = [outcome.model.features[0]]
        let logistic = try ScreenCalibration.fit(samples, kind: .logistic, options: options)
        let stumps = try ScreenCalibration.fit(samples, kind: .boostedStumps, options: ScreenCalibration.Options())
        for sample in samples {
            let blended = outcome.model.score(outcome.model.inputs(sample.screens))
            let mean = (logistic.score(logistic.inputs(sample.screens)) + stumps.score(stumps.inputs(sample.screens))) / 2
            #expect(abs(blended - mean) < 1e-9)
        }
    }

    @Test func `auto averages the stumps with the plain literature logistic when it does better`() throws {
        // Bunched bids (cv) mark the collusive tenders: the literature's own screens.
        let outcome = try ScreenCalibration.calibrate(Self.samples())
        #expect(outcome.crossValidated.map(\.candidate) == ["logistic", "logistic_literature", "boosted_stumps", "blend"])
        let figures = Dictionary(uniqueKeysWithValues: outcome.crossValidated.map { ($0.candidate, $0.balancedAccuracy) })
        let better = (figures["logistic_literature"] ?? 0) > (figures["logistic"] ?? 0) ? "logistic_literature" : "logistic"
        #expect(outcome.candidate == "\(better)+boosted_stumps")
        #expect(outcome.model.kind == .blend)
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
