#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif
public import EventLog

/// What a tender's bidders did in the market's earlier tenders: screens of the bidders'
/// histories, for a calibrated score.
///
/// A cartel is a stable group: its members meet tender after tender, face few outsiders
/// and share the wins among themselves (OECD, *Guidelines for Fighting Bid Rigging in
/// Public Procurement*, 2009, lists the same suppliers bidding again and again and
/// suppliers taking turns to win among the signs of bid rigging; Conley & Decarolis 2016,
/// "Detecting bidders groups in collusive auctions", AEJ: Microeconomics 8(2), test for
/// firms that keep entering together). Each
/// screen is a number a calibrated score can weigh:
///
/// | name | what, over the tender's distinct bidders B (|B| = n) |
/// |---|---|
/// | `hist.known` | the share of B that had bid before |
/// | `hist.bids` | the mean of ln(1 + earlier bids) over B |
/// | `hist.pairs` | the share of the n(n−1)/2 pairs of B that had bid together before |
/// | `hist.together` | the mean over those pairs of ln(1 + earlier tenders together) |
/// | `hist.closed` | the mean, over the bidders of B that had met rivals, of the share of their earlier rivals that are in B |
/// | `hist.rivals` | the mean of ln(1 + distinct earlier rivals) over B |
/// | `hist.win_rate` | the mean, over the bidders of B that had bid before, of earlier wins / earlier bids |
/// | `hist.winner_rate` | the tender's winner's earlier wins / earlier bids |
/// | `hist.winner_share` | the winner's share of the earlier wins of all of B |
///
/// **No look-ahead.** A tender's history is made of the tenders that *closed* — their
/// last competing bid and their award — strictly before it *started* (its notice, else its
/// first bid): what an inspector could have known when it opened. Tenders at the same
/// instant do not see each other. The screens use no labels (no outcome of a case), only
/// who bid and who won, so they can be computed for the tenders a model is measured on.
/// The values depend on the set of tenders only, never on the order they were read in, so
/// an audit that reads the log in pieces and a rebuild agree.
///
/// **A window.** With `days`, only the tenders that closed within that many days before a
/// tender started count: counts that grow for as long as the log does would tell early
/// tenders from late ones rather than rigged from competitive, and a score learnt on one
/// period would drift on the next.
///
/// A screen with nothing to average (no bidder known before, no earlier win) is nil.
public struct BidderHistory: Sendable {
    /// One tender as the history sees it.
    public struct Entry: Sendable, Equatable {
        public var subject: String
        /// When it started (its notice, else its first bid) and when everything the history
        /// reads of it had happened (its last competing bid, its award).
        public var start: Instant
        public var close: Instant
        /// The distinct firms that bid.
        public var bidders: [String]
        /// The firm that won (the award's), if known.
        public var winner: String?

        public init(subject: String, start: Instant, close: Instant, bidders: [String], winner: String?) {
            self.subject = subject
            self.start = start
            self.close = max(start, close)
            var seen: Set<String> = []
            self.bidders = bidders.filter { !$0.isEmpty && seen.insert($0).inserted }
            self.winner = winner.flatMap { $0.isEmpty ? nil : $0 }
        }
    }

    /// The screens' names, in the order of the values.
    public static let names = [
        "hist.known", "hist.bids", "hist.pairs", "hist.together", "hist.closed", "hist.rivals", "hist.win_rate", "hist.winner_rate",
        "hist.winner_share",
    ]

