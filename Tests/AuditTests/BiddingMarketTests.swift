@testable import Audit
import EventLog
import Testing

/// The cross-tender patterns (陪标, 围标, 轮流坐庄; 《招标投标法实施条例》 art. 39) on a market
/// written by hand, with every count and affinity worked out below.
@Suite struct BiddingMarketTests {
    /// - R1–R6: A, B and C bid together with one outsider each and win in turn (A, B, C, A, B, C).
    /// - G1–G5: G and H bid together; G wins three, H one, an outsider one. G6: G alone with an outsider.
    /// - L1–L6: L loses to W (L1, L2, L4, L5) and to V (L3, L6); L7: L with an outsider, not awarded.
    /// - M1–M5: M loses to five different firms.
    static let market = BiddingMarket(tenders: [
        ("tender:R1", ["A", "B", "C", "X1"], "A"), ("tender:R2", ["A", "B", "C", "X2"], "B"), ("tender:R3", ["A", "B", "C", "X3"], "C"),
        ("tender:R4", ["A", "B", "C", "X4"], "A"), ("tender:R5", ["A", "B", "C", "X5"], "B"), ("tender:R6", ["A", "B", "C", "X6"], "C"),
        ("tender:G1", ["G", "H", "Y1"], "G"), ("tender:G2", ["G", "H", "Y2"], "G"), ("tender:G3", ["G", "H", "Y3"], "G"),
        ("tender:G4", ["G", "H", "Y4"], "H"), ("tender:G5", ["G", "H", "Y5"], "Y5"), ("tender:G6", ["G", "Y6"], "Y6"),
        ("tender:L1", ["W", "L", "Z1"], "W"), ("tender:L2", ["W", "L", "Z2"], "W"), ("tender:L3", ["V", "L", "Z3"], "V"),
        ("tender:L4", ["W", "L", "Z4"], "W"), ("tender:L5", ["W", "L", "Z5"], "W"), ("tender:L6", ["V", "L", "Z6"], "V"),
        ("tender:L7", ["L", "Z7"], nil),
        ("tender:M1", ["M", "N1"], "N1"), ("tender:M2", ["M", "N2"], "N2"), ("tender:M3", ["M", "N3"], "N3"),
        ("tender:M4", ["M", "N4"], "N4"), ("tender:M5", ["M", "N5"], "N5"),
    ])

    func names(_ firms: [Int32]) -> [String] { firms.map(Self.market.name) }
    func subjects(_ tenders: [Int]) -> [String] { tenders.map { Self.market.entries[$0].subject } }

    @Test func `a firm that bid 7 times, lost 6 awarded tenders to W (4) and V (2) and never won is a perpetual loser`() {
        let losers = Self.market.perpetualLosers(minimumLosses: 5, winners: 2, share: 0.8)
        // M lost 5 to 5 firms: the top two took 2 of 5 (0.4); A…H, W, V won; the outsiders bid once or twice.
        #expect(losers.map { Self.market.name($0.firm) } == ["L"])
        let loser = losers[0]
        #expect(loser.bids == 7)
        #expect(subjects(loser.losses) == ["tender:L1", "tender:L2", "tender:L3", "tender:L4", "tender:L5", "tender:L6"])
        #expect(loser.winners.map { "\(Self.market.name($0.firm))×\($0.count)" } == ["W×4", "V×2"])
        #expect(loser.covered == 6)
    }

    @Test func `the loser's winners must be few: W alone took 4 of 6, under 80%`() {
        #expect(Self.market.perpetualLosers(minimumLosses: 5, winners: 1, share: 0.8).isEmpty)
        #expect(Self.market.perpetualLosers(minimumLosses: 5, winners: 1, share: 0.66).map { Self.market.name($0.firm) } == ["L"])
        #expect(Self.market.perpetualLosers(minimumLosses: 7, winners: 2, share: 0.8).isEmpty)
        // With five winners allowed, M's five losses are covered too.
        #expect(Self.market.perpetualLosers(minimumLosses: 5, winners: 5, share: 0.8).map { Self.market.name($0.firm) } == ["L", "M"])
    }

