import EventLog

/// `collusion` in mode `flags`: the per-tender red flags of Open Contracting's Cardinal
/// (`ocdscardinal indicators`, https://cardinal.readthedocs.io), on a tender's events.
///
/// Each flag is one finding (yellow unless the rule says otherwise) with its Cardinal code
/// in `details.flag`. "Bids" are the competing bids (`Tender.bids`: each bidder's last bid
/// before the opening, without withdrawals); "valid" ones are those not disqualified; the
/// winner is the latest `tender.awarded`; the winning bid is the winner's competing bid.
///
/// - **R003** `short_submission_period`: for a tender whose `method` is in
///   `period_methods` (`open`, `invited`), fewer than `submission_days` (20) calendar days
///   from the notice's local date to the `submission_deadline`'s local date (招标投标法
///   art. 24: at least 20 days for tenders that must be tendered; the first day is not
///   counted, as 民法典 art. 201 counts). Cardinal's default is 15 days, for open tenders.
/// - **R018** `single_bid`: a tender of a competitive method (`competitive_methods`:
///   `open`, `invited` — Cardinal's open and selective) opened or awarded with exactly one
///   bidder (招标投标法 art. 28 requires re-tendering below three).
/// - **R024** `close_to_winning_bid`: the winning bid is the lowest valid bid and the
///   second-lowest valid bid exceeds it by at most `close_to_winner` (0.05) of it.
/// - **R028** `identical_bid_prices`: two different bidders bid the same price. Also
///   deemed collusion (art. 40(四)); the shipped pack leaves it to `deemed`, which raises
///   it red, and lists the other eight here in `flags`.
/// - **R030** `late_bid_won`: the winning bid was submitted after the deadline.
/// - **R035** `all_but_winner_disqualified`: the winner is the only bidder left valid and
///   at least `min_disqualified` (1) other bidders were disqualified.
/// - **R036** `lowest_bid_disqualified`: the tender was awarded and a lowest bid was
///   disqualified.
/// - **R038** `excessive_disqualifications`: at least `disqualified_share` (0.5) of the
///   tender's bidders, when it has at least `min_submitted` (2), were disqualified.
///   Cardinal compares the share per buyer, procuring entity or tenderer across tenders
///   with an outlier fence; here it is judged per tender against a fixed share.
/// - **R058** `heavily_discounted_bid`: as R024, but the second-lowest valid bid exceeds
///   the winning bid by at least `heavy_discount` (0.5) of it.
///
/// Cardinal computes R024's and R058's thresholds as outlier fences over the whole market
/// (Q1 − 1.5 IQR and Q3 + 1.5 IQR) unless a fixed `threshold` is set; a per-tender rule
/// needs fixed ones, and the defaults here are the values `ocdscardinal init` writes
/// (0.05, 0.5, R038 0.5 with 2 submitted bids, R035 1).
/// Parameters: `flags` (the codes to raise, default all nine) and the thresholds above.
struct RedFlagEvaluator: RuleEvaluator {
    static let allFlags = ["R003", "R018", "R024", "R028", "R030", "R035", "R036", "R038", "R058"]

    let rule: Rule
    let flags: Set<String>
    let periodMethods: Set<String>
    let submissionDays: Int
    let competitiveMethods: Set<String>
    let closeToWinner: Double
    let heavyDiscount: Double
    let minimumDisqualified: Int
    let disqualifiedShare: Double
    let minimumSubmitted: Int
    let eventTypes: Set<String>?
    /// A tender's events span weeks, many flushes of a long catch-up: judged once at its end,
    /// each tender is read back and judged once rather than at every flush it straddles.
    var judgesAtEndOfCatchUp: Bool { true }
    /// A tender's facts are a few kilobytes: a rebuild holds them and stores each tender once.
    var holdsKeysThroughRebuild: Bool { true }

