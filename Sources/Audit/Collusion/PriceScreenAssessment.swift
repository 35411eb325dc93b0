/// What a price-screen rule makes of one tender: the bids it screened, every screen, the
/// score with each screen's contribution, and the screens past their thresholds.
public struct PriceScreenAssessment: Sendable, Equatable {
    public var subject: String
    /// The competing bids screened, in the order they were submitted.
    public var bids: [Tender.Bid]
    public var screens: PriceScreens
    /// The model's score and threshold, when the rule has a model.
    public var score: Double?
    public var threshold: Double?
    /// Each model feature with its contribution to the score, in the model's order.
    public var contributions: [(screen: String, contribution: Double)]
    /// The thresholds the screens passed.
    public var passed: [ScreenThreshold]

    /// Whether the rule reports the tender: the score reached the threshold, or a screen
    /// passed its own.
    public var flagged: Bool { scoreReached || !passed.isEmpty }

    /// Whether the score reached the model's threshold.
    public var scoreReached: Bool {
        guard let score, let threshold else { return false }
        return score >= threshold
    }

    public static func == (a: PriceScreenAssessment, b: PriceScreenAssessment) -> Bool {
        a.subject == b.subject && a.bids == b.bids && a.screens == b.screens && a.score == b.score && a.threshold == b.threshold
            && a.contributions.map(\.screen) == b.contributions.map(\.screen)
            && a.contributions.map(\.contribution) == b.contributions.map(\.contribution) && a.passed == b.passed
    }

    /// The finding's details: `bids`, `score`, `threshold`, `probability`, `passed`, then
    /// `screen.<name>` for every screen (`n/a` where it cannot be computed) and
    /// `contribution.<name>` for every model feature, so that the finding alone says why.
    var details: [String: String] {
        var details = ["bids": String(bids.count)]
        if let score, let threshold {
            details["score"] = screenFigure(score)
            details["threshold"] = screenFigure(threshold)
            details["probability"] = screenFigure(ScreenModel.probability(score))
        }
        if !passed.isEmpty { details["passed"] = passed.map(\.description).joined(separator: "; ") }
        for (name, value) in zip(PriceScreens.names, screens.values) {
            details["screen." + name] = value.map(screenFigure) ?? "n/a"
        }
        for (name, contribution) in contributions {
            details["contribution." + name] = (contribution > 0 ? "+" : "") + screenFigure(contribution)
        }
        return details
    }
}
