@testable import Audit
import Testing

/// Bid prices "呈规律性差异" (《招标投标法实施条例》 art. 40(4)): progressions, with the values
/// worked out by hand in each test.
@Suite struct PriceProgressionTests {
    @Test func `five bids stepping by 21,500 are an arithmetic progression that does not reach the ceiling`() throws {
        // The trading centre's HW-004: 2,318,000 + k × 21,500; the ceiling 2,480,000 is 76,000 above the top bid.
        let amounts: [Double] = [2_361_000, 2_318_000, 2_404_000, 2_339_500, 2_382_500]
        let found = try #require(PriceProgression.find(in: amounts, ceiling: 2_480_000, tolerance: 0.01))
        #expect(found == PriceProgression(kind: .arithmetic, reachesCeiling: false, step: 21_500, deviation: 0))
    }

    @Test func `bids the ceiling continues in equal steps reach the ceiling`() throws {
        // 900, 950, 1,000 and the ceiling 1,050: gaps 50, 50, 50.
        let found = try #require(PriceProgression.find(in: [1000, 900, 950], ceiling: 1050, tolerance: 0.01))
        #expect(found == PriceProgression(kind: .arithmetic, reachesCeiling: true, step: 50, deviation: 0))
    }

    @Test func `each bid 97% of the next, from the ceiling down, is a geometric progression reaching the ceiling`() throws {
        // 5,000,000 × 0.97ᵏ rounded to the yuan: 4,850,000, 4,704,500, 4,563,365, 4,426,464 (from 4,426,464.05).
        let found = try #require(PriceProgression.find(in: [4_850_000, 4_704_500, 4_563_365, 4_426_464], ceiling: 5_000_000, tolerance: 0.01))
        #expect(found.kind == .geometric)
        #expect(found.reachesCeiling)
        #expect(format6(found.step) == "0.97")
        // The rounding moves one log-gap by ln(4,426,464.05 / 4,426,464) ≈ 1.1e-8 of a mean of ln(1/0.97) ≈ 0.0305.
        #expect(found.deviation < 1e-6)
    }

    @Test func `gaps of 100 and 101 are within 1%, gaps of 100 and 103 are not`() throws {
        // Mean gap 100.5, largest deviation 0.5: 0.5 / 100.5 = 0.004975.
        let near = try #require(PriceProgression.find(in: [1000, 1100, 1201], ceiling: nil, tolerance: 0.01))
        #expect(near.kind == .arithmetic)
        #expect(format6(near.deviation) == "0.004975")
        // Mean gap 101.5, deviation 1.5: 0.014778 > 0.01; log-gaps ln 1.1 = 0.095310 and ln(1203/1100) = 0.089508
        // deviate from their mean 0.092409 by 0.031395 of it: no geometric progression either.
        #expect(PriceProgression.find(in: [1000, 1100, 1203], ceiling: nil, tolerance: 0.01) == nil)
        #expect(PriceProgression.find(in: [1000, 1100, 1203], ceiling: nil, tolerance: 0.015)?.kind == .arithmetic)
    }

    @Test func `two bids 2% apart beside others, equal prices, and too few bids are no progression`() {
        #expect(PriceProgression.find(in: [3_000_000, 3_060_000, 3_290_000, 3_410_000], ceiling: 3_600_000, tolerance: 0.01) == nil)
        #expect(PriceProgression.find(in: [1000, 1000, 1000], ceiling: nil, tolerance: 0.01) == nil)
        #expect(PriceProgression.find(in: [1000, 1100], ceiling: 1200, tolerance: 0.01) == nil)
        #expect(PriceProgression.find(in: [1000, 1100, 1200], ceiling: nil, tolerance: 0.01, minimumBids: 4) == nil)
        #expect(PriceProgression.find(in: [1000, 0, 2000], ceiling: nil, tolerance: 0.01) == nil)
    }

    @Test func `a progression that is both arithmetic and nearly geometric is reported as arithmetic`() throws {
        // Gaps of 1,000 on a million: log-gaps 0.0009995 and 0.0009985, 0.05% apart, well within 1%.
        let found = try #require(PriceProgression.find(in: [1_000_000, 1_001_000, 1_002_000], ceiling: 1_100_000, tolerance: 0.01))
        #expect(found == PriceProgression(kind: .arithmetic, reachesCeiling: false, step: 1000, deviation: 0))
    }
}
