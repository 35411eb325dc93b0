/// A tender folded once for every collusion rule judged from its shared facts
/// (`Tender.sharedFacts`): the deemed collusion and the red flags each read the tender and
/// its competing bids, and building both (every bid's amount parsed, the bidders' latest
/// bids found) was a large share of judging a tender.
struct FoldedTender: Sendable {
    let tender: Tender
    /// The competing bids (`Tender.bids`) that name their bidder.
    let competing: [Tender.Bid]

    init(subject: String, facts: [Fact]) {
        tender = Tender(subject: subject, facts: facts, traces: false)
        competing = tender.bids.filter { !$0.bidder.isEmpty }
    }

    /// The fold the engine handed over (`RuleEvaluator.folded(key:facts:)`), else a new one.
    init(_ folded: (any Sendable)?, subject: String, facts: [Fact]) {
        if let folded = folded as? FoldedTender, folded.tender.subject == subject {
            self = folded
        } else {
            self.init(subject: subject, facts: facts)
        }
    }
}
