import EventLog

/// Fits a tender score (`ScreenModel`) to tenders whose outcome is known — closed cases a
/// jurisdiction has judged collusive or competitive — and chooses its threshold.
///
/// 1. Each sample's screens are the model's features; the classes are weighted to count
///    equally (a collusive tender weighs n / (2 × positives), a competitive one
///    n / (2 × negatives)), so that a rare class is not ignored.
/// 2. `logistic`: `LogisticRegression` on screens standardised by their mean and
///    (population) standard deviation over the samples; a missing screen is the mean.
///    Unless the features are given, the screens are chosen by forward selection: starting
///    from none, add the screen whose model has the best cross-validated balanced accuracy,
///    while that gains 0.02 or more, up to eight — on a few dozen cases a model of one to
///    four screens predicts better than one of all 35, and says more plainly why. Each
///    screen must earn its place by 0.02 of balanced accuracy, the same margin as the
///    choice between models below.
///    `boosted`: `ScreenBoosting` on every screen given; screens no stump uses are dropped.
///    `auto` fits three candidates — that selected logistic regression, the plain logistic
///    regression on the literature's seven screens (`PriceScreens.literatureNames`, unless
///    the screens are given), the boosted stumps — and writes the average (`ScreenModel.blend`)
///    of the boosted stumps and the logistic regression with the better cross-validated
///    balanced accuracy. Choosing one model by cross-validation on a few dozen cases picks
///    noise: in Ticino, with 16 to 22 competitive tenders to learn from, the stumps beat
///    both logistic regressions in cross-validation by 0.04–0.08 in both halves and lost to
///    them by the same on the other half. Measured on the other half, the average came
///    within 0.02 of the best single candidate in each of the six halves of the three
///    markets with the histories (README, real data), above it in two; on Japan's
///    pre-inspection tenders, price screens alone, it lost 0.017–0.026 to the single
///    logistic regression `auto` chose before.
/// 3. The threshold maximises the balanced accuracy of the out-of-fold scores (each
///    sample scored by a model of the chosen screens fitted without its fold; for the
///    blend, the average of its two models' out-of-fold scores), the middle one when
///    several tie. The estimates that choose between models are out-of-fold too,
///    screen selection included (nested). Folds are fixed by a hash of the subject, so a
///    calibration is reproducible.
/// 4. Contributions are centred: each screen's mean contribution over the samples moves
///    into the intercept, so a screen at its usual value contributes about 0.
public enum ScreenCalibration {
    /// Which model to fit.
    public enum ModelChoice: String, Sendable, CaseIterable {
        case auto, logistic, boosted
    }

    public struct Options: Sendable {
        /// The screens the model may read (default: all of `PriceScreens.names`).
        public var features = PriceScreens.names
        /// Whether the logistic regression chooses among `features` by forward selection
        /// (else it reads them all).
        public var selectsFeatures = true
        /// The most screens forward selection keeps.
        public var maximumSelected = 8
        public var model = ModelChoice.auto
        /// λ of the logistic regression.
        public var l2 = 1.0
        /// Rounds and learning rate of the boosted stumps.
        public var rounds = 100
        public var learningRate = 0.1
        public var minimumLeaf = 5
        /// The folds of the cross-validation.
        public var folds = 5

        public init() {}
    }

    /// A labelled tender.
    public struct Sample: Sendable {
        public var subject: String
        public var screens: PriceScreens
        /// Whether the tender was collusive.
        public var label: Bool

        public init(subject: String, screens: PriceScreens, label: Bool) {
            self.subject = subject
            self.screens = screens
            self.label = label
        }
    }

    /// A model the calibration fits.
    struct Candidate {
        var name: String
        var kind: ScreenModel.Kind
        var options: Options
        /// Whether its screens are chosen by forward selection among `options.features`.
        var selecting: Bool
    }

    /// How a candidate did in cross-validation.
    struct CrossValidation {
        var candidate: String
        var kind: ScreenModel.Kind
        /// Out-of-fold balanced accuracy of `estimate` at its best threshold.
        var balancedAccuracy: Double
        /// Out-of-fold scores of the model as fitted (its screens fixed): they place the threshold.
        var scores: [Double]
        /// Out-of-fold scores with the screens selected within each fold: they measure it.
        var estimate: [Double]
        /// The options it is fitted with (its screens).
        var options: Options
    }

    /// A fitted model and how well it did.
    public struct Outcome: Sendable {
        public var model: ScreenModel
        /// The model written: `logistic+boosted_stumps`, `logistic_literature+boosted_stumps` (their
        /// blend), `logistic` or `boosted_stumps`.
        public var candidate: String
        /// Out-of-fold balanced accuracy of each candidate fitted (at its best threshold), and
        /// of their blend.
        public var crossValidated: [(candidate: String, balancedAccuracy: Double)]
        /// The chosen model on its own samples, at its threshold.
        public var training: ScreenConfusion
        public var samples: Int
        public var positives: Int
    }

