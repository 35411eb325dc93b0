import EventLog

/// The tenders of one market as the cross-tender patterns see them: who bid in each, who
/// won it, and the events that show it.
///
/// A tender's bidders are the firms that submitted a bid and did not withdraw (as in
/// `Tender.bids`; a disqualified bid still counts: the firm took part); its winner is the
/// latest `tender.awarded`. Firms are numbered in the order they first appear, so every
/// pattern is computed on integers, and pairs are counted per tender — O(Σ bidders²) over
/// the tenders, never over pairs of tenders.
struct BiddingMarket: Sendable {
    /// One tender: its bidders (firm numbers, ascending) with the seq of each one's first
    /// bid, its winner and award, its department, and the latest instant of its events.
    struct Entry: Sendable, Equatable {
        var subject: String
        var dept: String
        var bidders: [Int32] = []
        var bidSeqs: [Int64] = []
        var winner: Int32?
        var awardSeq: Int64?
        var latest: Instant
    }

    /// Firm names by number.
    private(set) var firms: [String] = []
    private(set) var entries: [Entry] = []
    /// The tenders (indexes into `entries`) each firm bid in, ascending.
    private(set) var tendersOf: [[Int]] = []
    /// How many tenders each firm won.
    private(set) var winsOf: [Int] = []
    private var numbers: [String: Int32] = [:]

    /// The roles of the facts the patterns mode keeps.
    enum Role: Int {
        case bid = 0, withdrawn = 1, awarded = 2
    }

    /// Builds the market from facts in chronological order: role `bid`, `withdrawn` or
    /// `awarded`, each with the firm (bidder or winner) as its only value and the tender
    /// as its subject.
    init(facts: [Fact]) {
        var indexOf: [String: Int] = [:]
        var bids: [[(firm: Int32, seq: Int64)]] = []
        var withdrawn: [Set<Int32>] = []
        for fact in facts {
            guard let role = Role(rawValue: fact.role), let name = fact.values.first, !name.isEmpty else { continue }
            let index: Int
            if let known = indexOf[fact.subject] {
                index = known
            } else {
                index = entries.count
                indexOf[fact.subject] = index
                entries.append(Entry(subject: fact.subject, dept: fact.dept, latest: fact.at))
                bids.append([])
                withdrawn.append([])
            }
            let firm = number(name)
            entries[index].latest = max(entries[index].latest, fact.at)
            entries[index].dept = fact.dept
            switch role {
            case .bid: bids[index].append((firm, fact.seq))
            case .withdrawn: withdrawn[index].insert(firm)
            case .awarded:
                entries[index].winner = firm
                entries[index].awardSeq = fact.seq
            }
        }
        for index in entries.indices {
            var first: [Int32: Int64] = [:]
            for (firm, seq) in bids[index] where !withdrawn[index].contains(firm) && first[firm] == nil { first[firm] = seq }
            let sorted = first.keys.sorted()
            entries[index].bidders = sorted
            entries[index].bidSeqs = sorted.map { first[$0] ?? 0 }
        }
        index()
    }

    /// A market written out by hand (for tests): each tender's subject, bidders and winner.
    init(tenders: [(subject: String, bidders: [String], winner: String?)]) {
        var facts: [Fact] = []
        var seq: Int64 = 0
        for (offset, tender) in tenders.enumerated() {
            let at = Instant(millisecondsSinceEpoch: Int64(offset) * 86_400_000)
            func add(_ role: Role, _ firm: String) {
                seq += 1
                facts.append(Fact(seq: seq, role: role.rawValue, at: at, recorded: at, dept: "test", actor: nil, subject: tender.subject,
                                  id: "E\(seq)", values: [firm]))
            }
            for bidder in tender.bidders { add(.bid, bidder) }
            if let winner = tender.winner { add(.awarded, winner) }
        }
        self.init(facts: facts)
    }

    /// The firm's name.
    func name(_ firm: Int32) -> String { firms[Int(firm)] }

    private mutating func number(_ name: String) -> Int32 {
        if let known = numbers[name] { return known }
        let firm = Int32(firms.count)
        numbers[name] = firm
        firms.append(name)
        return firm
    }

    private mutating func index() {
        tendersOf = Array(repeating: [], count: firms.count)
        winsOf = Array(repeating: 0, count: firms.count)
        for (index, entry) in entries.enumerated() {
            for firm in entry.bidders { tendersOf[Int(firm)].append(index) }
            if let winner = entry.winner { winsOf[Int(winner)] += 1 }
        }
    }
}