    /// Each tender's history screens, in the order of `names`, by subject.
    ///
    /// - Parameters:
    ///   - entries: the market's tenders, in any order.
    ///   - days: count only the tenders that closed at most this many days (of 24 hours)
    ///     before a tender started; nil counts every earlier tender.
    /// - Complexity: O(*N* log *N* + Σ *n*²) for *N* tenders of *n* bidders: one sweep in
    ///   time, pairs counted per tender.
    public static func screens(_ entries: [Entry], days: Int? = nil) -> [String: [Double?]] {
        var numbers: [String: Int32] = [:]
        func number(_ firm: String) -> Int32 {
            if let known = numbers[firm] { return known }
            let next = Int32(numbers.count)
            numbers[firm] = next
            return next
        }
        let firms = entries.map { $0.bidders.map(number) }
        let winners = entries.map { $0.winner.map(number) }
        var bids = [Int](repeating: 0, count: numbers.count)
        var wins = bids
        var rivals = bids
        var together: [UInt64: Int] = [:]
        func pair(_ a: Int32, _ b: Int32) -> UInt64 { UInt64(UInt32(min(a, b))) << 32 | UInt64(UInt32(max(a, b))) }

        // Tenders join the history in the order they closed; each is screened, in the order
        // they started, against those that closed before it started. Ties need no order:
        // nothing joins or leaves between two tenders that start at the same instant, and
        // tenders that close at the same instant join (or leave) together.
        let closing = entries.indices.sorted { entries[$0].close < entries[$1].close }
        let starting = entries.indices.sorted { entries[$0].start < entries[$1].start }
        // Adds a tender to the counts (+1) or takes it out of the window (−1).
        func count(_ earlier: Int, _ step: Int) {
            let group = firms[earlier]
            for firm in group { bids[Int(firm)] += step }
            if let winner = winners[earlier] { wins[Int(winner)] += step }
            for (i, a) in group.enumerated() {
                for b in group[(i + 1)...] {
                    let key = pair(a, b)
                    let before = together[key, default: 0]
                    let after = before + step
                    if (before == 0) != (after == 0) {
                        rivals[Int(a)] += step
                        rivals[Int(b)] += step
                    }
                    together[key] = after == 0 ? nil : after
                }
            }
        }
        let window = days.map { Int64($0) * 86_400_000 }
        var added = 0
        var dropped = 0
        var result: [String: [Double?]] = [:]
        result.reserveCapacity(entries.count)
        for index in starting {
            let start = entries[index].start
            while added < closing.count, entries[closing[added]].close < start {
                count(closing[added], 1)
                added += 1
            }
            if let window {
                let from = Instant(millisecondsSinceEpoch: start.millisecondsSinceEpoch - window)
                while dropped < added, entries[closing[dropped]].close < from {
                    count(closing[dropped], -1)
                    dropped += 1
                }
            }
            result[entries[index].subject] = values(
                firms[index], winner: winners[index], bids: bids, wins: wins, rivals: rivals,
                together: { together[pair($0, $1)] ?? 0 })
        }
        return result
    }

    /// The screens of one tender's bidders against the counts of the tenders before it.
    private static func values(
        _ group: [Int32], winner: Int32?, bids: [Int], wins: [Int], rivals: [Int], together: (Int32, Int32) -> Int
    ) -> [Double?] {
        guard !group.isEmpty else { return [Double?](repeating: nil, count: names.count) }
        let n = Double(group.count)
        let known = group.filter { bids[Int($0)] > 0 }
        var pairs = 0
        var pairsBefore = 0
        var logTogether = 0.0
        var inside = [Int](repeating: 0, count: group.count)
        for (i, a) in group.enumerated() {
            for (offset, b) in group[(i + 1)...].enumerated() {
                let count = together(a, b)
                pairs += 1
                logTogether += log1p(Double(count))
                if count > 0 {
                    pairsBefore += 1
                    inside[i] += 1
                    inside[i + 1 + offset] += 1
                }
            }
        }
        let closedShares = group.indices.compactMap { i -> Double? in
            let met = rivals[Int(group[i])]
            return met > 0 ? Double(inside[i]) / Double(met) : nil
        }
        let winRates = known.map { Double(wins[Int($0)]) / Double(bids[Int($0)]) }
        let earlierWins = group.reduce(0) { $0 + wins[Int($1)] }
        let winnerRate = winner.flatMap { firm -> Double? in
            bids[Int(firm)] > 0 ? Double(wins[Int(firm)]) / Double(bids[Int(firm)]) : nil
        }
        let winnerShare = winner.flatMap { firm -> Double? in earlierWins > 0 ? Double(wins[Int(firm)]) / Double(earlierWins) : nil }
        return [
            Double(known.count) / n,
            group.reduce(0.0) { $0 + log1p(Double(bids[Int($1)])) } / n,
            pairs > 0 ? Double(pairsBefore) / Double(pairs) : nil,
            pairs > 0 ? logTogether / Double(pairs) : nil,
            closedShares.isEmpty ? nil : closedShares.reduce(0, +) / Double(closedShares.count),
            group.reduce(0.0) { $0 + log1p(Double(rivals[Int($1)])) } / n,
            winRates.isEmpty ? nil : winRates.reduce(0, +) / Double(winRates.count),
            winnerRate,
            winnerShare,
        ]
    }
}