    /// Calibrates a model on `samples`.
    ///
    /// - Throws: `ScreenCalibrationError` without both classes, with an unknown feature, or
    ///   when the logistic regression fails.
    public static func calibrate(_ samples: [Sample], options requested: Options = Options()) throws -> Outcome {
        let positives = samples.count { $0.label }
        guard positives > 0, positives < samples.count else {
            throw ScreenCalibrationError(
                "calibration needs collusive and competitive tenders with enough bids (\(positives) collusive, \(samples.count - positives) competitive)"
            )
        }
        if let unknown = requested.features.first(where: { PriceScreens.position(of: $0) == nil }) {
            throw ScreenCalibrationError("'\(unknown)' is not a screen (screens: \(PriceScreens.names.joined(separator: ", ")))")
        }
        guard !requested.features.isEmpty else { throw ScreenCalibrationError("no features to fit") }
        var options = requested
        // A screen with one value on every sample (or missing on all) cannot separate them:
        // forward selection would try it at every step for nothing — the nine history screens
        // of a market whose files name no bidders, say. The screens given are kept as given.
        if options.selectsFeatures {
            let informative = options.features.filter { name in
                guard let first = samples.first?.screens[name] else { return samples.contains { $0.screens[name] != nil } }
                return samples.contains { $0.screens[name] != first }
            }
            if !informative.isEmpty { options.features = informative }
        }
        // The candidates: a logistic regression on screens chosen by forward selection (or
        // on the screens given), the plain logistic regression on the literature's seven
        // screens, boosted stumps.
        var candidates: [Candidate] = []
        if options.model != .boosted {
            candidates.append(Candidate(name: "logistic", kind: .logistic, options: options, selecting: options.selectsFeatures))
            if options.model == .auto, options.selectsFeatures, PriceScreens.literatureNames.allSatisfy(requested.features.contains) {
                var plain = options
                plain.features = PriceScreens.literatureNames
                candidates.append(Candidate(name: "logistic_literature", kind: .logistic, options: plain, selecting: false))
            }
        }
        if options.model != .logistic {
            candidates.append(Candidate(name: "boosted_stumps", kind: .boostedStumps, options: options, selecting: false))
        }
        let folds = fold(samples.map(\.subject), count: options.folds)
        let labels = samples.map(\.label)
        var crossValidated: [CrossValidation] = []
        for candidate in candidates {
            var fitting = candidate.options
            if candidate.selecting { fitting.features = try forwardSelection(samples, folds: folds, options: candidate.options) }
            // The threshold comes from out-of-fold scores of the model as it will be (these
            // screens). The estimate that chooses between models lets each fold select its
            // own screens without the fold, so the selection is not rewarded for having seen it.
            let scores = try outOfFoldScores(samples, folds: folds, kind: candidate.kind, options: fitting)
            let estimate =
                candidate.selecting
                ? try outOfFoldScores(samples, folds: folds, kind: candidate.kind, options: candidate.options, selecting: true) : scores
            crossValidated.append(
                CrossValidation(
                    candidate: candidate.name, kind: candidate.kind,
                    balancedAccuracy: bestThreshold(scores: estimate, labels: labels).balancedAccuracy, scores: scores,
                    estimate: estimate, options: fitting))
        }
        // The better logistic regression (the first of equals).
        let logistic = crossValidated.filter { $0.kind == .logistic }.max { $0.balancedAccuracy < $1.balancedAccuracy }
        let boosted = crossValidated.first { $0.kind == .boostedStumps }
        var model: ScreenModel
        let chosen: String
        if let logistic, let boosted {
            // `auto`: the average of the two, its threshold from the averaged out-of-fold scores.
            let scores = zip(logistic.scores, boosted.scores).map { ($0 + $1) / 2 }
            let estimate = zip(logistic.estimate, boosted.estimate).map { ($0 + $1) / 2 }
            crossValidated.append(
                CrossValidation(
                    candidate: "blend", kind: .blend, balancedAccuracy: bestThreshold(scores: estimate, labels: labels).balancedAccuracy,
                    scores: scores, estimate: estimate, options: options))
            let logisticModel = try fit(samples, kind: .logistic, options: logistic.options)
            let boostedModel = try fit(samples, kind: .boostedStumps, options: boosted.options)
            model = .blend(logisticModel, boostedModel, threshold: bestThreshold(scores: scores, labels: labels).threshold)
            chosen = "\(logistic.candidate)+boosted_stumps"
        } else {
            let only = logistic ?? boosted ?? crossValidated[0]
            model = try fit(samples, kind: only.kind, options: only.options)
            model.threshold = bestThreshold(scores: only.scores, labels: labels).threshold
            chosen = only.candidate
        }
        let numbers = model.means + model.scales + model.weights + [model.intercept, model.threshold]
            + model.stumps.flatMap { [$0.split, $0.atOrBelow, $0.above, $0.missing] }
        guard numbers.allSatisfy(\.isFinite) else {
            throw ScreenCalibrationError("the fit gave a value that is not a finite number: raise --l2 or lower --rounds")
        }
        let training = ScreenConfusion(
            scores: samples.map { model.score(model.inputs($0.screens)) }, labels: samples.map(\.label), threshold: model.threshold)
        return Outcome(
            model: model, candidate: chosen, crossValidated: crossValidated.map { ($0.candidate, $0.balancedAccuracy) }, training: training,
            samples: samples.count, positives: positives)
    }

