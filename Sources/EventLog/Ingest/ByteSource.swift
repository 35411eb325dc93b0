#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What one read from a `ByteSource` produced.
public enum ReadOutcome: Sendable, Equatable {
    /// This many bytes were written into the buffer (at least one).
    case bytes(Int)
    /// Nothing arrived within the timeout; more may come later.
    case timedOut
    /// The source is exhausted.
    case end
}

/// A stream of bytes that can be read with a timeout, such as a pipe from a department's
/// exporter that may fall silent for minutes between events.
public protocol ByteSource {
    /// Reads up to `buffer.count` bytes.
    ///
    /// - Parameters:
    ///   - buffer: where to put them.
    ///   - timeoutMilliseconds: how long to wait for data; nil waits indefinitely.
    /// - Throws: `IOError` when the underlying read fails.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer, timeoutMilliseconds: Int?) throws -> ReadOutcome
}

/// An I/O failure, with the operation, the path or stream, and the system's reason.
public struct IOError: Error, Sendable, Equatable, CustomStringConvertible {
    public var operation: String
    public var path: String
    public var reason: String

    public init(operation: String, path: String, reason: String) {
        self.operation = operation
        self.path = path
        self.reason = reason
    }

    /// An error from the current `errno`.
    public static func fromErrno(_ operation: String, path: String) -> IOError {
        IOError(operation: operation, path: path, reason: String(cString: strerror(errno)))
    }

    public var description: String { "cannot \(operation) \(path): \(reason)" }
}

/// Reads a file descriptor (stdin, a pipe, a file), waiting with `poll(2)` so that a
/// quiet pipe yields `.timedOut` instead of blocking a pending batch forever.
public struct FileDescriptorSource: ByteSource {
    public let fileDescriptor: Int32
    public let name: String
    private let closesOnDeinit: Bool

    /// Wraps an open descriptor that the caller keeps ownership of.
    public init(fileDescriptor: Int32, name: String) {
        self.fileDescriptor = fileDescriptor
        self.name = name
        self.closesOnDeinit = false
    }

    /// Opens a file for reading.
    ///
    /// - Throws: `IOError` naming the path.
    public init(path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw IOError.fromErrno("open", path: path) }
        self.fileDescriptor = fd
        self.name = path
        self.closesOnDeinit = true
    }

    /// Closes the descriptor when this source opened it.
    public func close() {
        if closesOnDeinit { _ = Glibc.close(fileDescriptor) }
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer, timeoutMilliseconds: Int?) throws -> ReadOutcome {
        if let timeoutMilliseconds {
            var poller = pollfd(fd: fileDescriptor, events: Int16(POLLIN), revents: 0)
            while true {
                let ready = poll(&poller, 1, Int32(clamping: max(0, timeoutMilliseconds)))
                if ready == 0 { return .timedOut }
                if ready > 0 { break }
                if errno != EINTR { throw IOError.fromErrno("poll", path: name) }
            }
        }
        while true {
            let count = Glibc.read(fileDescriptor, buffer.baseAddress, buffer.count)
            if count > 0 { return .bytes(count) }
            if count == 0 { return .end }
            if errno != EINTR { throw IOError.fromErrno("read", path: name) }
        }
    }
}

/// Bytes held in memory, served in chunks: for tests and for small inputs.
public struct MemorySource: ByteSource {
    private let bytes: [UInt8]
    private var position = 0
    /// The largest chunk one read returns, so tests can exercise lines split across reads.
    public var chunkSize: Int

    public init(_ bytes: [UInt8], chunkSize: Int = 1 << 16) {
        precondition(chunkSize > 0, "chunk size must be positive")
        self.bytes = bytes
        self.chunkSize = chunkSize
    }

    public init(_ text: String, chunkSize: Int = 1 << 16) {
        self.init(Array(text.utf8), chunkSize: chunkSize)
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer, timeoutMilliseconds: Int?) throws -> ReadOutcome {
        guard position < bytes.count else { return .end }
        let count = min(buffer.count, chunkSize, bytes.count - position)
        bytes.withUnsafeBytes { source in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[position ..< position + count]))
        }
        position += count
        return .bytes(count)
    }
}
