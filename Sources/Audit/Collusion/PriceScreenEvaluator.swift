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
/// - `history_days`: the bidders' histories count only the tenders that closed within this
///   many days before a tender started (default: every earlier tender); the calibration
///   must have used the same window.
///
/// A rule whose model or thresholds read the bidders' histories (`hist.*`, see
/// `BidderHistory`) sees the whole market instead: it keys every tender event of the log
/// under one key (`market`), judged once at the end of a catch-up (as the `patterns` mode
/// is), and screens each tender against the tenders that closed before it started. The
/// history depends on the set of tenders only, never on the order the log was read in, so
/// an audit that catches up in pieces finds what a rebuild finds. It keeps a
/// `MarketHistoryTally` of the market: an audit that brings only tenders starting no
/// earlier than every tender judged judges those alone (`findings(key:adding:toTally:calendar:)`).
///
/// At least one of `thresholds` and `model` is required. The screens are red flags that
/// tell an inspector where to look (《招标投标法实施条例》 art. 40(4): bids abnormally alike
/// or differing in a regular pattern), not proof.
public struct PriceScreenEvaluator: RuleEvaluator {
    public let rule: Rule
    public let minimumBids: Int
    public let thresholds: [ScreenThreshold]
    public let model: ScreenModel?
    /// Whether the rule reads the bidders' histories, and so judges the whole market at once.
    public let readsHistory: Bool
    /// The window of the histories in days (`BidderHistory.screens(_:days:)`); nil for all.
    public let historyDays: Int?
    let eventTypes: Set<String>? = Tender.eventTypes
    var judgesAtEndOfCatchUp: Bool { readsHistory }
    /// The key of the whole market when the rule reads histories.
    static let marketKey = "market"

    /// Reads a `collusion` rule in mode `screens`.
    ///
    /// - Throws: `RuleError` naming the parameter at fault.
    public init(rule: Rule) throws {
        self.rule = rule
        var params = ParamReader(rule)
        guard try params.string("mode") == "screens" else { throw params.fail("mode", "expected screens") }
        minimumBids = try params.integer("min_bids", in: 4...100_000) ?? 4
        historyDays = try params.integer("history_days", in: 1...36_500)
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
        readsHistory =
            (model?.features ?? []).contains(where: PriceScreens.isHistory) || thresholds.contains { PriceScreens.isHistory($0.screen) }
    }

    func facts(for event: AuditEvent, calendar: WorkCalendar) throws -> [KeyedFact] {
        guard let fact = Tender.fact(for: event) else { return [] }
        return [KeyedFact(key: readsHistory ? Self.marketKey : event.subject, fact: fact)]
    }

    func findings(key: String, facts: [Fact], calendar: WorkCalendar) throws -> [Finding] {
        guard readsHistory else { return finding(key: key, tender: Tender(subject: key, facts: facts), facts: facts, history: nil) }
        var bySubject: [String: [Fact]] = [:]
        for fact in facts { bySubject[fact.subject, default: []].append(fact) }
        let tenders = bySubject.map { Tender(subject: $0.key, facts: $0.value, traces: false) }
        let histories = Self.histories(tenders, days: historyDays)
        return tenders.sorted { $0.subject < $1.subject }.flatMap { tender in
            finding(key: key, tender: tender, facts: bySubject[tender.subject] ?? [], history: histories[tender.subject])
        }
    }

    /// The finding on one tender, if it is flagged.
    func finding(key: String, tender: Tender, facts: [Fact], history: [Double?]?) -> [Finding] {
        guard let assessment = assess(tender, history: history), assessment.flagged else { return [] }
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

    /// A tender as the bidders' histories see it: it starts at its notice (else its first
    /// submission) and closes with its last competing bid or its award; its bidders are the
    /// competing bids' firms; its winner is the award's. Nil for a tender with neither a
    /// notice nor a bid.
    public static func historyEntry(_ tender: Tender) -> BidderHistory.Entry? {
        let bids = competingBids(tender)
        guard let start = tender.notice?.at ?? tender.submissions.map(\.at).min() else { return nil }
        let close = (bids.map(\.at) + (tender.award.map { [$0.at] } ?? [])).max() ?? start
        return BidderHistory.Entry(
            subject: tender.subject, start: start, close: close, bidders: bids.map(\.bidder), winner: tender.award?.winner)
    }

    /// The history screens of every tender of a market, by subject (`BidderHistory`), over
    /// a window of `days` before each tender (nil: every earlier tender).
    public static func histories(_ tenders: some Sequence<Tender>, days: Int? = nil) -> [String: [Double?]] {
        BidderHistory.screens(tenders.compactMap(historyEntry), days: days)
    }

    /// The competing bids a tender's screens are computed from.
    public static func competingBids(_ tender: Tender) -> [Tender.Bid] {
        let withdrawn = Set(tender.withdrawals.map(\.bidder))
        let nameless = tender.submissions.filter { $0.bidder.isEmpty && !withdrawn.contains("") }
        return (tender.bids.filter { !$0.bidder.isEmpty } + nameless).sorted { $0.seq < $1.seq }
    }

    /// The screens, score and passed thresholds of a tender, or nil when it has fewer
    /// than `min_bids` competing bids with an amount.
    ///
    /// - Parameter history: the tender's history screens (`histories(_:)` over its market),
    ///   for a rule that `readsHistory`; nil leaves them nil.
    public func assess(_ tender: Tender, history: [Double?]? = nil) -> PriceScreenAssessment? {
        let bids = Self.competingBids(tender).filter { ($0.amount ?? 0) > 0 && ($0.amount ?? 0).isFinite }
        let reference = tender.notice?.estimate ?? tender.notice?.ceiling
        guard
            let screens = PriceScreens(
                amounts: bids.compactMap(\.amount), reference: reference, minimumBids: minimumBids, history: history)
        else {
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
