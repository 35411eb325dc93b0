/// Everything the price screens say about one tender's competing bids, by name.
///
/// The seven screens of the literature (`BidScreens`) over all the bids, and richer ones
/// that help a calibrated score:
///
/// - `bids`: how many bids compete.
/// - `low4.*`: the seven screens of the four lowest bids — the designated winner and its
///   nearest covers. Wallimann, Imhof & Huber (2023, "A machine learning approach for
///   flagging incomplete bid-rigging cartels", Computational Economics 62) compute screens
///   over subgroups of a tender's bids so that competitive outsiders bidding beside an
///   incomplete cartel do not drown its pattern.
/// - `loo.min.*`, `loo.max.*`: the smallest and largest value of each screen with one bid
///   left out, over every bid (five bids or more): one outsider's bid moves them.
/// - `ties`: the share of bids whose amount another bid repeats exactly (《招标投标法实施条例》
///   art. 40(4): prices abnormally alike).
/// - `gaps.cv`: the coefficient of variation of the gaps between neighbouring bids; 0 for
///   bids in arithmetic progression (art. 40(4): prices that differ in a regular pattern).
/// - `gap1`: the gap under the second-lowest bid as a share of the whole spread.
/// - `low.ref`, `mean.ref`, `high.ref`: the lowest, mean and highest bid over the tender's
///   estimate (or, without one, its ceiling), where the notice gives one: cartels bid close
///   to what the buyer will pay.
/// - `hist.*`: the bidders' histories in the market's earlier tenders (`BidderHistory`):
///   how often they met before, how closed their group is, how they shared the wins. Only
///   a rule that sees the whole market computes them (`PriceScreenEvaluator.readsHistory`);
///   a tender screened on its own has them nil.
///
/// A screen that cannot be computed — a reference the notice does not give, a division by
/// zero, leave-one-out of four bids — is `nil`.
public struct PriceScreens: Sendable, Equatable {
    /// Every screen's name, in the order of `values`.
    public static let names: [String] =
        ["bids"] + BidScreens.names + BidScreens.names.map { "low4." + $0 } + BidScreens.names.map { "loo.min." + $0 }
        + BidScreens.names.map { "loo.max." + $0 } + ["ties", "gaps.cv", "gap1", "low.ref", "mean.ref", "high.ref"]
        + BidderHistory.names

    /// The screens of the prices alone, without the bidders' histories.
    public static let priceNames = names.filter { !isHistory($0) }

    /// Whether a screen reads the bidders' histories (`hist.*`).
    public static func isHistory(_ name: String) -> Bool { name.hasPrefix("hist.") }

    /// The seven screens of the literature, the ones a tender's finding lists first.
    public static let literatureNames = BidScreens.names

    private static let positions = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($0.element, $0.offset) })

    /// The position of a screen in `values`, or nil for a name that is not a screen.
    public static func position(of name: String) -> Int? { positions[name] }

    /// The values, in the order of `names`.
    public let values: [Double?]
    /// The amounts screened, in ascending order.
    public let amounts: [Double]

    /// A screen's value by name (nil when it cannot be computed or is not a screen).
    public subscript(name: String) -> Double? {
        guard let position = Self.positions[name] else { return nil }
        return values[position]
    }

    /// The screens of a tender's bids, or nil with fewer than `minimumBids` usable amounts.
    ///
    /// - Parameters:
    ///   - amounts: the competing bids' amounts, in any order; amounts that are not positive
    ///     finite numbers are left out.
    ///   - reference: the tender's estimate, else its ceiling, if the notice gives one.
    ///   - minimumBids: at least 4 (the kurtosis needs four values).
    ///   - history: the tender's `BidderHistory` screens, in the order of its names; nil
    ///     leaves them all nil.
    /// - Complexity: O(*n*²) for the leave-one-out screens.
    public init?(amounts: [Double], reference: Double? = nil, minimumBids: Int = 4, history: [Double?]? = nil) {
        precondition(history.map { $0.count == BidderHistory.names.count } ?? true, "one value per history screen")
        let sorted = amounts.filter { $0.isFinite && $0 > 0 }.sorted()
        guard sorted.count >= max(4, minimumBids) else { return nil }
        self.amounts = sorted
        let n = sorted.count
        let all = BidScreens(sorted: sorted[...])
        let lowest = BidScreens(sorted: sorted[0..<4])
        var looMin = [Double?](repeating: nil, count: BidScreens.names.count)
        var looMax = looMin
        if n >= 5 {
            var rest = [Double]()
            rest.reserveCapacity(n - 1)
            for left in 0..<n {
                rest.removeAll(keepingCapacity: true)
                rest.append(contentsOf: sorted[0..<left])
                rest.append(contentsOf: sorted[(left + 1)...])
                for (index, value) in BidScreens(sorted: rest[...]).values.enumerated() {
                    guard let value else { continue }
                    looMin[index] = min(looMin[index] ?? value, value)
                    looMax[index] = max(looMax[index] ?? value, value)
                }
            }
        }
        var repeated = 0
        for (index, amount) in sorted.enumerated()
        where (index > 0 && sorted[index - 1] == amount) || (index + 1 < n && sorted[index + 1] == amount) {
            repeated += 1
        }
        let gaps = zip(sorted.dropFirst(), sorted).map { $0 - $1 }
        let meanGap = BidScreens.mean(gaps[...])
        let range = sorted[n - 1] - sorted[0]
        let usableReference = reference.flatMap { $0.isFinite && $0 > 0 ? $0 : nil }
        values =
            [Double(n)] + all.values + lowest.values + looMin + looMax
            + [
                Double(repeated) / Double(n),
                meanGap > 0 ? BidScreens.sampleStandardDeviation(gaps[...]) / meanGap : nil,
                range > 0 ? (sorted[1] - sorted[0]) / range : nil,
                usableReference.map { sorted[0] / $0 },
                usableReference.map { BidScreens.mean(sorted[...]) / $0 },
                usableReference.map { sorted[n - 1] / $0 },
            ] + (history ?? [Double?](repeating: nil, count: BidderHistory.names.count))
    }
}
