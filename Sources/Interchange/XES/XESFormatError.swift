/// A document that is well-formed XML but not an XES log, such as one whose root
/// element is not `<log>` (IEEE 1849-2016 §5). Ends the import.
public struct XESFormatError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The line of the offending element.
    public var line: Int
    /// What is wrong.
    public var message: String

    /// Creates an error.
    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    /// `line 1: not an XES log: …`.
    public var description: String { "line \(line): not an XES log: \(message)" }
}