    init(rule: Rule) throws {
        self.rule = rule
        var params = ParamReader(rule)
        _ = try params.string("mode")
        flags = Set(try params.strings("flags", allowed: Self.allFlags) ?? Self.allFlags)
        periodMethods = Set(try params.strings("period_methods") ?? ["open", "invited"])
        submissionDays = try params.integer("submission_days", in: 1 ... 366) ?? 20
        competitiveMethods = Set(try params.strings("competitive_methods") ?? ["open", "invited"])
        closeToWinner = try params.number("close_to_winner", in: 0 ... 10) ?? 0.05
        heavyDiscount = try params.number("heavy_discount", in: 0 ... 100) ?? 0.5
        minimumDisqualified = try params.integer("min_disqualified", in: 1 ... 1000) ?? 1
        disqualifiedShare = try params.number("disqualified_share", in: 0 ... 1) ?? 0.5
        minimumSubmitted = try params.integer("min_submitted", in: 1 ... 1000) ?? 2
        try params.finish()
        // Deposits are not read here, but kept for the deemed collusion that shares the facts.
        eventTypes = Tender.sharedEventTypes
    }

    /// The flags read a bid's bidder and amount only; a pack that also judges deemed
    /// collusion keeps each tender's facts once for both.
    var sharedFacts: String? { Tender.sharedFacts }

    func facts(for event: AuditEvent, calendar: WorkCalendar) throws -> [KeyedFact] {
        Tender.sharedFact(for: event)
    }

    var readsDataBytes: Bool { true }

    func facts(for event: AuditEvent, dataBytes data: UnsafeRawBufferPointer, calendar: WorkCalendar) throws -> [KeyedFact]? {
        Tender.sharedFact(for: event, dataBytes: data)
    }

    func folded(key: String, facts: [Fact]) -> (any Sendable)? { FoldedTender(subject: key, facts: facts) }

    func findings(key: String, facts: [Fact], calendar: WorkCalendar) throws -> [Finding] {
        try findings(key: key, facts: facts, folded: nil, calendar: calendar)
    }

