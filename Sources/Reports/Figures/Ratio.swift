/// A share with its parts kept: `part` of `whole`, never a float that hides them.
///
/// Reports print rates as percentages with one decimal, rounded half up from the exact
/// fraction (15 of 16 is 93.8%), and JSON carries the parts beside a fraction rounded to four
/// decimals, so that every printed rate can be checked from its counts.
public struct Ratio: Sendable, Equatable {
    public let part: Int
    public let whole: Int

    /// - Returns: nil when `whole` is zero: a rate of nothing is shown as "—", not 0%.
    public init?(_ part: Int, of whole: Int) {
        guard whole > 0 else { return nil }
        precondition(part >= 0 && part <= whole, "Ratio: part outside 0...whole")
        self.part = part
        self.whole = whole
    }

    /// The rate in tenths of a percent, rounded half up: 15/16 → 938.
    public var permille: Int { Self.rounded(part * 1000, whole) }

    /// The rate in ten-thousandths, rounded half up: 15/16 → 9375.
    public var basisPoints: Int { Self.rounded(part * 10000, whole) }

    /// `a / b` rounded half up, for non-negative `a` and positive `b`.
    static func rounded(_ a: Int, _ b: Int) -> Int { (2 * a + b) / (2 * b) }
}
