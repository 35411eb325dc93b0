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
        var bySubject: [String: [Fact]] = [:]
        for fact in facts { bySubject[fact.subject, default: []].append(fact) }
        var tally = MarketHistoryTally()
        for (subject, facts) in bySubject.sorted(by: { $0.key < $1.key }) {
            if let entry = Self.historyEntry(Tender(subject: subject, facts: facts, traces: false)) {
                tally.entries.append(entry)
            } else {
                tally.unplaced.insert(subject)
            }
        }
        tally.lastSeq = facts.map(\.seq).max() ?? 0
        return tally.encoded()
    }

    /// Judges new tenders against the market's tally when none of them starts before a
    /// tender already judged and no fact but an inert one (`inertRoles`) concerns a tender
    /// already judged; nil otherwise (the market must be judged whole).
    func findings(adding facts: [Fact], toTally stored: UnsafeRawBufferPointer) -> (findings: TallyJudgement, tally: [UInt8])? {
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
        return (.adding(found), tally.encoded())
    }
}
