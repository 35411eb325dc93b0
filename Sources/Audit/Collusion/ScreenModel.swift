#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A calibrated tender score: the log-odds that a tender's bids were rigged, as an
/// intercept plus one contribution per screen, so that an inspector sees which screens
/// raised the score and by how much.
///
/// Three forms, all additive in the screens:
///
/// - `logistic`: logistic regression on standardised screens. A screen contributes
///   `weight × (value − mean) / scale`; a missing screen contributes 0 (the average).
/// - `boosted_stumps`: gradient-boosted decision stumps (one split each). A screen
///   contributes the sum of its stumps' values: a step function of that screen alone,
///   with its own value for a missing screen. Stumps never combine two screens, so the
///   contributions add up to the score exactly, as the logistic's do.
/// - `blend`: the average of a logistic and a boosted-stumps model fitted to the same
///   tenders — each screen contributes half its logistic term plus half its stumps — which
///   `ironcage screens calibrate` writes by default: averaging two models whose
///   cross-validated figures differ by less than their noise errs less than choosing
///   either (Hastie, Tibshirani & Friedman, *The Elements of Statistical Learning*, 2nd ed.,
///   §8.8, model averaging). A screen only one of the two reads has weight 0, or no stumps.
///
/// Contributions are centred on the tenders the model was calibrated on: a screen at its
/// usual value contributes about 0. A tender is flagged when its score reaches
/// `threshold`.
///
/// In a pack, under a `collusion` rule's `params.model`:
///
/// ```json
/// {"kind": "logistic", "features": ["cv", "diffp"], "means": [0.08, 0.03], "scales": [0.05, 0.04],
///  "weights": [-1.2, 0.4], "intercept": -0.3, "threshold": 0.1}
/// {"kind": "boosted_stumps", "features": ["cv"], "intercept": -0.2, "threshold": 0.05,
///  "stumps": [{"feature": "cv", "split": 0.031, "at_or_below": 0.42, "above": -0.11, "missing": 0}]}
/// ```
public struct ScreenModel: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case logistic
        case boostedStumps = "boosted_stumps"
        case blend
    }

    /// One split on one screen.
    public struct Stump: Sendable, Equatable {
        /// The position of the screen in `features`.
        public var feature: Int
        public var split: Double
        /// What it adds when the screen is at most `split`, above it, or missing.
        public var atOrBelow: Double
        public var above: Double
        public var missing: Double

        public init(feature: Int, split: Double, atOrBelow: Double, above: Double, missing: Double) {
            self.feature = feature
            self.split = split
            self.atOrBelow = atOrBelow
            self.above = above
            self.missing = missing
        }

        func value(_ input: Double?) -> Double {
            guard let input else { return missing }
            return input <= split ? atOrBelow : above
        }
    }

    public var kind: Kind
    /// The screens the model reads (names of `PriceScreens.names`).
    public var features: [String]
    /// Logistic and blend: each feature's standardisation and weight.
    public var means: [Double] = []
    public var scales: [Double] = []
    public var weights: [Double] = []
    /// Boosted stumps and blend.
    public var stumps: [Stump] = []
    public var intercept: Double
    /// The score from which a tender is flagged.
    public var threshold: Double

    /// A logistic model.
    public static func logistic(
        features: [String], means: [Double], scales: [Double], weights: [Double], intercept: Double, threshold: Double
    ) -> ScreenModel {
        precondition(means.count == features.count && scales.count == features.count && weights.count == features.count)
        return ScreenModel(
            kind: .logistic, features: features, means: means, scales: scales, weights: weights, intercept: intercept,
            threshold: threshold)
    }

    /// A boosted-stumps model.
    public static func boostedStumps(features: [String], stumps: [Stump], intercept: Double, threshold: Double) -> ScreenModel {
        precondition(stumps.allSatisfy { features.indices.contains($0.feature) })
        return ScreenModel(kind: .boostedStumps, features: features, stumps: stumps, intercept: intercept, threshold: threshold)
    }

    /// The average of a logistic model and a boosted-stumps model (`Kind.blend`), over the
    /// screens either reads (those of `logistic` first); its threshold is `threshold`.
    public static func blend(_ logistic: ScreenModel, _ boosted: ScreenModel, threshold: Double) -> ScreenModel {
        precondition(logistic.kind == .logistic && boosted.kind == .boostedStumps)
        let features = logistic.features + boosted.features.filter { !logistic.features.contains($0) }
        var means = logistic.means
        var scales = logistic.scales
        var weights = logistic.weights.map { $0 / 2 }
        for _ in logistic.features.count..<features.count {
            means.append(0)
            scales.append(1)
            weights.append(0)
        }
        let stumps = boosted.stumps.map { stump in
            Stump(
                feature: features.firstIndex(of: boosted.features[stump.feature]) ?? 0, split: stump.split,
                atOrBelow: stump.atOrBelow / 2, above: stump.above / 2, missing: stump.missing / 2)
        }
        return ScreenModel(
            kind: .blend, features: features, means: means, scales: scales, weights: weights, stumps: stumps,
            intercept: (logistic.intercept + boosted.intercept) / 2, threshold: threshold)
    }

    /// The model's inputs from a tender's screens, in the order of `features`.
    public func inputs(_ screens: PriceScreens) -> [Double?] {
        features.map { screens[$0] }
    }

    /// Each feature's contribution to the score, in the order of `features`.
    public func contributions(_ inputs: [Double?]) -> [Double] {
        precondition(inputs.count == features.count)
        var sums = [Double](repeating: 0, count: features.count)
        if kind != .boostedStumps {
            for index in inputs.indices {
                guard let value = inputs[index] else { continue }
                sums[index] = weights[index] * (value - means[index]) / scales[index]
            }
        }
        if kind != .logistic {
            for stump in stumps { sums[stump.feature] += stump.value(inputs[stump.feature]) }
        }
        return sums
    }

    /// The score: the intercept plus every contribution.
    public func score(_ inputs: [Double?]) -> Double {
        contributions(inputs).reduce(intercept, +)
    }

    /// The logistic function of a score: the probability it stands for, under the class
    /// balance the model was calibrated with.
    public static func probability(_ score: Double) -> Double {
        1 / (1 + exp(-score))
    }
}
