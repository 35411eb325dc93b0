import EventLog

/// `collusion` in mode `deemed`: what 《招标投标法实施条例》 deems collusion, per tender.
///
/// Art. 40 — different bidders' bids are deemed collusive when (one finding per tender,
/// attribute and shared value, naming the bidders and the value; evidence: each bidder's
/// first submission or deposit carrying it):
/// - (一) prepared by the same unit or person: the same `preparer`, or the same machine
///   trace in `fingerprint` — `machine_code`, `file_id` (file-creation id), `dongle`
///   (cost-software lock), `mac`, `cpu`, `disk` (`same_origin`, red). A shared `ip` alone
///   is a weaker sign — bidders behind one office or hotel network share it — so it is
///   `same_ip`, yellow;
/// - (二) the same `agent` (`same_agent`);
/// - (三) the same `project_manager` or `contact` (`same_manager`);
/// - (四) abnormally alike: the same `doc_hash` (`identical_documents`), the same price
///   among the competing bids (`identical_prices`), or prices "呈规律性差异": an arithmetic
///   or geometric progression over at least `min_bids` competing bids within `tolerance`,
///   or one the ceiling continues (`regular_prices`, defined in `PriceProgression`);
/// - (六) deposits of different bidders paid from the same `account`
///   (`same_deposit_account`).
///
/// Item (五), documents packed into one another's envelopes, leaves no trace in events.
/// Machine traces are compared without case (and a MAC without its separators); names
/// and accounts exactly. Every submission counts, withdrawn or not: a withdrawn bid was
/// still prepared by someone.
///
/// Art. 41 — traces of collusion between the buyer and a bidder:
/// - a bid changed after the opening: a bidder that had bid submits again after
///   `tender.opened` (41(四), 招标人授意投标人撤换、修改投标文件; 招标投标法 art. 29 allows
///   changes only before the deadline) — `changed_after_opening`;
/// - the winning bid (the winner's competing bid, else the award amount) within `hair`
///   (a fraction, default 0.001) of a price kept secret — the `estimate` (标底, which
///   招标投标法 art. 22 requires to be kept secret) and any other notice field named in
///   `secret` (`["estimate"]` by default; add `"ceiling"` where the ceiling is not
///   published) — as when the 标底 leaked (41(二)): `winner_near_secret_price`.
///
/// Parameters: `min_bids` (3), `tolerance` (0.01), `hair` (0.001), `secret` (`["estimate"]`).
struct DeemedCollusionEvaluator: RuleEvaluator {
    let rule: Rule
    let minimumBids: Int
    let tolerance: Double
    let hair: Double
    let secretPrices: [String]
    let eventTypes: Set<String>?

    init(rule: Rule) throws {
        self.rule = rule
        var params = ParamReader(rule)
        _ = try params.string("mode")
        minimumBids = try params.integer("min_bids", in: 3 ... 1000) ?? 3
        tolerance = try params.number("tolerance", in: 0 ... 0.5) ?? 0.01
        hair = try params.number("hair", in: 0 ... 0.1) ?? 0.001
        secretPrices = try params.strings("secret", allowed: ["estimate", "ceiling"]) ?? ["estimate"]
        try params.finish()
        eventTypes = Set(
            [Tender.Role.published, .bid, .deposit, .withdrawn, .opened, .awarded].map(\.eventType))
    }

    func facts(for event: AuditEvent, calendar: WorkCalendar) throws -> [KeyedFact] {
        guard let fact = Tender.fact(for: event) else { return [] }
        return [KeyedFact(key: event.subject, fact: fact)]
    }

    func findings(key: String, facts: [Fact], calendar: WorkCalendar) throws -> [Finding] {
        let tender = Tender(subject: key, facts: facts)
        var bySeq: [Int64: Fact] = [:]
        for fact in facts { bySeq[fact.seq] = fact }
        var found: [Finding] = []
        for trace in Self.traces {
            found += shared(trace, in: tender.submissions.map { ($0.seq, $0.at, $0.bidder, trace.value($0)) }, key: key, facts: bySeq)
        }
        found += shared(Self.account, in: tender.deposits.map { ($0.seq, $0.at, $0.bidder, $0.account) }, key: key, facts: bySeq)
        found += identicalPrices(tender, key: key, facts: bySeq)
        found += regularPrices(tender, key: key, facts: bySeq)
        found += changedAfterOpening(tender, key: key, facts: bySeq)
        found += winnerNearSecretPrice(tender, key: key, facts: bySeq)
        return found
    }

