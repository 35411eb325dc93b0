/// Why a release cannot be mapped: the field at fault, as a path inside the release
/// (`tender.value.amount`, `bids.details[2].date`, indices from 0), and the reason.
///
/// Thrown while a release is mapped; the importer turns it into an ``ImportProblem``
/// naming the release's line and number, and nothing of the release is written.
struct OCDSRefusal: Error {
    /// The path of the field at fault, or `nil` for the release as a whole.
    var field: String?
    /// What is wrong.
    var reason: ImportProblem.Reason

    /// A value of the wrong kind or form.
    static func expected(_ what: String, at field: String) -> OCDSRefusal {
        OCDSRefusal(field: field, reason: .badValue(expected: what))
    }

    /// A value the mapping needs that is absent, `null` or empty.
    static func missing(_ field: String) -> OCDSRefusal {
        OCDSRefusal(field: field, reason: .missingValue)
    }
}
