@testable import Audit
import EventLog
import Foundation
import Testing

/// The bidders' history screens: hand-computed values on a small market, and nothing from
/// a tender that had not closed when the one screened started.
@Suite struct BidderHistoryTests {
    static func day(_ d: Double) -> Instant { Instant(millisecondsSinceEpoch: Int64(d * 86_400_000)) }

    static func entry(_ subject: String, _ start: Double, close: Double? = nil, _ bidders: [String], winner: String?) -> BidderHistory.Entry {
        BidderHistory.Entry(subject: subject, start: day(start), close: day(close ?? start), bidders: bidders, winner: winner)
    }

    /// T1 (day 1): A B C, A wins; T2 (day 2): A B D, B wins; T3 (day 3, screened): A B C E,
    /// A wins; T4 the same day as T3 and T5 a day later: neither may count for T3.
    static let market = [
        entry("T1", 1, ["A", "B", "C"], winner: "A"),
        entry("T2", 2, ["A", "B", "D"], winner: "B"),
        entry("T3", 3, ["A", "B", "C", "E"], winner: "A"),
        entry("T4", 3, ["A", "E"], winner: "E"),
        entry("T5", 4, ["A", "B", "C", "E"], winner: "C"),
    ]

    static func rounded(_ values: [Double?]?) -> [String] {
        (values ?? []).map { $0.map { String(format: "%.6f", $0) } ?? "nil" }
    }

    @Test func `hand-computed screens of a tender whose bidders met before`() throws {
        let screens = BidderHistory.screens(Self.market)
        // Before T3: bids A 2, B 2, C 1, D 1, E 0; wins A 1, B 1; together AB 2, AC 1, BC 1,
        // AD 1, BD 1; distinct rivals A 3, B 3, C 2, D 2.
        // known 3/4; bids (ln 3 + ln 3 + ln 2 + ln 1)/4; pairs AB AC BC of 6; together
        // (ln 3 + ln 2 + ln 2)/6; closed (2/3 + 2/3 + 2/2)/3 = 7/9; rivals (ln 4 + ln 4 + ln 3)/4;
        // win rate (1/2 + 1/2 + 0/1)/3; the winner A: 1/2 of its bids, 1 of the group's 2 wins.
        #expect(
            Self.rounded(screens["T3"]) == [
                "0.750000", "0.722593", "0.500000", "0.414151", "0.777778", "0.967800", "0.333333", "0.500000", "0.500000",
            ])
        // The first tender has no history: nobody known, no pair met, nothing to average.
        #expect(Self.rounded(screens["T1"]) == ["0.000000", "0.000000", "0.000000", "0.000000", "nil", "0.000000", "nil", "nil", "nil"])
        #expect(BidderHistory.names.count == 9)
    }

    @Test func `a tender the same day or later, or one still open, does not count`() throws {
        let alone = BidderHistory.screens(Array(Self.market.prefix(3)))
        let all = BidderHistory.screens(Self.market)
        #expect(all["T3"] == alone["T3"])
        // Were T4 a day earlier, E would be known to T3: the look-ahead the rule avoids.
        var moved = Self.market
        moved[3] = Self.entry("T4", 2, ["A", "E"], winner: "E")
        #expect(BidderHistory.screens(moved)["T3"]?[0] == 1.0)
        // T2 awarded after T3 started has not closed: T3 sees T1 only.
        var open = Self.market
        open[1] = Self.entry("T2", 2, close: 3.5, ["A", "B", "D"], winner: "B")
        let onlyFirst = BidderHistory.screens([Self.market[0], Self.market[2]])
        #expect(BidderHistory.screens(open)["T3"] == onlyFirst["T3"])
        #expect(Self.rounded(onlyFirst["T3"]).prefix(3) == ["0.750000", "0.519860", "0.500000"])
    }

    @Test func `a window counts only the tenders that closed within so many days`() throws {
        // One day back from T3 (day 3) reaches T2 (day 2), not T1 (day 1): bids A 1, B 1, D 1;
        // wins B 1; together AB 1, AD 1, BD 1. Known A B of A B C E; pairs: AB of 6;
        // closed: A 1/2, B 1/2; win rate (0 + 1)/2; the winner A: 0 wins of 1 bid, 0 of 1.
        let windowed = BidderHistory.screens(Self.market, days: 1)
        #expect(
            Self.rounded(windowed["T3"]) == [
                "0.500000", "0.346574", "0.166667", "0.115525", "0.500000", "0.549306", "0.500000", "0.000000", "0.000000",
            ])
        // Two days back reaches both: as without a window.
        #expect(BidderHistory.screens(Self.market, days: 2)["T3"] == BidderHistory.screens(Self.market)["T3"])
        // A pair that met only outside the window has not met; its firms are no rivals.
        let far = [Self.entry("F1", 1, ["A", "B"], winner: "A"), Self.entry("F2", 10, ["A", "B"], winner: nil)]
        #expect(Self.rounded(BidderHistory.screens(far, days: 5)["F2"]).prefix(6) == ["0.000000", "0.000000", "0.000000", "0.000000", "nil", "0.000000"])
        #expect(Self.rounded(BidderHistory.screens(far)["F2"]).prefix(3) == ["1.000000", "0.693147", "1.000000"])
    }

    @Test func `the order the tenders are read in changes nothing`() throws {
        var generator = SplitMix64(state: 42)
        let expected = BidderHistory.screens(Self.market)
        for _ in 0..<5 {
            #expect(BidderHistory.screens(Self.market.shuffled(using: &generator)) == expected)
            #expect(BidderHistory.screens(Self.market.shuffled(using: &generator), days: 1) == BidderHistory.screens(Self.market, days: 1))
        }
    }

    @Test func `repeated bidders and empty names count once or not at all`() {
        let entry = BidderHistory.Entry(subject: "T", start: Self.day(2), close: Self.day(1), bidders: ["A", "", "A", "B"], winner: "")
        #expect(entry.bidders == ["A", "B"])
        #expect(entry.winner == nil)
        #expect(entry.close == Self.day(2))
    }
}
