/// Why a calibration could not be made: what to change is in the message.
public struct ScreenCalibrationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
