/// What one import read, wrote and refused.
public struct ImportSummary: Sendable, Equatable {
    /// Records read: CSV data rows, XES events, or OCDS releases.
    public var records = 0
    /// Envelopes written, synthetic `case.opened` events included.
    public var written = 0
    /// Records refused (no envelope written for them).
    public var refused = 0
    /// Records skipped on purpose: CSV rows a mapping's `rows` does not select.
    public var skipped = 0
    /// Warnings: records written with a detail left out or changed.
    public var warnings = 0
    /// XES traces read (zero for CSV).
    public var traces = 0

    /// Creates an empty summary.
    public init() {}

    /// Counts a problem as a refusal or a warning.
    ///
    /// - Parameter problem: The problem just reported.
    mutating func count(_ problem: ImportProblem) {
        if problem.refusesRecord { refused += 1 } else { warnings += 1 }
    }
}
