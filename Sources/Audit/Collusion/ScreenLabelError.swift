/// A label file that cannot be read: the file, the line and what is wrong with it.
public struct ScreenLabelError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// From 1.
    public var line: Int
    public var message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `labels.tsv:3: the label must be 0 (competitive) or 1 (collusive)`.
    public var description: String { "\(file):\(line): \(message)" }
}
