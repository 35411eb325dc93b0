public import Audit
import EventLog

/// The files of one report: their names and contents, for a period, a department and a
/// language.
///
/// Names start with `ironcage-report-`, the period's label and, for one department's report,
/// the department: `ironcage-report-2026-10.zh.html`, `ironcage-report-2026-W44-gy.jgj.en.md`,
/// `ironcage-report-2026-Q3.json`, `ironcage-report-2026-10.findings.csv`. Markdown and HTML
/// carry the language in their names; JSON and CSV hold both languages and do not.
public struct ReportFileSet: Sendable {
    /// File names (no directory) and contents, in the order of the formats asked for.
    public let files: [(name: String, contents: String)]

    /// Renders a report in each format.
    public init(_ report: OversightReport, formats: [ReportFormat], language: Language) {
        let base = Self.base(period: report.period, dept: report.dept)
        var files: [(String, String)] = []
        for format in formats {
            switch format {
            case .md: files.append(("\(base).\(language.rawValue).md", MarkdownWriter.render(ReportDocument(report, language: language, charts: false)) + "\n"))
            case .html: files.append(("\(base).\(language.rawValue).html", HTMLWriter.render(ReportDocument(report, language: language, charts: true))))
            case .csv: files += CSVReport.tables(report).map { ("\(base).\($0.name).csv", $0.text) }
            case .json: files.append(("\(base).json", JSONReport.render(report)))
            }
        }
        self.files = files
    }

    /// The names the files of a report will have, without rendering it.
    public static func names(period: ReportPeriod, dept: String?, formats: [ReportFormat], language: Language) -> [String] {
        let base = base(period: period, dept: dept)
        return formats.flatMap { format -> [String] in
            switch format {
            case .md, .html: ["\(base).\(language.rawValue).\(format.rawValue)"]
            case .csv: CSVReport.tableNames.map { "\(base).\($0).csv" }
            case .json: ["\(base).json"]
            }
        }
    }

    /// `ironcage-report-<period>[-<dept>]`.
    static func base(period: ReportPeriod, dept: String?) -> String {
        "ironcage-report-" + period.label + (dept.map { "-" + safeName($0) } ?? "")
    }

    /// A department as a file-name part: letters, digits, `.`, `_` and `-` kept; anything else
    /// (a `/`, a space, Chinese) becomes `_` and 8 hex digits of the name's SHA-256 are added,
    /// so that two departments never share a file.
    static func safeName(_ dept: String) -> String {
        var safe = ""
        var changed = dept.hasPrefix(".") || dept.isEmpty
        for scalar in dept.unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "." || scalar == "_" || scalar == "-" {
                safe.unicodeScalars.append(scalar)
            } else {
                safe += "_"
                changed = true
            }
        }
        return changed ? safe + "-" + String(SHA256.hash(dept).hex.prefix(8)) : safe
    }
}
