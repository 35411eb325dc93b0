/// How a score's flags compare with the known outcomes: the confusion matrix and the
/// figures read from it.
public struct ScreenConfusion: Sendable, Equatable {
    /// Collusive tenders flagged, competitive ones flagged, competitive ones not flagged,
    /// collusive ones not flagged.
    public var truePositives = 0
    public var falsePositives = 0
    public var trueNegatives = 0
    public var falseNegatives = 0

    public init(truePositives: Int = 0, falsePositives: Int = 0, trueNegatives: Int = 0, falseNegatives: Int = 0) {
        self.truePositives = truePositives
        self.falsePositives = falsePositives
        self.trueNegatives = trueNegatives
        self.falseNegatives = falseNegatives
    }

    /// The matrix of flagging every score at or above `threshold`.
    public init(scores: [Double], labels: [Bool], threshold: Double) {
        for (score, label) in zip(scores, labels) { count(flagged: score >= threshold, collusive: label) }
    }

    /// Counts one tender.
    public mutating func count(flagged: Bool, collusive: Bool) {
        switch (flagged, collusive) {
        case (true, true): truePositives += 1
        case (true, false): falsePositives += 1
        case (false, false): trueNegatives += 1
        case (false, true): falseNegatives += 1
        }
    }

    public var total: Int { truePositives + falsePositives + trueNegatives + falseNegatives }

    /// Of the tenders flagged, the share collusive (nil when none was flagged).
    public var precision: Double? { Self.ratio(truePositives, truePositives + falsePositives) }
    /// Of the collusive tenders, the share flagged (sensitivity).
    public var recall: Double? { Self.ratio(truePositives, truePositives + falseNegatives) }
    /// Of the competitive tenders, the share not flagged.
    public var specificity: Double? { Self.ratio(trueNegatives, trueNegatives + falsePositives) }
    /// The mean of recall and specificity: what a score is worth whatever the share of
    /// collusive tenders (flagging everything, or nothing, gives 0.5).
    public var balancedAccuracy: Double? {
        guard let recall, let specificity else { return nil }
        return (recall + specificity) / 2
    }
    /// The share of tenders classed right.
    public var accuracy: Double? { Self.ratio(truePositives + trueNegatives, total) }

    private static func ratio(_ part: Int, _ whole: Int) -> Double? {
        whole == 0 ? nil : Double(part) / Double(whole)
    }
}
