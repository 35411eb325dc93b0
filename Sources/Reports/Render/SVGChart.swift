import Audit

/// The report's charts as inline SVG 1.1, drawn here: no scripts, no external fonts or
/// images, integer coordinates (the same bytes on every machine), every label escaped.
enum SVGChart {
    /// One row of a paired bar chart: this period's and the previous period's value.
    struct Pair {
        var label: String
        /// The bar lengths in the chart's units; nil draws no bar.
        var now: Int?
        var before: Int?
        /// The values as printed beside the bars.
        var text: (String, String)
    }

    static let width = 720
    static let nowColour = "#1f5fa8"
    static let beforeColour = "#a9c1dd"
    static let findingColour = "#c0392b"
    static let font = "font-family=\"system-ui, 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif\" font-size=\"12\""

    /// Horizontal bars, two per row (this period dark, the previous light), scaled to `scale`.
    static func pairedBars(_ pairs: [Pair], scale: Int, legend: (String, String), title: String, empty: String) -> String {
        let labelWidth = 170
        let plot = 430
        let rowHeight = 34
        let top = 30
        let height = top + max(pairs.count, 1) * rowHeight + 6
        var svg = open(height: height, title: title)
        svg += legendItems(legend, y: 8)
        if pairs.isEmpty || scale <= 0 {
            svg += text(empty, x: labelWidth, y: top + 16)
        }
        for (index, pair) in pairs.enumerated() where scale > 0 {
            let y = top + index * rowHeight
            svg += "<text x=\"\(labelWidth - 8)\" y=\"\(y + 17)\" text-anchor=\"end\">\(HTMLText.escape(shortened(pair.label)))<title>\(HTMLText.escape(pair.label))</title></text>"
            for (offset, value, colour, label) in [(0, pair.now, nowColour, pair.text.0), (14, pair.before, beforeColour, pair.text.1)] {
                let length = value.map { max(0, min(plot, $0 * plot / scale)) } ?? 0
                if value != nil {
                    svg += "<rect x=\"\(labelWidth)\" y=\"\(y + offset + 2)\" width=\"\(length)\" height=\"12\" fill=\"\(colour)\"/>"
                }
                svg += "<text x=\"\(labelWidth + length + 4)\" y=\"\(y + offset + 12)\" font-size=\"10\">\(HTMLText.escape(label))</text>"
            }
        }
        return svg + "</svg>"
    }

    /// Two panels over the same weeks: events (bars, the report's own period darker) and
    /// findings (bars, red).
    static func weekly(_ weeks: [WeekCount], current: ReportPeriod, labels: (String, String), title: String, empty: String) -> String {
        let left = 60
        let plot = width - left - 10
        let eventsTop = 24
        let eventsHeight = 110
        let findingsTop = eventsTop + eventsHeight + 26
        let findingsHeight = 60
        let axis = findingsTop + findingsHeight
        var svg = open(height: axis + 40, title: title)
        guard !weeks.isEmpty else { return svg + text(empty, x: left, y: 40) + "</svg>" }
        let eventsMax = niceCeiling(weeks.map(\.events).max() ?? 0)
        let findingsMax = niceCeiling(weeks.map(\.findings).max() ?? 0)
        let step = plot / weeks.count
        let bar = max(1, step * 3 / 4)
        svg += text(labels.0, x: left, y: eventsTop - 8, weight: true)
        svg += text(labels.1, x: left, y: findingsTop - 8, weight: true)
        for (value, y) in [(eventsMax, eventsTop), (0, eventsTop + eventsHeight), (findingsMax, findingsTop), (0, findingsTop + findingsHeight)] {
            svg += "<line x1=\"\(left)\" y1=\"\(y)\" x2=\"\(left + plot)\" y2=\"\(y)\" stroke=\"#cccccc\" stroke-width=\"1\"/>"
            svg += "<text x=\"\(left - 6)\" y=\"\(y + 4)\" text-anchor=\"end\" font-size=\"10\">\(FigureText.count(value))</text>"
        }
        let labelEvery = max(1, (weeks.count + 11) / 12)
        for (index, week) in weeks.enumerated() {
            let x = left + index * step + (step - bar) / 2
            let inPeriod = week.last >= current.first && week.first <= current.last
            let eventsLength = eventsMax > 0 ? week.events * eventsHeight / eventsMax : 0
            let findingsLength = findingsMax > 0 ? week.findings * findingsHeight / findingsMax : 0
            let tip = "\(week.label): \(FigureText.count(week.events)) / \(FigureText.count(week.findings))"
            svg += "<rect x=\"\(x)\" y=\"\(eventsTop + eventsHeight - eventsLength)\" width=\"\(bar)\" height=\"\(eventsLength)\" fill=\"\(inPeriod ? nowColour : beforeColour)\"><title>\(HTMLText.escape(tip))</title></rect>"
            svg += "<rect x=\"\(x)\" y=\"\(findingsTop + findingsHeight - findingsLength)\" width=\"\(bar)\" height=\"\(findingsLength)\" fill=\"\(findingColour)\" fill-opacity=\"\(inPeriod ? "1" : "0.45")\"><title>\(HTMLText.escape(tip))</title></rect>"
            if index % labelEvery == 0 {
                svg += "<text x=\"\(x + bar / 2)\" y=\"\(axis + 14)\" text-anchor=\"middle\" font-size=\"10\">W\(ReportPeriod.padded(week.week.week, 2))</text>"
            }
        }
        if let first = weeks.first, let last = weeks.last {
            svg += text("\(first.first) – \(last.last)", x: left, y: axis + 32)
        }
        return svg + "</svg>"
    }

    /// The smallest of 1, 2, 5 × 10ⁿ at or above `value` (0 stays 0), for axis tops.
    static func niceCeiling(_ value: Int) -> Int {
        guard value > 0 else { return 0 }
        var magnitude = 1
        while magnitude * 10 <= value { magnitude *= 10 }
        for factor in [1, 2, 5, 10] where factor * magnitude >= value { return factor * magnitude }
        return 10 * magnitude
    }

    private static func open(height: Int, title: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" role=\"img\" aria-label=\"\(HTMLText.escape(title))\" \(font)><title>\(HTMLText.escape(title))</title>"
    }

    private static func legendItems(_ legend: (String, String), y: Int) -> String {
        "<rect x=\"170\" y=\"\(y)\" width=\"12\" height=\"12\" fill=\"\(nowColour)\"/>" + text(legend.0, x: 188, y: y + 10)
            + "<rect x=\"330\" y=\"\(y)\" width=\"12\" height=\"12\" fill=\"\(beforeColour)\"/>" + text(legend.1, x: 348, y: y + 10)
    }

    private static func text(_ content: String, x: Int, y: Int, weight: Bool = false) -> String {
        "<text x=\"\(x)\" y=\"\(y)\"\(weight ? " font-weight=\"bold\"" : "")>\(HTMLText.escape(content))</text>"
    }

    /// At most 24 characters, with an ellipsis; the full text is in the label's `<title>`.
    private static func shortened(_ label: String) -> String {
        label.count <= 24 ? label : String(label.prefix(23)) + "…"
    }
}
