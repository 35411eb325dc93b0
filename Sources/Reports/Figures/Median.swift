/// The median of whole numbers, kept in halves so that it is exact: the median of 1, 2, 4, 7
/// is 3 (six halves), of 1, 2, 4, 8 it is 3.5 (seven halves).
public struct Median: Sendable, Equatable, Comparable {
    /// Twice the median.
    public let halves: Int

    /// The median of `values`, or nil when there are none.
    ///
    /// - Complexity: O(*n* log *n*).
    public init?(of values: [Int]) {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        halves = sorted.count % 2 == 1 ? 2 * sorted[middle] : sorted[middle - 1] + sorted[middle]
    }

    init(halves: Int) {
        self.halves = halves
    }

    /// `3`, `3.5`, `-0.5`: no trailing zeros, no locale.
    public var text: String {
        let sign = halves < 0 ? "-" : ""
        let magnitude = abs(halves)
        return sign + String(magnitude / 2) + (magnitude % 2 == 1 ? ".5" : "")
    }

    public static func < (lhs: Median, rhs: Median) -> Bool { lhs.halves < rhs.halves }
}