    /// Fits one kind of model on all of `samples` (threshold 0), centred.
    static func fit(_ samples: [Sample], kind: ScreenModel.Kind, options: Options) throws -> ScreenModel {
        let features = options.features
        let rows = samples.map { sample in features.map { sample.screens[$0] } }
        let labels = samples.map(\.label)
        let positives = Double(labels.count { $0 })
        let negatives = Double(labels.count) - positives
        let total = Double(labels.count)
        let weights = labels.map { $0 ? total / (2 * positives) : total / (2 * negatives) }
        switch kind {
        case .logistic:
            var means: [Double] = []
            var scales: [Double] = []
            for j in features.indices {
                let present = rows.compactMap { $0[j] }
                let mean = present.isEmpty ? 0 : present.reduce(0, +) / Double(present.count)
                let variance = present.isEmpty ? 0 : present.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(present.count)
                means.append(mean)
                scales.append(variance > 0 ? variance.squareRoot() : 1)
            }
            let standardised = rows.map { row in features.indices.map { j in row[j].map { ($0 - means[j]) / scales[j] } ?? 0 } }
            let fit = try LogisticRegression.fit(standardised, labels: labels, weights: weights, l2: options.l2)
            return .logistic(
                features: features, means: means, scales: scales, weights: fit.coefficients, intercept: fit.intercept, threshold: 0)
        case .boostedStumps:
            let booster = ScreenBoosting(
                rounds: options.rounds, learningRate: options.learningRate, l2: 1, minimumLeaf: options.minimumLeaf)
            let (intercept, fitted) = booster.fit(rows, labels: labels, weights: weights)
            // Stumps at the same split of the same screen add up: one step each, in the
            // order of the features and their splits, so a screen's step function reads
            // from left to right.
            var merged: [ScreenModel.Stump] = []
            for stump in fitted.sorted(by: { ($0.feature, $0.split) < ($1.feature, $1.split) }) {
                if let last = merged.last, last.feature == stump.feature, last.split == stump.split {
                    merged[merged.count - 1].atOrBelow += stump.atOrBelow
                    merged[merged.count - 1].above += stump.above
                    merged[merged.count - 1].missing += stump.missing
                } else {
                    merged.append(stump)
                }
            }
            // Only the screens some stump reads stay in the model.
            let reading = features.indices.filter { j in merged.contains { $0.feature == j } }
            let used = reading.isEmpty ? [0] : reading
            let renumbered = Dictionary(uniqueKeysWithValues: used.enumerated().map { ($0.element, $0.offset) })
            let stumps = merged.map { stump in
                var stump = stump
                stump.feature = renumbered[stump.feature] ?? 0
                return stump
            }
            let usedFeatures = used.map { features[$0] }
            let usedRows = rows.map { row in used.map { row[$0] } }
            var model = ScreenModel.boostedStumps(features: usedFeatures, stumps: stumps, intercept: intercept, threshold: 0)
            // Centre: each feature's mean contribution moves into the intercept.
            var sums = [Double](repeating: 0, count: usedFeatures.count)
            for row in usedRows { for (j, c) in model.contributions(row).enumerated() { sums[j] += c } }
            var counts = [Int](repeating: 0, count: usedFeatures.count)
            for stump in stumps { counts[stump.feature] += 1 }
            for index in model.stumps.indices {
                let j = model.stumps[index].feature
                let shift = sums[j] / Double(rows.count) / Double(counts[j])
                model.stumps[index].atOrBelow -= shift
                model.stumps[index].above -= shift
                model.stumps[index].missing -= shift
            }
            model.intercept += sums.reduce(0, +) / Double(rows.count)
            return model
        case .blend:
            return .blend(
                try fit(samples, kind: .logistic, options: options), try fit(samples, kind: .boostedStumps, options: options), threshold: 0)
        }
    }

