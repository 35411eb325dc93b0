/// A table of a report document.
struct ReportTable {
    var headers: [String]
    /// Columns of figures, right-aligned.
    var numeric: Set<Int> = []
    var rows: [[[Inline]]] = []
    /// A class name for HTML (`findings`, `figures` …), for print layout.
    var style: String = ""

    init(headers: [String], numeric: Set<Int> = [], style: String = "") {
        self.headers = headers
        self.numeric = numeric
        self.style = style
    }

    /// Adds a row of cells.
    mutating func add(_ cells: [[Inline]]) {
        precondition(cells.count == headers.count, "ReportTable: \(cells.count) cells for \(headers.count) columns")
        rows.append(cells)
    }

    /// Adds a row of plain text cells.
    mutating func add(texts: [String]) {
        add(texts.map { [.text($0)] })
    }
}