    @Test func `rings are the maximal groups of firms that meet often with a high Jaccard affinity`() {
        let rings = Self.market.rings(minimumTogether: 4, minimumAffinity: 0.5, maximumBidders: 30)
        #expect(rings.map { names($0.members) } == [["A", "B", "C"], ["G", "H"], ["W", "L"]])
        // A, B, C: 6 tenders each, 6 together: affinity 6 / (6 + 6 − 6) = 1.
        #expect(rings[0].pairTenders == 6)
        #expect(rings[0].affinity == 1)
        #expect(rings[0].together == 6)
        #expect(subjects(rings[0].shared) == ["tender:R1", "tender:R2", "tender:R3", "tender:R4", "tender:R5", "tender:R6"])
        // G 6 tenders, H 5, together 5: 5 / (6 + 5 − 5) = 0.833333.
        #expect(rings[1].pairTenders == 5)
        #expect(format6(rings[1].affinity) == "0.833333")
        #expect(subjects(rings[1].shared) == ["tender:G1", "tender:G2", "tender:G3", "tender:G4", "tender:G5"])
        // W 4 tenders, L 7, together 4: 4 / (4 + 7 − 4) = 0.571429. V and L meet twice only.
        #expect(rings[2].pairTenders == 4)
        #expect(format6(rings[2].affinity) == "0.571429")
        #expect(rings[2].together == 4)
    }

    @Test func `a higher affinity or count drops the looser rings; large tenders are not counted`() {
        #expect(Self.market.rings(minimumTogether: 4, minimumAffinity: 0.6, maximumBidders: 30).map { names($0.members) } == [["A", "B", "C"], ["G", "H"]])
        #expect(Self.market.rings(minimumTogether: 6, minimumAffinity: 0.5, maximumBidders: 30).map { names($0.members) } == [["A", "B", "C"]])
        // Tenders of more than 3 bidders left out: R1–R6 no longer count.
        #expect(Self.market.rings(minimumTogether: 4, minimumAffinity: 0.5, maximumBidders: 3).map { names($0.members) } == [["G", "H"], ["W", "L"]])
    }

    @Test func `A, B and C take turns winning; G and H do not (3 to 1), nor do W and L (W wins all)`() throws {
        let rings = Self.market.rings(minimumTogether: 4, minimumAffinity: 0.5, maximumBidders: 30)
        let rotation = try #require(Self.market.rotation(of: rings[0], minimumWins: 4, winShare: 0.5, maximumShare: 0.5))
        #expect(rotation.contested.count == 6)
        #expect(rotation.won.count == 6)
        #expect(rotation.winners.map { "\(Self.market.name($0.firm))×\($0.count)" } == ["A×2", "B×2", "C×2"])
        // G and H: won 4 of 5 (0.8), but G took 3 of the 4 (0.75 > 0.5).
        #expect(Self.market.rotation(of: rings[1], minimumWins: 4, winShare: 0.5, maximumShare: 0.5) == nil)
        #expect(Self.market.rotation(of: rings[1], minimumWins: 4, winShare: 0.5, maximumShare: 0.75)?.won.count == 4)
        // W and L: one winner only.
        #expect(Self.market.rotation(of: rings[2], minimumWins: 4, winShare: 0.5, maximumShare: 1) == nil)
        // Six wins are not enough when seven are asked for.
        #expect(Self.market.rotation(of: rings[0], minimumWins: 7, winShare: 0.5, maximumShare: 0.5) == nil)
    }

    @Test func `a withdrawn bidder does not count as a bidder, and a later award replaces an earlier one`() {
        let at = Instant(millisecondsSinceEpoch: 0)
        func fact(_ seq: Int64, _ role: BiddingMarket.Role, _ firm: String) -> Fact {
            Fact(seq: seq, role: role.rawValue, at: at, recorded: at, dept: "test", actor: nil, subject: "tender:T", id: "E\(seq)", values: [firm])
        }
        let market = BiddingMarket(facts: [
            fact(1, .bid, "A"), fact(2, .bid, "B"), fact(3, .bid, "C"), fact(4, .withdrawn, "C"), fact(5, .bid, "A"),
            fact(6, .awarded, "A"), fact(7, .awarded, "B"),
        ])
        #expect(market.entries.count == 1)
        #expect(market.entries[0].bidders.map(market.name) == ["A", "B"])
        #expect(market.entries[0].bidSeqs == [1, 2])
        #expect(market.entries[0].winner.map(market.name) == "B")
        #expect(market.entries[0].awardSeq == 7)
        #expect(market.winsOf == [0, 1, 0])
    }
}
