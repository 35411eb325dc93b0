import EventLog

/// `collusion` in mode `patterns`: bid rigging that shows only across tenders — perpetual
/// losers (陪标), bid rotation (轮流坐庄) and co-bidding rings (围标) — in one market.
///
/// The market is the whole log (`scope: "log"`, the default) or each department
/// (`scope: "dept"`); its bids, withdrawals and awards gather under one key per scope,
/// judged once at the end of a catch-up (`judgesAtEndOfCatchUp`) since each judgement reads
/// the whole market. The definitions are in `BiddingMarket+Patterns.swift`:
///
/// - `perpetual_loser` (subject: the firm): `losers.min_losses` (5) awarded tenders lost,
///   no win, and the `losers.winners` (2) firms that beat it most took at least
///   `losers.share` (0.8) of those losses;
/// - `cobidding_ring` (subject: `ring:` and the members joined by `+`, e.g.
///   `ring:org:A+org:B`): a maximal group in which every two firms bid together in at least
///   `rings.min_together` (4) tenders with a Jaccard affinity of at least
///   `rings.min_affinity` (0.5), counting tenders of at most `rings.max_bidders` (30)
///   bidders;
/// - `bid_rotation` (subject: the ring, reported instead of `cobidding_ring`): a ring whose
///   members won at least `rotation.min_wins` (4) and at least `rotation.win_share` (0.5) of
///   the awarded tenders in which two or more of them bid, with two or more members
///   winning and none more than `rotation.max_share` (0.5) of those wins.
///
/// `find` lists the patterns to raise (default all three). Each finding names the firms,
/// counts and tenders; its evidence is the firms' bids (and the awards) in at most
/// `max_tenders` (10) of the tenders, the latest; `details.tenders_total` says how many
/// there were. A finding begins with the latest event of the tenders behind it; its id
/// depends only on the rule, the scope, the subject and the pattern, so inspectors'
/// dispositions stay with it as the evidence grows.
struct BiddingPatternEvaluator: RuleEvaluator {
    static let patterns = ["perpetual_loser", "bid_rotation", "cobidding_ring"]

    let rule: Rule
    let byDepartment: Bool
    let find: Set<String>
    let minimumLosses: Int
    let loserWinners: Int
    let loserShare: Double
    let minimumTogether: Int
    let minimumAffinity: Double
    let maximumBidders: Int
    let minimumWins: Int
    let winShare: Double
    let maximumShare: Double
    let maximumTenders: Int
    let eventTypes: Set<String>? = Set([Tender.Role.bid, .withdrawn, .awarded].map(\.eventType))
    var judgesAtEndOfCatchUp: Bool { true }

    init(rule: Rule) throws {
        self.rule = rule
        var params = ParamReader(rule)
        _ = try params.string("mode")
        switch try params.string("scope") ?? "log" {
        case "log": byDepartment = false
        case "dept": byDepartment = true
        default: throw params.fail("scope", "expected log or dept")
        }
        find = Set(try params.strings("find", allowed: Self.patterns) ?? Self.patterns)
        var losers = try params.nested("losers")
        minimumLosses = try losers?.integer("min_losses", in: 1 ... 1_000_000) ?? 5
        loserWinners = try losers?.integer("winners", in: 1 ... 1000) ?? 2
        loserShare = try losers?.number("share", in: 0 ... 1) ?? 0.8
        try losers?.finish()
        var rings = try params.nested("rings")
        minimumTogether = try rings?.integer("min_together", in: 1 ... 1_000_000) ?? 4
        minimumAffinity = try rings?.number("min_affinity", in: 0 ... 1) ?? 0.5
        maximumBidders = try rings?.integer("max_bidders", in: 2 ... 10_000) ?? 30
        try rings?.finish()
        var rotation = try params.nested("rotation")
        minimumWins = try rotation?.integer("min_wins", in: 1 ... 1_000_000) ?? 4
        winShare = try rotation?.number("win_share", in: 0 ... 1) ?? 0.5
        maximumShare = try rotation?.number("max_share", in: 0 ... 1) ?? 0.5
        try rotation?.finish()
        maximumTenders = try params.integer("max_tenders", in: 1 ... 1000) ?? 10
        try params.finish()
    }

    func facts(for event: AuditEvent, calendar: WorkCalendar) throws -> [KeyedFact] {
        let role: BiddingMarket.Role
        let member: String
        switch event.type {
        case "bid.submitted": (role, member) = (.bid, "bidder")
        case "bid.withdrawn": (role, member) = (.withdrawn, "bidder")
        case "tender.awarded": (role, member) = (.awarded, "winner")
        default: return []
        }
        guard case .string(let firm) = event.data[member], !firm.isEmpty else { return [] }
        return [KeyedFact(key: byDepartment ? event.dept : "log", fact: Fact(event, role: role.rawValue, values: [firm]))]
    }

    var readsDataBytes: Bool { true }

    func facts(for event: AuditEvent, dataBytes data: UnsafeRawBufferPointer, calendar: WorkCalendar) throws -> [KeyedFact]? {
        let role: BiddingMarket.Role
        let member: [UInt8]
        switch event.type {
        case "bid.submitted": (role, member) = (.bid, Self.bidder)
        case "bid.withdrawn": (role, member) = (.withdrawn, Self.bidder)
        case "tender.awarded": (role, member) = (.awarded, Self.winner)
        default: return []
        }
        var members = DataMembers(data)
        var firm = ""
        // A stored payload names each member once: the rest need not be read.
        while let (key, value) = members.next() {
            guard key.spells(member) else { continue }
            switch value {
            case .string(let bytes): firm = String(decoding: bytes, as: UTF8.self)
            case .escapedString: return nil
            default: break
            }
            break
        }
        if members.failed { return nil }
        guard !firm.isEmpty else { return [] }
        return [KeyedFact(key: byDepartment ? event.dept : "log", fact: Fact(event, role: role.rawValue, values: [firm]))]
    }

