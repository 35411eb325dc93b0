/// What the report can say about the quality of the input.
public struct DataQuality: Sendable, Equatable {
    /// Late entries by department, in department order.
    public let lateEntries: [LateEntries]
    /// Departments with events in the previous period and none in this one (by the as-of
    /// instant), in order.
    public let silentDepartments: [String]
    /// Why some keys could not be judged (the audit's warnings), with how many keys each.
    public let notJudged: [UnjudgedKeys]
}
