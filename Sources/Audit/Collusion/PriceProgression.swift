#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Bid prices in a regular pattern: 《招标投标法实施条例》 art. 40(4), "投标报价呈规律性差异"
/// — prices that step by a constant amount or a constant ratio, as when one hand wrote
/// every bid from one figure.
///
/// Precisely, for the competing bids of a tender sorted ascending, a₁ < a₂ < … < aₙ,
/// with n ≥ `minimumBids` (default 3, so at least two gaps):
///
/// - **arithmetic**: the gaps gᵢ = aᵢ₊₁ − aᵢ are all positive and each is within
///   `tolerance` × ḡ of their mean ḡ (the common difference);
/// - **geometric**: the log-ratios lᵢ = ln(aᵢ₊₁ / aᵢ) are all positive and each is within
///   `tolerance` × l̄ of their mean l̄; each bid is e^−l̄ times the next higher one (the same
///   percentage off each time);
/// - **reaching the ceiling** (a constant ratio to the ceiling): either pattern holds for
///   the sequence a₁, …, aₙ, c continued by the published ceiling c > aₙ — every bid is the
///   ceiling less a whole number of equal steps (c − k·d) or the ceiling times a power of
///   one factor (c·qᵏ), so the bids stand in a constant ratio to the ceiling.
///
/// Equal prices are not a progression (a gap of 0); they are `identical_prices`.
/// The tolerance is relative to the step, not the price, so rounding a computed price to
/// the yuan keeps it regular while two honest bids 2% apart beside a third elsewhere are
/// not. For three independent bids spread evenly at random, the chance that the two gaps
/// agree within 1% is about 0.5%; with four bids it is about 0.005%.
struct PriceProgression: Sendable, Equatable {
    enum Kind: String, Sendable {
        case arithmetic, geometric
    }

    var kind: Kind
    /// Whether the ceiling continues the progression as its next term.
    var reachesCeiling: Bool
    /// The common difference (arithmetic), or the common ratio of each term to the next
    /// higher one (geometric; below 1: 0.97 when each bid is 97% of the next).
    var step: Double
    /// The largest deviation of a gap from the mean gap, relative to the mean gap.
    var deviation: Double

    /// The most telling progression the amounts form: one that reaches the ceiling before
    /// one that does not, arithmetic before geometric; nil when they form none.
    ///
    /// - Parameters:
    ///   - amounts: the bid prices, in any order.
    ///   - ceiling: the published ceiling (最高投标限价), when there is one.
    ///   - tolerance: how far a gap may stray from the mean gap, as a fraction of it.
    ///   - minimumBids: the fewest bids that can form a pattern.
    /// - Complexity: O(*n* log *n*) in the number of amounts.
    static func find(in amounts: [Double], ceiling: Double?, tolerance: Double, minimumBids: Int = 3) -> PriceProgression? {
        guard amounts.count >= max(minimumBids, 3), amounts.allSatisfy({ $0 > 0 && $0.isFinite }) else { return nil }
        let sorted = amounts.sorted()
        var candidates: [(terms: [Double], reachesCeiling: Bool)] = []
        if let ceiling, let last = sorted.last, ceiling > last { candidates.append((sorted + [ceiling], true)) }
        candidates.append((sorted, false))
        for (terms, reachesCeiling) in candidates {
            for kind in [Kind.arithmetic, .geometric] {
                let gaps = zip(terms, terms.dropFirst()).map { kind == .arithmetic ? $1 - $0 : log($1 / $0) }
                guard let deviation = relativeDeviation(gaps), deviation <= tolerance else { continue }
                let mean = gaps.reduce(0, +) / Double(gaps.count)
                return PriceProgression(kind: kind, reachesCeiling: reachesCeiling, step: kind == .arithmetic ? mean : exp(-mean), deviation: deviation)
            }
        }
        return nil
    }

    /// max |gᵢ − ḡ| / ḡ, or nil when a gap is not positive.
    static func relativeDeviation(_ gaps: [Double]) -> Double? {
        guard !gaps.isEmpty, gaps.allSatisfy({ $0 > 0 }) else { return nil }
        let mean = gaps.reduce(0, +) / Double(gaps.count)
        return gaps.map { abs($0 - mean) }.max().map { $0 / mean }
    }
}
