public import EventLog

/// The tenders a calibration or an evaluation reads, folded from the log's events.
extension ScreenCalibration {
    /// The tenders of a log, each folded from its events as the audit folds them
    /// (`Tender.fact(for:)`, `Tender(subject:facts:)`), without the bids' people, document
    /// hashes and machine traces, which no screen reads.
    ///
    /// - Parameters:
    ///   - store: the log.
    ///   - subjects: the subjects wanted; nil for every subject with a tender event.
    /// - Returns: the tenders by subject (a subject with no tender event is absent).
    /// - Throws: `SQLiteError`, `StoredEventError` for a body that does not parse.
    /// - Complexity: one pass over the log; memory for the wanted tenders' facts only.
    public static func tenders(in store: EventStore, subjects: Set<String>? = nil) throws -> [String: Tender] {
        var facts: [String: [Fact]] = [:]
        try store.forEachBody { _, body in
            let event = try AuditEvent(body: body)
            guard subjects?.contains(event.subject) ?? true, var fact = Tender.fact(for: event) else { return true }
            // A bid folded without traces reads its bidder, amount and currency only: a
            // whole market's bids fit in a tenth of the memory without the rest.
            if fact.role == Tender.Role.bid.rawValue { fact.values = Array(fact.values.prefix(3)) }
            facts[event.subject, default: []].append(fact)
            return true
        }
        return facts.reduce(into: [:]) { tenders, entry in
            tenders[entry.key] = Tender(subject: entry.key, facts: entry.value.sorted(by: Fact.chronological), traces: false)
        }
    }

    /// One tender, read through the log's subject index; nil when the subject has no
    /// tender event.
    public static func tender(_ subject: String, in store: EventStore) throws -> Tender? {
        let facts = try store.events(subject: subject).compactMap { Tender.fact(for: AuditEvent($0)) }
        return facts.isEmpty ? nil : Tender(subject: subject, facts: facts.sorted(by: Fact.chronological))
    }

    /// The labelled tenders that can be screened, and how many could not.
    ///
    /// Each sample's history screens (`hist.*`) come from every tender in `tenders`, the
    /// unlabelled ones too — as the audit computes them over the whole market; they read
    /// who bid and who won, never a label.
    ///
    /// - Parameters:
    ///   - tenders: the market's tenders (every tender of the log, for the history screens
    ///     to be those the audit computes).
    ///   - historyDays: the histories' window in days; nil for every earlier tender.
    /// - Returns: the samples in the label file's order; the labelled subjects with no
    ///   tender in the log; the labelled tenders with fewer than `minimumBids` bids.
    public static func samples(
        labels: ScreenLabels, tenders: [String: Tender], minimumBids: Int, historyDays: Int? = nil
    ) -> (samples: [Sample], absent: [ScreenLabels.Entry], unscreened: [ScreenLabels.Entry]) {
        let histories = PriceScreenEvaluator.histories(tenders.values, days: historyDays)
        var samples: [Sample] = []
        var absent: [ScreenLabels.Entry] = []
        var unscreened: [ScreenLabels.Entry] = []
        for entry in labels.entries {
            guard let tender = tenders[entry.subject] else {
                absent.append(entry)
                continue
            }
            let amounts = PriceScreenEvaluator.competingBids(tender).compactMap(\.amount)
            let reference = tender.notice?.estimate ?? tender.notice?.ceiling
            guard
                let screens = PriceScreens(
                    amounts: amounts, reference: reference, minimumBids: minimumBids, history: histories[entry.subject])
            else {
                unscreened.append(entry)
                continue
            }
            samples.append(Sample(subject: entry.subject, screens: screens, label: entry.collusive))
        }
        return (samples, absent, unscreened)
    }
}
