/// One department's figures for the period and the one before, with its rank.
public struct DepartmentFigures: Sendable, Equatable {
    public let dept: String
    /// 1 for the department most in need of attention; see `OversightReport.departments`.
    public let rank: Int
    public let current: PeriodFigures
    public let previous: PeriodFigures
}
