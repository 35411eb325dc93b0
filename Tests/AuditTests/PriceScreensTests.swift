@testable import Audit
import Testing

/// The price screens (`BidScreens`, `PriceScreens`) against values computed by hand and
/// against the screens the data's authors published.
@Suite struct PriceScreensTests {
    /// Four bids 100, 110, 120, 150 (mean 120, deviations −20, −10, 0, 30, s² = 1400/3):
    /// CV = √(1400/3)/120 = 0.180021; SPD = 50/100; DIFFP = 10/100; RD = 10 / sd(110, 120, 150)
    /// = 10/√(1300/3) = 0.480384; Σz⁴ = 980000/(1400/3)² = 4.5, so KURT = 20/6 × 4.5 − 27/2
    /// = 1.5; Σz³ = 18000/(1400/3)^1.5 = 1.785510, so SKEW = 4/6 × 1.785510 = 1.190340;
    /// uᵢ = 0, 0.2, 0.4, 1 against i/4: KS = max(0.75 − 0.4, …) = 0.35.
    @Test func `four bids, computed by hand`() throws {
        let screens = try #require(PriceScreens(amounts: [150, 100, 120, 110], reference: 125))
        #expect(screens.amounts == [100, 110, 120, 150])
        #expect(screens["bids"] == 4)
        #expect(abs((screens["cv"] ?? 0) - 0.1800205750) < 1e-9)
        #expect(screens["spd"] == 0.5)
        #expect(screens["diffp"] == 0.1)
        #expect(abs((screens["rd"] ?? 0) - 0.4803844614) < 1e-9)
        #expect(abs((screens["kurt"] ?? 0) - 1.5) < 1e-12)
        #expect(abs((screens["skew"] ?? 0) - 1.1903401283) < 1e-9)
        #expect(abs((screens["ks"] ?? 0) - 0.35) < 1e-12)
        // The lowest four are all four; leave-one-out needs five.
        #expect(screens["low4.cv"] == screens["cv"])
        #expect(screens["loo.min.cv"] == nil)
        #expect(screens["loo.max.ks"] == nil)
        // Gaps 10, 10, 30: sd √(400/3) over mean 50/3.
        #expect(screens["ties"] == 0)
        #expect(abs((screens["gaps.cv"] ?? 0) - 0.6928203230) < 1e-9)
        #expect(screens["gap1"] == 0.2)
        #expect(screens["low.ref"] == 0.8)
        #expect(screens["mean.ref"] == 0.96)
        #expect(screens["high.ref"] == 1.2)
        #expect(screens.values.count == PriceScreens.names.count)
        #expect(PriceScreens.names.count == 44)
        #expect(PriceScreens.priceNames.count == 35)
        // Screened on its own, a tender has no history: every hist.* screen is nil.
        #expect(BidderHistory.names.allSatisfy { screens[$0] == nil })
        #expect(Array(PriceScreens.names.suffix(9)) == BidderHistory.names)
    }

    @Test func `leave one out: the extremes over the bids left out`() throws {
        // Leaving out 200 gives the four bids above (CV 0.1800, SPD 0.5, the narrowest);
        // leaving out a middle bid keeps 100 and 200 (SPD 1, the widest).
        let screens = try #require(PriceScreens(amounts: [100, 110, 120, 150, 200]))
        #expect(abs((screens["loo.min.cv"] ?? 0) - 0.1800205750) < 1e-9)
        #expect(screens["loo.max.spd"] == 1)
        #expect(screens["loo.min.spd"] == 0.5)
        #expect(screens["low4.spd"] == 0.5)
        #expect(screens["low.ref"] == nil)
    }

    @Test func `undefined screens are nil, not zero`() throws {
        let same = try #require(PriceScreens(amounts: [500, 500, 500, 500]))
        #expect(same["cv"] == 0)
        #expect(same["spd"] == 0)
        #expect(same["rd"] == nil)
        #expect(same["kurt"] == nil)
        #expect(same["skew"] == nil)
        #expect(same["ks"] == nil)
        #expect(same["ties"] == 1)
        #expect(same["gaps.cv"] == nil)
        // Two identical lowest bids: DIFFP 0, and RD 0 over the losing bids' spread.
        let tied = try #require(PriceScreens(amounts: [90, 90, 100, 130]))
        #expect(tied["diffp"] == 0)
        #expect(tied["rd"] == 0)
        #expect(tied["ties"] == 0.5)
    }

