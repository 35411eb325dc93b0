import EventLog

/// A bound on one screen past which a tender is reportable on that screen alone, whatever
/// its score: `{"cv": {"below": 0.03}}` flags bids bunched within 3 % of their mean.
public struct ScreenThreshold: Sendable, Equatable {
    /// A name of `PriceScreens.names`.
    public var screen: String
    /// Passed by a value under it.
    public var below: Double?
    /// Passed by a value over it.
    public var above: Double?

    public init(screen: String, below: Double? = nil, above: Double? = nil) {
        self.screen = screen
        self.below = below
        self.above = above
    }

    /// Whether `value` is past the bound; a screen that cannot be computed never is.
    public func isPassed(by value: Double?) -> Bool {
        guard let value else { return false }
        return below.map { value < $0 } ?? false || above.map { value > $0 } ?? false
    }

    /// `cv<0.03`, `diffp>0.1`, or both bounds.
    public var description: String {
        [below.map { "\(screen)<\(screenFigure($0))" }, above.map { "\(screen)>\(screenFigure($0))" }].compactMap { $0 }.joined(
            separator: " or ")
    }

    /// Reads `params.thresholds`: `{"screen": {"below": x, "above": y}, …}`.
    ///
    /// - Throws: `RuleError` naming the key at fault.
    static func parse(_ params: inout ParamReader) throws -> [ScreenThreshold] {
        guard let value = params.raw("thresholds") else { return [] }
        guard let object = value.objectValue else { throw params.fail("thresholds", "expected {\"cv\": {\"below\": 0.03}, …}") }
        return try object.members.map { member in
            let key = "thresholds.\(member.key)"
            guard PriceScreens.position(of: member.key) != nil else {
                throw params.fail(key, "not a screen (screens: \(PriceScreens.names.joined(separator: ", ")))")
            }
            guard let bounds = member.value.objectValue, !bounds.isEmpty else {
                throw params.fail(key, "expected {\"below\": …} and/or {\"above\": …}")
            }
            var threshold = ScreenThreshold(screen: member.key)
            for bound in bounds.members {
                guard let number = bound.value.doubleValue, number.isFinite else {
                    throw params.fail("\(key).\(bound.key)", "expected a number")
                }
                switch bound.key {
                case "below": threshold.below = number
                case "above": threshold.above = number
                default: throw params.fail("\(key).\(bound.key)", "unknown bound (use below or above)")
                }
            }
            return threshold
        }
    }
}

/// A screen's value or score for people: four significant digits at least, no more than
/// ten decimals, no trailing zeros (0.0411, 1.2746, -2.2615, 12345.6789, 0.00012).
public func screenFigure(_ value: Double) -> String {
    guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
    guard value != 0 else { return "0" }
    // The decimals that show four significant digits, at least four, at most ten.
    var decimals = 0
    var magnitude = abs(value)
    while magnitude < 1000, decimals < 10 {
        magnitude *= 10
        decimals += 1
    }
    decimals = max(4, decimals)
    var power = 1.0
    for _ in 0..<decimals { power *= 10 }
    let scaled = (abs(value) * power).rounded()
    guard scaled < 9e18 else { return value.description }
    let units = UInt64(scaled)
    let whole = units / UInt64(power)
    var fraction = units % UInt64(power)
    var digits = decimals
    while digits > 0, fraction % 10 == 0 {
        fraction /= 10
        digits -= 1
    }
    let sign = value < 0 && units > 0 ? "-" : ""
    guard digits > 0 else { return sign + String(whole) }
    let text = String(fraction)
    return sign + String(whole) + "." + String(repeating: "0", count: digits - text.count) + text
}
