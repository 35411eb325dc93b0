/// Tallies for the whole report and for each department at once.
struct DepartmentTallies {
    var total = FigureTally()
    var byDept: [String: FigureTally] = [:]
    /// The one department counted, or nil for all.
    let only: String?

    init(only: String?) {
        self.only = only
    }

    /// Applies `update` to the total and to `dept`'s tally, unless the report is about another department.
    mutating func add(_ dept: String, _ update: (inout FigureTally) -> Void) {
        if let only, only != dept { return }
        update(&total)
        update(&byDept[dept, default: FigureTally()])
    }
}
