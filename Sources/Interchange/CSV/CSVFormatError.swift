/// A CSV input that cannot be read on: a header without a mapped column, or a record
/// too long to be one (most often an unclosed quote swallowing the rest of the file).
/// Ends the import; rows already written stand.
public struct CSVFormatError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The line where the problem was found, from 1.
    public var line: Int
    /// What is wrong.
    public var message: String

    /// Creates an error.
    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    /// `line 1: …`.
    public var description: String { "line \(line): \(message)" }
}
