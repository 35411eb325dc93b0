/// A mapping file or option that cannot be used: which file, which key, and why.
///
/// Raised before any record is read, so a wrong mapping never produces half an
/// import. The key is a path such as `data.amount.type` or `types["受理"]`.
public struct MappingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The mapping file, or `nil` for a command-line option.
    public var file: String?
    /// The key at fault, as a path from the top of the mapping.
    public var key: String
    /// What is wrong and what is expected instead.
    public var message: String

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - file: The mapping file, or `nil` for an option.
    ///   - key: The key at fault.
    ///   - message: What is wrong.
    public init(file: String? = nil, key: String, message: String) {
        self.file = file
        self.key = key
        self.message = message
    }

    /// `permits.map.json: key 'time_zone': …`.
    public var description: String {
        (file.map { "\($0): " } ?? "") + "key '\(key)': \(message)"
    }
}
