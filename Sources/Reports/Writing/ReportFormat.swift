/// The formats a report is written in.
public enum ReportFormat: String, Sendable, CaseIterable {
    /// Markdown (CommonMark with GitHub tables), in the chosen language.
    case md
    /// One self-contained HTML file with inline SVG charts, in the chosen language.
    case html
    /// CSV tables, one per file, both languages.
    case csv
    /// One JSON file (schema `ironcage-report/1`), both languages.
    case json

    /// Parses `md,html,csv,json` (any subset, any order, no repeats).
    ///
    /// - Returns: the formats in the order given, or nil for an unknown or repeated name or an
    ///   empty list.
    public static func list(_ text: String) -> [ReportFormat]? {
        var formats: [ReportFormat] = []
        for word in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let format = ReportFormat(rawValue: String(word)), !formats.contains(format) else { return nil }
            formats.append(format)
        }
        return formats.isEmpty ? nil : formats
    }
}
