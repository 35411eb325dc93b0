/// How a price-screen rule does on tenders whose outcome is known: the confusion matrix of
/// its findings over the labelled tenders it can screen, and what it could not judge.
///
/// A tender counts as flagged exactly when the audit would report it
/// (`PriceScreenAssessment.flagged`: the score reached the threshold or a screen passed
/// its own). Tenders with fewer bids than the rule's `min_bids` get no finding whatever
/// their prices; they are counted apart, not as "not flagged", so that the figures say
/// how well the screens separate the tenders they can judge.
public struct ScreenEvaluation: Sendable {
    public var confusion = ScreenConfusion()
    /// Labelled subjects with no tender in the log.
    public var absent = 0
    /// Labelled tenders with too few bids to screen, by label.
    public var unscreenedCollusive = 0
    public var unscreenedCompetitive = 0

    /// Judges every labelled tender with `rule`.
    ///
    /// - Parameter tenders: the market's tenders: for a rule that reads the bidders'
    ///   histories, every tender of the log, so that each history is the audit's.
    public init(rule: PriceScreenEvaluator, labels: ScreenLabels, tenders: [String: Tender]) {
        let histories = rule.readsHistory ? PriceScreenEvaluator.histories(tenders.values, days: rule.historyDays) : [:]
        for entry in labels.entries {
            guard let tender = tenders[entry.subject] else {
                absent += 1
                continue
            }
            guard let assessment = rule.assess(tender, history: histories[entry.subject]) else {
                if entry.collusive { unscreenedCollusive += 1 } else { unscreenedCompetitive += 1 }
                continue
            }
            confusion.count(flagged: assessment.flagged, collusive: entry.collusive)
        }
    }
}
