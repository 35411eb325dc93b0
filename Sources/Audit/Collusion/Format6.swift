/// A number with at most six decimals, without trailing zeros: for ratios and shares.
func format6(_ value: Double) -> String {
    let scaled = (value * 1_000_000).rounded()
    let negative = scaled < 0
    let magnitude = abs(scaled)
    let whole = Int64(magnitude / 1_000_000)
    var fraction = Int64(magnitude.truncatingRemainder(dividingBy: 1_000_000))
    let sign = negative && (whole != 0 || fraction != 0) ? "-" : ""
    if fraction == 0 { return sign + String(whole) }
    var digits = 6
    while fraction % 10 == 0 {
        fraction /= 10
        digits -= 1
    }
    let text = String(fraction)
    return sign + String(whole) + "." + String(repeating: "0", count: digits - text.count) + text
}
