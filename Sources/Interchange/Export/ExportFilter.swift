/// Which stored events an export writes.
public struct ExportFilter: Sendable, Equatable {
    /// The first `seq` to consider.
    public var fromSeq: Int64 = 1
    /// Only this subject's events, when set.
    public var subject: String?
    /// Only these types, when not empty.
    public var types: [String] = []

    /// A filter that lets everything through.
    public init() {}

    /// Whether an event passes the type condition.
    ///
    /// - Parameter type: The event's type.
    /// - Returns: `true` when no types are named or this is one of them.
    func admits(type: String) -> Bool {
        types.isEmpty || types.contains(type)
    }
}
