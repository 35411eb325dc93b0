import EventLog

/// A rule that reads the bidders' histories keeps a `MarketHistoryTally` of its market, so
/// that an audit after a few new tenders judges those alone instead of the whole market.
extension PriceScreenEvaluator {
    var keepsTally: Bool { readsHistory }

    /// The roles whose facts change neither a tender's history entry nor its screens nor its
    /// finding (deposits, disqualifications, contracts): arriving for a tender already judged,
    /// they leave every finding as it is.
    static let inertRoles: Set<Int> = [
        Tender.Role.deposit.rawValue, Tender.Role.disqualified.rawValue, Tender.Role.contractSigned.rawValue,
        Tender.Role.contractAmended.rawValue,
    ]

    func tally(of facts: [Fact]) -> [UInt8]? {
        guard readsHistory else { return nil }
        var tally = MarketHistoryTally()
        (tally.entries, tally.unplaced) = Self.historyEntries(facts)
        tally.lastSeq = facts.map(\.seq).max() ?? 0
        return tally.encoded()
    }

    /// Each tender's history entry, as `historyEntry(_:)` of its folded `Tender` gives it,
    /// straight from the market's facts (in chronological order) without folding whole
    /// tenders — the tally is taken at every judgement of the whole market, beside it — and
    /// the subjects that have none.
    static func historyEntries(_ facts: [Fact]) -> (entries: [BidderHistory.Entry], unplaced: Set<String>) {
        /// What `Tender` keeps of a tender that its history entry reads.
        struct Sketch {
            var notice: Instant?
            var submissions: [(seq: Int64, at: Instant, bidder: String)] = []
            var withdrawn: Set<String> = []
            var opened: Instant?
            var award: (at: Instant, winner: String)?
        }
        var sketches: [String: Sketch] = [:]
        var order: [String] = []
        for fact in facts {
            guard let role = Tender.Role(rawValue: fact.role) else { continue }
            let first = fact.values.first ?? ""
            if sketches[fact.subject] == nil {
                sketches[fact.subject] = Sketch()
                order.append(fact.subject)
            }
            switch role {
            case .published: sketches[fact.subject]?.notice = fact.at
            case .bid: sketches[fact.subject]?.submissions.append((fact.seq, fact.at, first))
            case .withdrawn: sketches[fact.subject]?.withdrawn.insert(first)
            case .opened: if sketches[fact.subject]?.opened == nil { sketches[fact.subject]?.opened = fact.at }
            case .awarded: sketches[fact.subject]?.award = (fact.at, first)
            case .deposit, .disqualified, .contractSigned, .contractAmended: break
            }
        }
        var entries: [BidderHistory.Entry] = []
        var unplaced: Set<String> = []
        for subject in order {
            guard let sketch = sketches[subject] else { continue }
            // `Tender.bids`: each bidder's last bid (its first once the tender is opened),
            // withdrawn bidders left out; then `competingBids`: nameless submissions each.
            var latest: [String: Int] = [:]
            for (index, bid) in sketch.submissions.enumerated() where !sketch.withdrawn.contains(bid.bidder) {
                if let opened = sketch.opened, bid.at > opened, latest[bid.bidder] != nil { continue }
                latest[bid.bidder] = index
            }
            let named = latest.filter { !$0.key.isEmpty }.values
            let nameless = sketch.withdrawn.contains("") ? [] : sketch.submissions.indices.filter { sketch.submissions[$0].bidder.isEmpty }
            let competing = (Array(named) + nameless).map { sketch.submissions[$0] }.sorted { $0.seq < $1.seq }
            guard let start = sketch.notice ?? sketch.submissions.map(\.at).min() else {
                unplaced.insert(subject)
                continue
            }
            let close = (competing.map(\.at) + (sketch.award.map { [$0.at] } ?? [])).max() ?? start
            entries.append(
                BidderHistory.Entry(
                    subject: subject, start: start, close: close, bidders: competing.map(\.bidder), winner: sketch.award?.winner))
        }
        return (entries, unplaced)
    }

    /// Judges new tenders against the market's tally when none of them starts before a
    /// tender already judged and no fact but an inert one (`inertRoles`) concerns a tender
    /// already judged; nil otherwise (the market must be judged whole).
    func findings(key: String, adding facts: [Fact], toTally stored: UnsafeRawBufferPointer, calendar: WorkCalendar)
        -> (findings: TallyJudgement, tally: [UInt8])?
    {
        guard readsHistory, var tally = MarketHistoryTally(encoded: stored) else { return nil }
        let known = tally.lastSeq
        let fresh = facts.filter { $0.seq > known }.sorted(by: Fact.chronological)
        guard !fresh.isEmpty else { return (.unchanged, tally.encoded()) }
        let judged = Set(tally.entries.map(\.subject)).union(tally.unplaced)
        var bySubject: [String: [Fact]] = [:]
        for fact in fresh {
            if judged.contains(fact.subject) {
                guard Self.inertRoles.contains(fact.role) else { return nil }
                continue
            }
            bySubject[fact.subject, default: []].append(fact)
        }
        let latest = tally.latestStart
        var tenders: [Tender] = []
        var entries: [BidderHistory.Entry] = []
        for (subject, facts) in bySubject.sorted(by: { $0.key < $1.key }) {
            let tender = Tender(subject: subject, facts: facts, traces: false)
            guard let entry = Self.historyEntry(tender) else {
                tally.unplaced.insert(subject)
                continue
            }
            if let latest, entry.start < latest { return nil }
            tenders.append(tender)
            entries.append(entry)
        }
        tally.lastSeq = max(known, fresh.map(\.seq).max() ?? known)
        guard !entries.isEmpty else { return (.unchanged, tally.encoded()) }
        tally.entries += entries
        let histories = BidderHistory.screens(tally.entries, days: historyDays)
        let found = tenders.flatMap { tender in
            finding(key: Self.marketKey, tender: tender, facts: bySubject[tender.subject] ?? [], history: histories[tender.subject])
        }
        return (.added(found), tally.encoded())
    }
}