    @Test func `too few usable bids: no screens`() {
        #expect(PriceScreens(amounts: [100, 110, 120]) == nil)
        #expect(PriceScreens(amounts: [100, 110, 120, 0, -5, .nan]) == nil)
        #expect(PriceScreens(amounts: [100, 110, 120, 130], minimumBids: 5) == nil)
        #expect(PriceScreens(amounts: [100, 110, 120, 130, 140], minimumBids: 5)?["bids"] == 5)
    }

    /// An excerpt of the labelled tenders released with García Rodríguez et al. (2022),
    /// "Collusion detection in public procurement auctions with machine learning
    /// algorithms", Automation in Construction 133, 104047, doi:10.1016/j.autcon.2021.104047:
    /// each tender's bids and the authors' precomputed CV, SPD, DIFFP, RD, KURT, SKEW, KSTEST
    /// (brazil.csv tenders 1–3, japan.csv tender 2, switzerland_ticino.csv tender 114).
    static let excerpt: [(name: String, bids: [Double], published: [Double])] = [
        (
            "Brazil 1",
            [
                107807690.49, 116619983.74, 129950000.0, 150358226.95, 157831420.93, 167597129.07, 174390179.87, 181365000.0,
                181700527.75, 194974613.79, 245224367.72,
            ], [0.2363, 1.2746, 0.0817, 0.2978, 0.7286, 0.4923, 0.2805]
        ),
        ("Brazil 2", [93354790.62, 104231102.75, 112493190.56, 115507668.06], [0.0932, 0.2373, 0.1165, 1.1331, -0.6638, -0.8518, 0.3639]),
        (
            "Brazil 3", [117491879.01, 126530000.0, 127730159.48, 152915561.29, 173756939.95, 179252288.15],
            [0.1795, 0.5257, 0.0769, 0.3903, -2.2615, 0.3137, 0.3342]
        ),
        (
            "Japan 2", [11169000, 11427370, 11456000, 11487700, 11492000, 12000000, 12500000, 13900000, 14000000, 14500000],
            [0.1021, 0.2982, 0.0231, 0.2375, -1.2043, 0.8118, 0.403]
        ),
        (
            "Ticino 114", [847947.1, 884780.9, 911047.45, 893698.0, 893293.8, 894107.6, 877307.5, 893824.85, 883305.45],
            [0.0195, 0.0744, 0.0346, 1.8714, 3.2099, -1.3164, 0.3542]
        ),
    ]

    static func rounded(_ value: Double?) -> Double? { value.map { ($0 * 10_000).rounded() / 10_000 } }

    @Test(arguments: excerpt.indices)
    func `reproduces the authors' screens`(index: Int) throws {
        let tender = Self.excerpt[index]
        let screens = try #require(PriceScreens(amounts: tender.bids))
        let published = tender.published
        #expect(Self.rounded(screens["cv"]) == published[0], "\(tender.name) CV")
        #expect(Self.rounded(screens["spd"]) == published[1], "\(tender.name) SPD")
        #expect(Self.rounded(screens["diffp"]) == published[2], "\(tender.name) DIFFP")
        #expect(Self.rounded(screens["kurt"]) == published[4], "\(tender.name) KURT")
        #expect(Self.rounded(screens["skew"]) == published[5], "\(tender.name) SKEW")
        #expect(Self.rounded(screens["ks"]) == published[6], "\(tender.name) KSTEST")
        // The authors' RD divides the two lowest bids' gap by the sample standard deviation
        // of every bid but the highest; the papers' RD (ours) by that of the losing bids.
        let sorted = screens.amounts
        let authors = (sorted[1] - sorted[0]) / BidScreens.sampleStandardDeviation(sorted.dropLast()[...])
        #expect(Self.rounded(authors) == published[3], "\(tender.name) RD as published")
        let papers = (sorted[1] - sorted[0]) / BidScreens.sampleStandardDeviation(sorted.dropFirst()[...])
        #expect(screens["rd"] == papers)
    }

    @Test func `figures: four significant digits, at least four decimals, no trailing zeros`() {
        #expect(screenFigure(0) == "0")
        #expect(screenFigure(1.27456) == "1.2746")
        #expect(screenFigure(-2.26154) == "-2.2615")
        #expect(screenFigure(0.041123) == "0.04112")
        #expect(screenFigure(0.00012345) == "0.0001235")
        #expect(screenFigure(0.5) == "0.5")
        #expect(screenFigure(11) == "11")
        #expect(screenFigure(100869169.08) == "100869169.08")
        #expect(screenFigure(-0.00001) == "-0.00001")
    }
}