    func findings(key: String, facts: [Fact], folded: (any Sendable)?, calendar: WorkCalendar) throws -> [Finding] {
        let fold = FoldedTender(folded, subject: key, facts: facts)
        let tender = fold.tender
        var found: [Finding] = []
        func raise(_ flag: String, _ code: String, anchor seq: Int64?, began: Instant?, evidence: [Int64], details: [String: String] = [:]) {
            guard flags.contains(flag), let seq, let anchor = facts.first(where: { $0.seq == seq }) else { return }
            var all = details
            all["flag"] = flag
            found.append(
                finding(key: key, code: code, anchor: anchor, began: began ?? anchor.at, evidence: Array(Set(evidence)).sorted(), details: all))
        }
        let bids = fold.competing
        let disqualified = Set(tender.disqualifications.map(\.bidder))
        let valid = bids.filter { !disqualified.contains($0.bidder) }
        let method = tender.notice?.method ?? ""

        // R003: short submission period.
        if let notice = tender.notice, let deadline = notice.submissionDeadline, periodMethods.contains(method) {
            let days = calendar.localDate(of: deadline).daysSinceEpoch - calendar.localDate(of: notice.at).daysSinceEpoch
            if days < submissionDays {
                raise("R003", "short_submission_period", anchor: notice.seq, began: notice.at, evidence: [notice.seq],
                      details: ["days": String(days), "minimum": String(submissionDays), "method": method])
            }
        }
        // R018: single bid in a competitive tender that has been opened or awarded.
        let closed = tender.opened ?? tender.award.map { ($0.seq, $0.at) }
        if competitiveMethods.contains(method), let closed, bids.count == 1, let only = bids.first {
            raise("R018", "single_bid", anchor: only.seq, began: closed.at, evidence: [only.seq, closed.seq],
                  details: ["bidder": only.bidder, "method": method])
        }
        // R028: identical bid prices.
        var byAmount: [Double: [Tender.Bid]] = [:]
        for bid in bids { if let amount = bid.amount { byAmount[amount, default: []].append(bid) } }
        for (amount, same) in byAmount.sorted(by: { $0.key < $1.key }) where same.count >= 2 {
            raise("R028", "identical_bid_prices", anchor: same[1].seq, began: same[1].at, evidence: same.map(\.seq),
                  details: ["amount": same[0].amountText ?? format3(amount), "bidders": same.map(\.bidder).joined(separator: ", ")])
        }
        guard let award = tender.award else { return found }
        let winning = bids.last { $0.bidder == award.winner }

        // R030: late bid won.
        if let winning, let deadline = tender.notice?.submissionDeadline, winning.at > deadline, let notice = tender.notice {
            raise("R030", "late_bid_won", anchor: award.seq, began: award.at, evidence: [notice.seq, winning.seq, award.seq],
                  details: ["winner": award.winner, "deadline": deadline.string(offsetSeconds: calendar.utcOffsetSeconds),
                            "submitted": winning.at.string(offsetSeconds: calendar.utcOffsetSeconds)])
        }
        // R035: all except the winner disqualified.
        let bidders = Set(bids.map(\.bidder))
        let others = tender.disqualifications.filter { $0.bidder != award.winner && bidders.contains($0.bidder) }
        let otherBidders = Set(others.map(\.bidder))
        if valid.map(\.bidder) == [award.winner], otherBidders.count >= minimumDisqualified {
            raise("R035", "all_but_winner_disqualified", anchor: award.seq, began: award.at, evidence: others.map(\.seq) + [award.seq],
                  details: ["winner": award.winner, "disqualified": String(otherBidders.count)])
        }
        // R036: the lowest bid disqualified.
        if let lowest = bids.compactMap(\.amount).min() {
            let lowestOut = bids.filter { $0.amount == lowest && disqualified.contains($0.bidder) }
            if let out = lowestOut.first, let exit = tender.disqualifications.first(where: { $0.bidder == out.bidder }) {
                raise("R036", "lowest_bid_disqualified", anchor: award.seq, began: award.at, evidence: [out.seq, exit.seq, award.seq],
                      details: ["bidder": out.bidder, "amount": out.amountText ?? format3(lowest), "winner": award.winner])
            }
        }
        // R038: excessive disqualifications in this tender.
        let outBidders = bidders.intersection(disqualified)
        if bids.count >= minimumSubmitted, Double(outBidders.count) >= disqualifiedShare * Double(bids.count), !outBidders.isEmpty {
            let exits = tender.disqualifications.filter { outBidders.contains($0.bidder) }
            raise("R038", "excessive_disqualifications", anchor: exits.last?.seq, began: exits.last?.at,
                  evidence: exits.map(\.seq), details: ["disqualified": String(outBidders.count), "submitted": String(bids.count),
                                                         "share": format6(Double(outBidders.count) / Double(bids.count))])
        }
        // R024 and R058: the gap between the winning bid and the second-lowest valid bid.
        let amounts = valid.compactMap { bid in bid.amount.map { (bid, $0) } }.sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0.seq < $1.0.seq }
        if let winning, let winningAmount = winning.amount, winningAmount > 0, amounts.count >= 2,
            amounts[0].1 == winningAmount, !disqualified.contains(winning.bidder)
        {
            let second = amounts.first { $0.0.bidder != winning.bidder } ?? amounts[1]
            let difference = (second.1 - winningAmount) / winningAmount
            let details = ["winner": award.winner, "winning": winning.amountText ?? format3(winningAmount),
                           "second": second.0.amountText ?? format3(second.1), "second_bidder": second.0.bidder,
                           "difference": format6(difference)]
            if difference <= closeToWinner {
                raise("R024", "close_to_winning_bid", anchor: award.seq, began: award.at, evidence: [winning.seq, second.0.seq, award.seq],
                      details: details.merging(["threshold": format6(closeToWinner)]) { $1 })
            }
            if difference >= heavyDiscount {
                raise("R058", "heavily_discounted_bid", anchor: award.seq, began: award.at, evidence: [winning.seq, second.0.seq, award.seq],
                      details: details.merging(["threshold": format6(heavyDiscount)]) { $1 })
            }
        }
        return found
    }
}
