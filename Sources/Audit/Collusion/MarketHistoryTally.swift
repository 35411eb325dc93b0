import EventLog

/// What a price-screen rule that reads the bidders' histories keeps of a market between
/// audits: each tender as the histories see it (`BidderHistory.Entry`), so that new tenders
/// can be screened against it without reading the market's facts back.
///
/// A tender's history screens read only the tenders that closed before it started. A new
/// tender that starts no earlier than every tender already judged therefore changes no
/// earlier tender's history (it closes no earlier than it starts), and the earlier tenders'
/// findings stand: only the new tenders are judged, against the stored entries
/// (`PriceScreenEvaluator.findings(key:adding:toTally:calendar:)`). Anything else — a tender that
/// starts earlier, a new bid, notice, opening, withdrawal or award for a tender already
/// judged — and the market is judged whole again, as before.
struct MarketHistoryTally: Equatable {
    /// The tenders with an entry (a notice or a bid), in the order judged.
    var entries: [BidderHistory.Entry] = []
    /// Tenders with facts but no entry yet (an award or a contract alone).
    var unplaced: Set<String> = []
    /// The highest seq judged: a fact at or below it is in the tally already.
    var lastSeq: Int64 = 0

    /// The latest start of the entries.
    var latestStart: Instant? { entries.map(\.start).max() }

    /// The tally as the projections store it: firms numbered once, each entry's bidders and
    /// winner by number.
    func encoded() -> [UInt8] {
        var numbers: [String: Int64] = [:]
        var firms: [String] = []
        func number(_ firm: String) -> Int64 {
            if let known = numbers[firm] { return known }
            numbers[firm] = Int64(firms.count)
            firms.append(firm)
            return Int64(firms.count - 1)
        }
        var body = BinaryRecordWriter(capacity: 32 * entries.count + 16)
        body.integer(Int64(entries.count))
        for entry in entries {
            body.string(entry.subject)
            body.integer(entry.start.millisecondsSinceEpoch)
            body.integer(entry.close.millisecondsSinceEpoch - entry.start.millisecondsSinceEpoch)
            body.integer(Int64(entry.bidders.count))
            for bidder in entry.bidders { body.integer(number(bidder)) }
            body.integer(entry.winner.map { number($0) + 1 } ?? 0)
        }
        var writer = BinaryRecordWriter(capacity: body.count + 16 * firms.count + 16)
        writer.integer(lastSeq)
        writer.integer(Int64(firms.count))
        for firm in firms { writer.string(firm) }
        body.withBytes { writer.raw($0) }
        writer.integer(Int64(unplaced.count))
        for subject in unplaced.sorted() { writer.string(subject) }
        return writer.bytes
    }

    /// Reads a tally written by `encoded()`; nil when damaged.
    init?(encoded bytes: UnsafeRawBufferPointer) {
        var reader = BinaryRecordReader(bytes)
        guard let lastSeq = reader.integer(), let firmCount = reader.count() else {
            return nil
        }
        var firms: [String] = []
        firms.reserveCapacity(Int(firmCount))
        for _ in 0..<firmCount {
            guard let firm = reader.requiredString() else { return nil }
            firms.append(firm)
        }
        guard let entryCount = reader.count() else { return nil }
        var entries: [BidderHistory.Entry] = []
        entries.reserveCapacity(Int(entryCount))
        for _ in 0..<entryCount {
            guard let subject = reader.requiredString(), let start = reader.integer(), let length = reader.integer(),
                let bidderCount = reader.integer(), bidderCount >= 0, bidderCount <= firmCount
            else { return nil }
            var bidders: [String] = []
            for _ in 0..<bidderCount {
                guard let index = reader.integer(), firms.indices.contains(Int(index)) else { return nil }
                bidders.append(firms[Int(index)])
            }
            guard let winner = reader.integer(), winner == 0 || firms.indices.contains(Int(winner - 1)) else { return nil }
            entries.append(
                BidderHistory.Entry(
                    subject: subject, start: Instant(millisecondsSinceEpoch: start),
                    close: Instant(millisecondsSinceEpoch: start + length), bidders: bidders,
                    winner: winner == 0 ? nil : firms[Int(winner - 1)]))
        }
        guard let unplacedCount = reader.count() else { return nil }
        var unplaced: Set<String> = []
        for _ in 0..<unplacedCount {
            guard let subject = reader.requiredString() else { return nil }
            unplaced.insert(subject)
        }
        guard reader.isAtEnd else { return nil }
        self.entries = entries
        self.unplaced = unplaced
        self.lastSeq = lastSeq
    }

    init() {}
}
