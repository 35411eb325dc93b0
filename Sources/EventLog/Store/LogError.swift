/// A problem with the log itself (not with one input line): the file is not an IronCage
/// log, or its format is newer than this program.
public struct LogError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}
