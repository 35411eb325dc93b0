/// Counts for one period being gathered: the figures, and the samples their medians come from.
struct FigureTally {
    var figures = PeriodFigures()
    var handlingWorkdays: [Int] = []
    var workdaysToDispose: [Int] = []

    /// The figures with their medians.
    var result: PeriodFigures {
        var result = figures
        result.medianHandlingWorkdays = Median(of: handlingWorkdays)
        result.medianWorkdaysToDispose = Median(of: workdaysToDispose)
        return result
    }
}

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
