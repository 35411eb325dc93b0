import Audit

/// Figures as text, the same on every machine: no locale, no floating point.
enum FigureText {
    /// `3,160`: thousands grouped with commas, as both Chinese and English official
    /// statistics print them.
    static func count(_ value: Int) -> String {
        let digits = String(abs(value))
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out += "," }
            out.append(digit)
        }
        return (value < 0 ? "−" : "") + out
    }

    /// `93.8%`, or `—` for no rate.
    static func percent(_ ratio: Ratio?) -> String {
        guard let ratio else { return "—" }
        return tenths(ratio.permille) + "%"
    }

    /// `2.5`, or `—` for no median.
    static func median(_ median: Median?) -> String {
        median?.text ?? "—"
    }

    /// A signed change of a count: `+3`, `−2`, `0`.
    static func change(_ now: Int, _ before: Int) -> String {
        signed(now - before, count)
    }

    /// The change of a rate in percentage points, from the rounded rates shown beside it:
    /// `+3.8 pp` (`+3.8个百分点`); `—` when either is missing.
    static func pointChange(_ now: Ratio?, _ before: Ratio?, _ language: Language) -> String {
        guard let now, let before else { return "—" }
        let text = signed(now.permille - before.permille, tenths)
        return language == .zh ? text + "个百分点" : text + " pp"
    }

    /// The change of a median: `+0.5`, `−1`, `0`; `—` when either is missing.
    static func medianChange(_ now: Median?, _ before: Median?) -> String {
        guard let now, let before else { return "—" }
        return signed(now.halves - before.halves) { Median(halves: $0).text }
    }

    /// A fraction rounded to four decimals for JSON and CSV: `0.9375`, `1`, `0`.
    static func fraction(_ ratio: Ratio) -> String {
        let points = ratio.basisPoints
        guard points % 10000 != 0 else { return String(points / 10000) }
        var decimals = String(points % 10000)
        decimals = String(repeating: "0", count: 4 - decimals.count) + decimals
        while decimals.hasSuffix("0") { decimals.removeLast() }
        return String(points / 10000) + "." + decimals
    }

    /// A median as a JSON number: `2`, `2.5`.
    static func number(_ median: Median) -> String { median.text }

    /// `938` → `93.8`.
    private static func tenths(_ value: Int) -> String {
        (value < 0 ? "−" : "") + String(abs(value) / 10) + "." + String(abs(value) % 10)
    }

    private static func signed(_ difference: Int, _ format: (Int) -> String) -> String {
        if difference == 0 { return format(0) }
        return difference > 0 ? "+" + format(difference) : "−" + format(-difference)
    }
}