    // MARK: - Shared values (art. 40 (一), (二), (三), (四) documents, (六))

    /// A value different bidders must not share.
    struct Trace: Sendable {
        var attribute: String
        var article: String
        var code: String
        var level: FindingLevel?
        var value: @Sendable (Tender.Bid) -> String?
    }

    static let traces: [Trace] = {
        var traces = [Trace(attribute: "preparer", article: "40(1)", code: "same_origin", level: nil) { $0.preparer }]
        for key in ["machine_code", "file_id", "dongle", "mac", "cpu", "disk"] {
            traces.append(Trace(attribute: key, article: "40(1)", code: "same_origin", level: nil) { $0.fingerprint[key] })
        }
        traces.append(Trace(attribute: "ip", article: "40(1)", code: "same_ip", level: .yellow) { $0.fingerprint["ip"] })
        traces.append(Trace(attribute: "agent", article: "40(2)", code: "same_agent", level: nil) { $0.agent })
        traces.append(Trace(attribute: "project_manager", article: "40(3)", code: "same_manager", level: nil) { $0.projectManager })
        traces.append(Trace(attribute: "contact", article: "40(3)", code: "same_manager", level: nil) { $0.contact })
        traces.append(Trace(attribute: "doc_hash", article: "40(4)", code: "identical_documents", level: nil) { $0.documentHash })
        return traces
    }()

    static let account = Trace(attribute: "account", article: "40(6)", code: "same_deposit_account", level: nil) { _ in nil }

    /// The form in which two values count as the same: machine traces without case, a
    /// MAC also without separators; everything else as written.
    static func normalized(_ value: String, attribute: String) -> String {
        switch attribute {
        case "mac": String(value.uppercased().filter { $0 != ":" && $0 != "-" && $0 != "." && $0 != " " })
        case "machine_code", "file_id", "dongle", "cpu", "disk", "ip", "doc_hash": value.uppercased()
        default: value
        }
    }

    /// One finding per value shared by two or more bidders, in the order the values were
    /// first shared.
    private func shared(
        _ trace: Trace, in items: [(seq: Int64, at: Instant, bidder: String, value: String?)], key: String, facts: [Int64: Fact]
    ) -> [Finding] {
        var groups: [String: [(seq: Int64, bidder: String, value: String)]] = [:]
        var order: [String] = []
        for item in items {
            guard let value = item.value, !value.isEmpty, !item.bidder.isEmpty else { continue }
            let same = Self.normalized(value, attribute: trace.attribute)
            if groups[same] == nil { order.append(same) }
            if groups[same]?.contains(where: { $0.bidder == item.bidder }) == true { continue }
            groups[same, default: []].append((item.seq, item.bidder, value))
        }
        return order.compactMap { same in
            guard let members = groups[same], members.count >= 2, let anchor = facts[members[1].seq] else { return nil }
            return finding(
                key: key + "\u{1F}" + trace.attribute + "\u{1F}" + same, code: trace.code, anchor: anchor, began: anchor.at,
                evidence: members.map(\.seq).sorted(), level: trace.level,
                details: [
                    "article": trace.article, "attribute": trace.attribute, "value": members[0].value,
                    "bidders": members.map(\.bidder).joined(separator: ", "), "count": String(members.count),
                ])
        }
    }

    // MARK: - Prices (art. 40 (四))

    private func identicalPrices(_ tender: Tender, key: String, facts: [Int64: Fact]) -> [Finding] {
        var groups: [Double: [Tender.Bid]] = [:]
        var order: [Double] = []
        for bid in tender.bids {
            guard let amount = bid.amount, !bid.bidder.isEmpty else { continue }
            if groups[amount] == nil { order.append(amount) }
            groups[amount, default: []].append(bid)
        }
        return order.compactMap { amount in
            guard let bids = groups[amount], bids.count >= 2, let anchor = facts[bids[1].seq] else { return nil }
            let text = bids[0].amountText ?? format3(amount)
            return finding(
                key: key + "\u{1F}price\u{1F}" + format3(amount), code: "identical_prices", anchor: anchor, began: anchor.at,
                evidence: bids.map(\.seq).sorted(),
                details: [
                    "article": "40(4)", "attribute": "amount", "value": text, "bidders": bids.map(\.bidder).joined(separator: ", "),
                    "count": String(bids.count),
                ])
        }
    }