    private static let bidder = Array("bidder".utf8)
    private static let winner = Array("winner".utf8)

    func findings(key: String, facts: [Fact], calendar: WorkCalendar) throws -> [Finding] {
        let market = BiddingMarket(facts: facts)
        var found: [Finding] = []
        if find.contains("perpetual_loser") {
            for loser in market.perpetualLosers(minimumLosses: minimumLosses, winners: loserWinners, share: loserShare) {
                let listed = Array(loser.losses.suffix(maximumTenders))
                var evidence: [Int64] = []
                for tender in listed {
                    let entry = market.entries[tender]
                    if let position = entry.bidders.firstIndex(of: loser.firm) { evidence.append(entry.bidSeqs[position]) }
                    if let award = entry.awardSeq { evidence.append(award) }
                }
                found.append(pattern(
                    key: key, code: "perpetual_loser", subject: market.name(loser.firm), market: market, tenders: loser.losses,
                    listed: listed, evidence: evidence,
                    details: [
                        "firm": market.name(loser.firm), "bids": String(loser.bids), "losses": String(loser.losses.count), "wins": "0",
                        "winners": winnerList(loser.winners, market), "top_winners": String(loserWinners),
                        "covered": String(loser.covered), "share": format6(Double(loser.covered) / Double(loser.losses.count)),
                    ]))
            }
        }
        guard find.contains("cobidding_ring") || find.contains("bid_rotation") else { return found }
        for ring in market.rings(minimumTogether: minimumTogether, minimumAffinity: minimumAffinity, maximumBidders: maximumBidders) {
            let names = ring.members.map(market.name).sorted()
            let subject = "ring:" + names.joined(separator: "+")
            let bids = ring.members.map { (market.name($0), market.tendersOf[Int($0)].count) }.sorted { $0.0 < $1.0 }
            var details = [
                "members": names.joined(separator: ", "), "size": String(names.count), "pair_tenders": String(ring.pairTenders),
                "affinity": format6(ring.affinity), "together": String(ring.together), "shared": String(ring.shared.count),
                "bids": bids.map { "\($0.0) \($0.1)" }.joined(separator: ", "),
            ]
            if find.contains("bid_rotation"),
                let rotation = market.rotation(of: ring, minimumWins: minimumWins, winShare: winShare, maximumShare: maximumShare)
            {
                let listed = Array(rotation.won.suffix(maximumTenders))
                details["contested"] = String(rotation.contested.count)
                details["won"] = String(rotation.won.count)
                details["winners"] = winnerList(rotation.winners, market)
                found.append(pattern(
                    key: key, code: "bid_rotation", subject: subject, market: market, tenders: rotation.won, listed: listed,
                    evidence: memberEvidence(ring, listed, market, awards: true), details: details))
            } else if find.contains("cobidding_ring") {
                let listed = Array(ring.shared.suffix(maximumTenders))
                found.append(pattern(
                    key: key, code: "cobidding_ring", subject: subject, market: market, tenders: ring.shared, listed: listed,
                    evidence: memberEvidence(ring, listed, market, awards: false), details: details))
            }
        }
        return found
    }

    /// The members' bids (and the awards) in the listed tenders.
    private func memberEvidence(_ ring: BiddingMarket.Ring, _ listed: [Int], _ market: BiddingMarket, awards: Bool) -> [Int64] {
        var evidence: [Int64] = []
        for tender in listed {
            let entry = market.entries[tender]
            for (position, firm) in entry.bidders.enumerated() where ring.members.contains(firm) { evidence.append(entry.bidSeqs[position]) }
            if awards, let award = entry.awardSeq { evidence.append(award) }
        }
        return evidence
    }

    /// `org:A×8, org:B×2`: the firms and their counts, most first, at most five.
    private func winnerList(_ winners: [BiddingMarket.WinCount], _ market: BiddingMarket) -> String {
        let shown = winners.prefix(5).map { "\(market.name($0.firm))×\($0.count)" }
        return (shown + (winners.count > 5 ? ["…"] : [])).joined(separator: ", ")
    }

    /// A finding about a firm or a ring rather than one event.
    private func pattern(
        key: String, code: String, subject: String, market: BiddingMarket, tenders: [Int], listed: [Int], evidence: [Int64],
        details: [String: String]
    ) -> Finding {
        let latest = tenders.max { market.entries[$0].latest < market.entries[$1].latest }.map { market.entries[$0] }
        let began = latest?.latest ?? Instant(millisecondsSinceEpoch: 0)
        let identity = Fact(seq: 0, role: 0, at: began, recorded: began, dept: "", actor: nil, subject: subject, id: subject)
        var all = details
        all["tenders"] = listed.map { market.entries[$0].subject }.joined(separator: ", ")
        all["tenders_total"] = String(tenders.count)
        return Finding(
            id: Finding.makeID(rule: rule.id, key: key, anchor: identity, code: code), rule: rule.id, code: code, severity: rule.severity,
            subject: subject, dept: latest?.dept ?? "", actor: nil, began: began, level: rule.level, evidence: evidence.sorted(),
            details: all)
    }
}
