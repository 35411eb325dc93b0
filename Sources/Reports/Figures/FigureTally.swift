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
