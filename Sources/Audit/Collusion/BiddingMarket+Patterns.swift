/// The cross-tender patterns of bid rigging: perpetual losers (陪标), co-bidding rings
/// (围标) and bid rotation (轮流坐庄).
extension BiddingMarket {
    /// A firm and how many of some tenders it won.
    struct WinCount: Sendable, Equatable {
        var firm: Int32
        var count: Int
    }

    /// A firm that keeps losing to the same few winners.
    struct PerpetualLoser: Sendable, Equatable {
        var firm: Int32
        /// Tenders it bid in.
        var bids: Int
        /// Awarded tenders it bid in and lost, in the order they appeared.
        var losses: [Int]
        /// Who won those, most wins first (then by firm number).
        var winners: [WinCount]
        /// How many of the losses the top winners took.
        var covered: Int
    }

    /// Perpetual losers (陪标): a firm with at least `minimumLosses` awarded tenders lost,
    /// no win in any tender of the market, and the `winners` firms that most often beat it
    /// taking at least `share` of those losses — the firm bids to make up the numbers
    /// (招标投标法 art. 28 needs three bidders) for a small set of winners.
    ///
    /// - Complexity: O(*b*) in the number of (tender, bidder) pairs, plus sorting each
    ///   flagged firm's winners.
    func perpetualLosers(minimumLosses: Int, winners: Int, share: Double) -> [PerpetualLoser] {
        var found: [PerpetualLoser] = []
        for firm in firms.indices where winsOf[firm] == 0 && tendersOf[firm].count >= minimumLosses {
            let losses = tendersOf[firm].filter { entries[$0].winner != nil }
            guard losses.count >= minimumLosses else { continue }
            var counts: [Int32: Int] = [:]
            for tender in losses { if let winner = entries[tender].winner { counts[winner, default: 0] += 1 } }
            let ranked = counts.map { WinCount(firm: $0.key, count: $0.value) }.sorted { $0.count != $1.count ? $0.count > $1.count : $0.firm < $1.firm }
            let covered = ranked.prefix(winners).reduce(0) { $0 + $1.count }
            guard Double(covered) >= share * Double(losses.count) else { continue }
            found.append(PerpetualLoser(firm: Int32(firm), bids: tendersOf[firm].count, losses: losses, winners: ranked, covered: covered))
        }
        return found
    }

    /// A group of firms that keep bidding together.
    struct Ring: Sendable, Equatable {
        /// Ascending firm numbers.
        var members: [Int32]
        /// The fewest tenders any two members bid in together.
        var pairTenders: Int
        /// The lowest affinity of any two members (see `rings`).
        var affinity: Double
        /// Tenders in which every member bid.
        var together: Int
        /// Tenders in which at least two members bid, in the order they appeared.
        var shared: [Int]
    }

