#if canImport(Glibc)
import Glibc
#endif

/// Where a command writes text: stdout, stderr, or a buffer in tests.
protocol OutputSink: AnyObject {
    func write(_ text: String)
    func write(bytes: UnsafeRawBufferPointer)
    /// Pushes buffered output out now, e.g. after an acknowledgement line.
    func flush()
    /// Whether a person is watching (progress lines go only to terminals).
    var isTerminal: Bool { get }
}

extension OutputSink {
    func writeLine(_ text: String) { write(text + "\n") }
}

/// Buffered writes to a file descriptor.
public final class FileDescriptorSink: OutputSink {
    let fileDescriptor: Int32
    private var buffer: [UInt8] = []
    private let capacity = 1 << 16
    public let isTerminal: Bool

    public init(fileDescriptor: Int32) {
        self.fileDescriptor = fileDescriptor
        self.isTerminal = isatty(fileDescriptor) == 1
        buffer.reserveCapacity(capacity)
    }

    deinit { flush() }

    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= capacity || isTerminal { flush() }
    }

    func write(bytes: UnsafeRawBufferPointer) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= capacity { flush() }
    }

    public func flush() {
        var offset = 0
        buffer.withUnsafeBytes { raw in
            while offset < raw.count {
                let written = Glibc.write(fileDescriptor, raw.baseAddress.map { $0 + offset }, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    // A closed pipe (the reader went away) drops the output rather than crashing.
                    break
                }
                offset += written
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Collects output in memory, for tests.
public final class BufferSink: OutputSink {
    public private(set) var bytes: [UInt8] = []
    public let isTerminal: Bool

    public init(isTerminal: Bool = false) {
        self.isTerminal = isTerminal
    }

    /// What was written, decoded as UTF-8.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    func write(_ text: String) { bytes.append(contentsOf: text.utf8) }
    func write(bytes: UnsafeRawBufferPointer) { self.bytes.append(contentsOf: bytes) }
    public func flush() {}
}
