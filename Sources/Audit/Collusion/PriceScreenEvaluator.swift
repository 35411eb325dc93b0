import EventLog

/// `collusion` in mode `screens`: a tender whose bid prices look rigged.
///
/// Keys every tender event by the tender's subject, folds a `Tender`, and screens the
/// amounts of its competing bids (`Tender.bids`: each bidder's last bid before the
/// opening, withdrawn bids left out; submissions that name no bidder each count on their
/// own) with `PriceScreens`, the tender's estimate (else its ceiling) as the reference.
/// One finding per tender, code `price_screens`, when the model's score reaches its
/// threshold or any screen passes its own threshold. The finding's details hold every
/// screen's value and every feature's contribution to the score, so an inspector sees why
/// (`PriceScreenAssessment.details`).
///
/// Parameters:
/// - `min_bids`: tenders with fewer competing bids are not screened (default 4, the
///   fewest the kurtosis needs).
/// - `thresholds`: `{"cv": {"below": 0.03}, "diffp": {"above": 0.1}}`; a screen past its
///   bound is reportable on its own.
/// - `model`: a calibrated score (`ScreenModel`), as `ironcage screens calibrate` writes it.
///
/// At least one of `thresholds` and `model` is required. The screens are red flags that
/// tell an inspector where to look (《招标投标法实施条例》 art. 40(4): bids abnormally alike
/// or differing in a regular pattern), not proof.
public struct PriceScreenEvaluator: RuleEvaluator {
    public let rule: Rule
    public let minimumBids: Int
    public let thresholds: [ScreenThreshold]
    public let model: ScreenModel?
    let eventTypes: Set<String>? = Tender.eventTypes

    /// Reads a `collusion` rule in mode `screens`.
    ///
    /// - Throws: `RuleError` naming the parameter at fault.
    public init(rule: Rule) throws {
        self.rule = rule
        var params = ParamReader(rule)
        guard try params.string("mode") == "screens" else { throw params.fail("mode", "expected screens") }
        minimumBids = try params.integer("min_bids", in: 4...100_000) ?? 4
        thresholds = try ScreenThreshold.parse(&params)
        if var reader = try params.nested("model") {
            model = try ScreenModel(&reader)
        } else {
            model = nil
        }
        try params.finish()
        if model == nil && thresholds.isEmpty {
            throw params.fail("model", "give a model (ironcage screens calibrate writes one), thresholds, or both")
        }
    }

    func facts(for event: AuditEvent, calendar: WorkCalendar) throws -> [KeyedFact] {
        guard let fact = Tender.fact(for: event) else { return [] }
        return [KeyedFact(key: event.subject, fact: fact)]
    }

    func findings(key: String, facts: [Fact], calendar: WorkCalendar) throws -> [Finding] {
        let tender = Tender(subject: key, facts: facts)
        guard let assessment = assess(tender), assessment.flagged else { return [] }
        // Anchored on the notice, else the first bid: the finding keeps its id as bids arrive.
        let notice = facts.first { $0.role == Tender.Role.published.rawValue }
        guard let anchor = notice ?? facts.first(where: { $0.role == Tender.Role.bid.rawValue }) else { return [] }
        let lastBid = assessment.bids.map(\.at).max() ?? anchor.at
        let evidence = ((notice.map { [$0.seq] } ?? []) + assessment.bids.map(\.seq)).sorted()
        return [
            finding(
                key: key, code: "price_screens", anchor: anchor, began: tender.opened?.at ?? lastBid, evidence: evidence,
                details: assessment.details)
        ]
    }

    /// The competing bids a tender's screens are computed from.
    public static func competingBids(_ tender: Tender) -> [Tender.Bid] {
        let withdrawn = Set(tender.withdrawals.map(\.bidder))
        let nameless = tender.submissions.filter { $0.bidder.isEmpty && !withdrawn.contains("") }
        return (tender.bids.filter { !$0.bidder.isEmpty } + nameless).sorted { $0.seq < $1.seq }
    }

    /// The screens, score and passed thresholds of a tender, or nil when it has fewer
    /// than `min_bids` competing bids with an amount.
    public func assess(_ tender: Tender) -> PriceScreenAssessment? {
        let bids = Self.competingBids(tender).filter { ($0.amount ?? 0) > 0 && ($0.amount ?? 0).isFinite }
        let reference = tender.notice?.estimate ?? tender.notice?.ceiling
        guard let screens = PriceScreens(amounts: bids.compactMap(\.amount), reference: reference, minimumBids: minimumBids) else {
            return nil
        }
        var assessment = PriceScreenAssessment(
            subject: tender.subject, bids: bids, screens: screens, score: nil, threshold: nil, contributions: [],
            passed: thresholds.filter { $0.isPassed(by: screens[$0.screen]) })
        if let model {
            let inputs = model.inputs(screens)
            let contributions = model.contributions(inputs)
            assessment.score = contributions.reduce(model.intercept, +)
            assessment.threshold = model.threshold
            assessment.contributions = Array(zip(model.features, contributions)).map { (screen: $0.0, contribution: $0.1) }
        }
        return assessment
    }
}
