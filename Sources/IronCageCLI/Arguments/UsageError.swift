/// A command line that does not fit the command: printed with the usage line, exit 64.
struct UsageError: Error, Sendable, Equatable, CustomStringConvertible {
    var message: String

    init(_ message: String) {
        self.message = message
    }

    var description: String { message }
}