    /// Co-bidding rings (围标): maximal groups of two or more firms in which every two
    /// bid together in at least `minimumTogether` tenders and with an affinity of at least
    /// `minimumAffinity`, where the affinity of firms x and y is the Jaccard index of the
    /// tenders they bid in, |T(x) ∩ T(y)| / |T(x) ∪ T(y)| — the share of either's bids in
    /// which both appear. Independent firms drawn from a pool of n meet in about 1/n of
    /// their bids; a ring meets in most of them.
    ///
    /// Pairs are counted per tender (tenders with more than `maximumBidders` bidders are
    /// left out, as framework tenders open to all); the groups are the maximal cliques of
    /// the graph of qualifying pairs (Bron–Kerbosch with pivoting), in which each firm has
    /// at most about 3 × (bidders per tender) neighbours, so the search stays small.
    func rings(minimumTogether: Int, minimumAffinity: Double, maximumBidders: Int) -> [Ring] {
        var together: [UInt64: Int] = [:]
        for entry in entries where entry.bidders.count >= 2 && entry.bidders.count <= maximumBidders {
            let bidders = entry.bidders
            for i in 0 ..< bidders.count - 1 {
                let high = UInt64(UInt32(bitPattern: bidders[i])) << 32
                for j in i + 1 ..< bidders.count { together[high | UInt64(UInt32(bitPattern: bidders[j])), default: 0] += 1 }
            }
        }
        var neighbours: [Int32: Set<Int32>] = [:]
        var pairs: [UInt64: (count: Int, affinity: Double)] = [:]
        for (pair, count) in together where count >= minimumTogether {
            let a = Int32(truncatingIfNeeded: pair >> 32), b = Int32(truncatingIfNeeded: pair & 0xFFFF_FFFF)
            let affinity = Double(count) / Double(tendersOf[Int(a)].count + tendersOf[Int(b)].count - count)
            guard affinity >= minimumAffinity else { continue }
            neighbours[a, default: []].insert(b)
            neighbours[b, default: []].insert(a)
            pairs[pair] = (count, affinity)
        }
        var cliques: [[Int32]] = []
        func search(_ clique: [Int32], _ candidates: Set<Int32>, _ excluded: Set<Int32>) {
            if candidates.isEmpty && excluded.isEmpty {
                if clique.count >= 2 { cliques.append(clique.sorted()) }
                return
            }
            let pivot = candidates.union(excluded).max { (neighbours[$0]?.intersection(candidates).count ?? 0, -$0) < (neighbours[$1]?.intersection(candidates).count ?? 0, -$1) }
            var candidates = candidates, excluded = excluded
            for firm in candidates.subtracting(pivot.flatMap { neighbours[$0] } ?? []).sorted() {
                let around = neighbours[firm] ?? []
                search(clique + [firm], candidates.intersection(around), excluded.intersection(around))
                candidates.remove(firm)
                excluded.insert(firm)
            }
        }
        // One search per connected group of firms, so that each works on a few firms.
        var seen: Set<Int32> = []
        for start in neighbours.keys.sorted() where !seen.contains(start) {
            var component: Set<Int32> = [start]
            var stack = [start]
            while let firm = stack.popLast() {
                for next in neighbours[firm] ?? [] where component.insert(next).inserted { stack.append(next) }
            }
            seen.formUnion(component)
            search([], component, [])
        }
        return cliques.sorted { $0.lexicographicallyPrecedes($1) }.map { members in
            var counts: [Int: Int] = [:]
            for firm in members { for tender in tendersOf[Int(firm)] { counts[tender, default: 0] += 1 } }
            var fewest = Int.max, lowest = Double.infinity
            for i in 0 ..< members.count - 1 {
                for j in i + 1 ..< members.count {
                    let pair = pairs[UInt64(UInt32(bitPattern: members[i])) << 32 | UInt64(UInt32(bitPattern: members[j]))]
                    fewest = min(fewest, pair?.count ?? 0)
                    lowest = min(lowest, pair?.affinity ?? 0)
                }
            }
            return Ring(
                members: members, pairTenders: fewest, affinity: lowest, together: counts.values.filter { $0 == members.count }.count,
                shared: counts.filter { $0.value >= 2 }.keys.sorted())
        }
    }

    /// A ring whose members take turns winning.
    struct Rotation: Sendable, Equatable {
        var ring: Ring
        /// Awarded tenders in which at least two members bid.
        var contested: [Int]
        /// Those a member won.
        var won: [Int]
        /// Wins by member, most first (members without a win left out).
        var winners: [WinCount]
    }

    /// Bid rotation (轮流坐庄): a ring whose members won at least `minimumWins` of the
    /// awarded tenders in which two or more of them bid, and at least `winShare` of them,
    /// with at least two different members winning and none taking more than `maximumShare`
    /// of those wins — the group bids together and the wins go round.
    func rotation(of ring: Ring, minimumWins: Int, winShare: Double, maximumShare: Double) -> Rotation? {
        let contested = ring.shared.filter { entries[$0].winner != nil }
        let members = Set(ring.members)
        let won = contested.filter { entries[$0].winner.map(members.contains) ?? false }
        guard won.count >= minimumWins, Double(won.count) >= winShare * Double(contested.count) else { return nil }
        var counts: [Int32: Int] = [:]
        for tender in won { if let winner = entries[tender].winner { counts[winner, default: 0] += 1 } }
        let winners = counts.map { WinCount(firm: $0.key, count: $0.value) }.sorted { $0.count != $1.count ? $0.count > $1.count : $0.firm < $1.firm }
        guard winners.count >= 2, let top = winners.first, Double(top.count) <= maximumShare * Double(won.count) else { return nil }
        return Rotation(ring: ring, contested: contested, won: won, winners: winners)
    }
}
