/// The seven screens of the bid-rigging literature, for one set of bid amounts.
///
/// For bids sorted b₁ ≤ b₂ ≤ … ≤ bₙ with mean x̄ and sample standard deviation
/// s = √(Σ(bᵢ − x̄)² / (n − 1)):
///
/// | name | screen | formula |
/// |---|---|---|
/// | `cv` | coefficient of variation | s / x̄ |
/// | `spd` | spread | (bₙ − b₁) / b₁ |
/// | `diffp` | percentage difference of the two lowest | (b₂ − b₁) / b₁ |
/// | `rd` | relative distance | (b₂ − b₁) / s₂…ₙ, the sample sd of the losing bids b₂…bₙ |
/// | `kurt` | excess kurtosis, bias-corrected (G₂) | n(n+1)/((n−1)(n−2)(n−3)) Σ((bᵢ−x̄)/s)⁴ − 3(n−1)²/((n−2)(n−3)) |
/// | `skew` | skewness, bias-corrected (G₁) | n/((n−1)(n−2)) Σ((bᵢ−x̄)/s)³ |
/// | `ks` | Kolmogorov–Smirnov distance to the uniform on [b₁, bₙ] | maxᵢ max(i/n − uᵢ, uᵢ − (i−1)/n), uᵢ = (bᵢ − b₁)/(bₙ − b₁) |
///
/// Rigged tenders tend to show a low `cv`, `spd` and `kurt` (cover bids bunched above the
/// designated winner's), a large `diffp` and `rd` (a gap under the cover bids), and a
/// negative `skew` (Imhof, Karagök & Rutz 2018, "Screening for bid rigging — does it
/// work?", Journal of Competition Law & Economics 14(2); Huber & Imhof 2019, "Machine
/// learning with screens for detecting bid-rigging cartels", International Journal of
/// Industrial Organization 65; the formulas as García Rodríguez et al. 2022, "Collusion
/// detection in public procurement auctions with machine learning algorithms",
/// Automation in Construction 133, 104047, list them).
///
/// **Estimators.** These variants reproduce the authors' precomputed columns in the files
/// released with García Rodríguez et al. (to the four decimals published): `cv` with the
/// sample (n − 1) standard deviation, `kurt` and `skew` bias-corrected as above (what
/// SciPy gives with `bias=False`), `ks` against the uniform stretched over the tender's own
/// lowest and highest bid — on every tender of four bids or more in all three files. `diffp`
/// matches wherever the two lowest bids are the ones the file lists (all of Brazil's). For
/// `rd` the authors divided by the standard deviation of all bids but the *highest*; the
/// papers define it over the losing bids, which is what this computes.
///
/// A screen that divides by zero (identical bids, a spread of nothing) is `nil`: undefined,
/// not zero.
public struct BidScreens: Sendable, Equatable {
    public var cv: Double?
    public var spd: Double?
    public var diffp: Double?
    public var rd: Double?
    public var kurt: Double?
    public var skew: Double?
    public var ks: Double?

    /// The screens' names, in the order of `values`.
    public static let names = ["cv", "spd", "diffp", "rd", "kurt", "skew", "ks"]

    /// The values in the order of `names`.
    public var values: [Double?] { [cv, spd, diffp, rd, kurt, skew, ks] }

    /// The screens of `sorted`, at least four positive amounts in ascending order.
    ///
    /// - Complexity: O(*n*).
    init(sorted bids: ArraySlice<Double>) {
        precondition(bids.count >= 4, "screens need four bids")
        let n = Double(bids.count)
        let lowest = bids[bids.startIndex]
        let second = bids[bids.startIndex + 1]
        let highest = bids[bids.endIndex - 1]
        let mean = Self.mean(bids)
        let sd = Self.sampleStandardDeviation(bids)
        cv = mean > 0 ? sd / mean : nil
        spd = lowest > 0 ? (highest - lowest) / lowest : nil
        diffp = lowest > 0 ? (second - lowest) / lowest : nil
        let losing = Self.sampleStandardDeviation(bids.dropFirst())
        rd = losing > 0 ? (second - lowest) / losing : nil
        if sd > 0 {
            var cubes = 0.0
            var fourths = 0.0
            for bid in bids {
                let z = (bid - mean) / sd
                cubes += z * z * z
                fourths += z * z * z * z
            }
            kurt = n * (n + 1) / ((n - 1) * (n - 2) * (n - 3)) * fourths - 3 * (n - 1) * (n - 1) / ((n - 2) * (n - 3))
            skew = n / ((n - 1) * (n - 2)) * cubes
        }
        if highest > lowest {
            var distance = 0.0
            for (offset, bid) in bids.enumerated() {
                let u = (bid - lowest) / (highest - lowest)
                distance = max(distance, Double(offset + 1) / n - u, u - Double(offset) / n)
            }
            ks = distance
        }
    }

    /// The arithmetic mean.
    static func mean(_ values: ArraySlice<Double>) -> Double {
        values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
    }

    /// The sample standard deviation (divided by n − 1); 0 for fewer than two values.
    static func sampleStandardDeviation(_ values: ArraySlice<Double>) -> Double {
        guard values.count > 1 else { return 0 }
        let mean = mean(values)
        let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        return (squares / Double(values.count - 1)).squareRoot()
    }
}
