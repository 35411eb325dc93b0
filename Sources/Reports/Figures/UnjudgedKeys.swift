/// Keys the audit could not judge for one reason (typically a due date in a year the work
/// calendar has no data for), with how many keys.
public struct UnjudgedKeys: Sendable, Equatable {
    public let message: String
    public let keys: Int
}