    /// The screens forward selection keeps for a logistic regression: from none, add the
    /// screen that gives the best cross-validated balanced accuracy (the first of equals, in
    /// the order of `options.features`) while it gains at least 0.02, up to
    /// `options.maximumSelected`.
    static func forwardSelection(_ samples: [Sample], folds: [Int], options: Options) throws -> [String] {
        let labels = samples.map(\.label)
        var selected: [String] = []
        var accuracy = 0.5
        while selected.count < min(options.maximumSelected, options.features.count) {
            var best: (feature: String, accuracy: Double)?
            for feature in options.features where !selected.contains(feature) {
                var trial = options
                trial.features = selected + [feature]
                let scores = try outOfFoldScores(samples, folds: folds, kind: .logistic, options: trial)
                let candidate = bestThreshold(scores: scores, labels: labels).balancedAccuracy
                if candidate > best?.accuracy ?? -1 { best = (feature, candidate) }
            }
            guard let best, best.accuracy >= accuracy + 0.02 else { break }
            selected.append(best.feature)
            accuracy = best.accuracy
        }
        return selected.isEmpty ? [options.features[0]] : selected
    }

    /// Each sample's score from a model fitted without its fold. Samples whose fold leaves
    /// a training set with one class only are scored by the model fitted on everything.
    ///
    /// - Parameter selecting: whether each fold's logistic regression first selects its
    ///   screens forward among `options.features`, on that fold's training samples.
    static func outOfFoldScores(
        _ samples: [Sample], folds: [Int], kind: ScreenModel.Kind, options: Options, selecting: Bool = false
    ) throws -> [Double] {
        var scores = [Double?](repeating: nil, count: samples.count)
        for fold in Set(folds).sorted() {
            let training = samples.indices.filter { folds[$0] != fold }.map { samples[$0] }
            guard training.contains(where: \.label), training.contains(where: { !$0.label }) else { continue }
            var fitting = options
            if selecting {
                fitting.features = try forwardSelection(
                    training, folds: Self.fold(training.map(\.subject), count: options.folds), options: options)
            }
            let model = try fit(training, kind: kind, options: fitting)
            for index in samples.indices where folds[index] == fold {
                scores[index] = model.score(model.inputs(samples[index].screens))
            }
        }
        if scores.contains(where: { $0 == nil }) {
            var fitting = options
            if selecting { fitting.features = try forwardSelection(samples, folds: folds, options: options) }
            let model = try fit(samples, kind: kind, options: fitting)
            for index in scores.indices where scores[index] == nil { scores[index] = model.score(model.inputs(samples[index].screens)) }
        }
        return scores.map { $0 ?? 0 }
    }

    /// Each subject's fold: the first eight bytes of its SHA-256, modulo `count`.
    public static func fold(_ subjects: [String], count: Int) -> [Int] {
        subjects.map { subject in
            let digest = SHA256.hash(Array(subject.utf8))
            let prefix = digest.bytes.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            return Int(prefix % UInt64(max(1, count)))
        }
    }

    /// The threshold with the best balanced accuracy (the middle one of equals), from the
    /// midpoints between distinct scores and one below them all.
    public static func bestThreshold(scores: [Double], labels: [Bool]) -> (threshold: Double, balancedAccuracy: Double) {
        let order = scores.indices.sorted { scores[$0] < scores[$1] }
        let positives = labels.count { $0 }
        let negatives = labels.count - positives
        guard positives > 0, negatives > 0, let first = order.first else { return (0, 0) }
        // Everything flagged: recall 1, specificity 0.
        var candidates = [(threshold: scores[first] - 1, balancedAccuracy: 0.5)]
        var negativesBelow = 0
        var positivesBelow = 0
        for (position, index) in order.enumerated() {
            if labels[index] { positivesBelow += 1 } else { negativesBelow += 1 }
            let next = position + 1 < order.count ? scores[order[position + 1]] : scores[index] + 1
            guard next > scores[index] else { continue }
            let recall = Double(positives - positivesBelow) / Double(positives)
            let specificity = Double(negativesBelow) / Double(negatives)
            candidates.append((scores[index] + (next - scores[index]) / 2, (recall + specificity) / 2))
        }
        let top = candidates.map(\.balancedAccuracy).max() ?? 0.5
        let tied = candidates.filter { $0.balancedAccuracy >= top - 1e-12 }
        return tied[(tied.count - 1) / 2]
    }
}