    private func regularPrices(_ tender: Tender, key: String, facts: [Int64: Fact]) -> [Finding] {
        let bids = tender.bids.filter { $0.amount != nil && !$0.bidder.isEmpty }
        guard bids.count >= minimumBids,
            let progression = PriceProgression.find(
                in: bids.compactMap(\.amount), ceiling: tender.notice?.ceiling, tolerance: tolerance, minimumBids: minimumBids),
            let first = bids.first, let anchor = facts[first.seq], let last = bids.map(\.at).max()
        else { return [] }
        let ascending = bids.sorted { ($0.amount ?? 0, $0.seq) < ($1.amount ?? 0, $1.seq) }
        var evidence = bids.map(\.seq)
        var details = [
            "article": "40(4)", "pattern": progression.kind.rawValue, "reaches_ceiling": progression.reachesCeiling ? "true" : "false",
            "step": progression.kind == .arithmetic ? format3(progression.step) : format6(progression.step),
            "deviation": format6(progression.deviation), "count": String(bids.count),
            "bidders": ascending.map(\.bidder).joined(separator: ", "),
            "amounts": ascending.map { $0.amountText ?? format3($0.amount ?? 0) }.joined(separator: ", "),
        ]
        if progression.reachesCeiling, let notice = tender.notice, let ceiling = notice.ceiling {
            evidence.append(notice.seq)
            details["ceiling"] = format3(ceiling)
        }
        return [
            finding(key: key, code: "regular_prices", anchor: anchor, began: last, evidence: evidence.sorted(), details: details)
        ]
    }

    // MARK: - Art. 41

    private func changedAfterOpening(_ tender: Tender, key: String, facts: [Int64: Fact]) -> [Finding] {
        let changed = tender.changedAfterOpening
        guard let opened = tender.opened, let first = changed.first, let anchor = facts[first.seq] else { return [] }
        var bidders: [String] = []
        for bid in changed where !bidders.contains(bid.bidder) { bidders.append(bid.bidder) }
        var evidence = [opened.seq] + changed.map(\.seq)
        for bidder in bidders {
            if let before = tender.submissions.last(where: { $0.bidder == bidder && $0.at <= opened.at }) { evidence.append(before.seq) }
        }
        return [
            finding(
                key: key, code: "changed_after_opening", anchor: anchor, began: first.at, evidence: evidence.sorted(),
                details: ["article": "41(4)", "bidders": bidders.joined(separator: ", "), "count": String(changed.count)])
        ]
    }

    private func winnerNearSecretPrice(_ tender: Tender, key: String, facts: [Int64: Fact]) -> [Finding] {
        guard let award = tender.award, let notice = tender.notice, let anchor = facts[award.seq] else { return [] }
        let winning = tender.bids.last { $0.bidder == award.winner && $0.amount != nil }
        guard let amount = winning?.amount ?? award.amount, amount > 0 else { return [] }
        return secretPrices.compactMap { field in
            guard let secret = field == "ceiling" ? notice.ceiling : notice.estimate, secret > 0 else { return nil }
            let gap = abs(amount - secret) / secret
            guard gap <= hair else { return nil }
            let evidence = ([notice.seq, award.seq] + (winning.map { [$0.seq] } ?? [])).sorted()
            return finding(
                key: key + "\u{1F}" + field, code: "winner_near_secret_price", anchor: anchor, began: award.at, evidence: evidence,
                details: [
                    "article": "41(2)", "field": field, "secret": format3(secret), "winner": award.winner,
                    "amount": winning?.amountText ?? format3(amount), "gap": format6(gap), "hair": format6(hair),
                ])
        }
    }
}

/// A number with at most six decimals, without trailing zeros: for ratios and shares.
func format6(_ value: Double) -> String {
    let scaled = (value * 1_000_000).rounded()
    let negative = scaled < 0
    let magnitude = abs(scaled)
    let whole = Int64(magnitude / 1_000_000)
    var fraction = Int64(magnitude.truncatingRemainder(dividingBy: 1_000_000))
    let sign = negative && (whole != 0 || fraction != 0) ? "-" : ""
    if fraction == 0 { return sign + String(whole) }
    var digits = 6
    while fraction % 10 == 0 {
        fraction /= 10
        digits -= 1
    }
    let text = String(fraction)
    return sign + String(whole) + "." + String(repeating: "0", count: digits - text.count) + text
}
