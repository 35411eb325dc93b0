#if canImport(Glibc)
import Glibc
#endif

/// Appends bytes to a file through a buffer; used for rejects files and report files.
///
/// Not `Sendable`. Call `close()` to flush and close; a write error is reported by
/// `flush()`/`close()` with the path.
public final class FileWriter {
    public let path: String
    private let fileDescriptor: Int32
    private var buffer: [UInt8] = []
    private static let capacity = 1 << 16

    /// Opens `path` for writing, creating it (mode 0644), truncating or appending.
    ///
    /// - Throws: `IOError` naming the path.
    public init(path: String, append: Bool = false) throws {
        let flags = O_WRONLY | O_CREAT | O_CLOEXEC | (append ? O_APPEND : O_TRUNC)
        let fd = open(path, flags, 0o644)
        guard fd >= 0 else { throw IOError.fromErrno("open", path: path) }
        self.path = path
        self.fileDescriptor = fd
        buffer.reserveCapacity(Self.capacity)
    }

    deinit {
        try? flush()
        _ = Glibc.close(fileDescriptor)
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.capacity { try flush() }
    }

    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    public func write(_ text: String) throws {
        try write(Array(text.utf8))
    }

    /// Writes the buffer out.
    public func flush() throws {
        var offset = 0
        let pending = buffer
        buffer.removeAll(keepingCapacity: true)
        try pending.withUnsafeBytes { raw in
            while offset < raw.count {
                let written = Glibc.write(fileDescriptor, raw.baseAddress.map { $0 + offset }, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw IOError.fromErrno("write", path: path)
                }
                offset += written
            }
        }
    }

    /// Flushes and forces the bytes to disk (`fsync`).
    public func sync() throws {
        try flush()
        guard fsync(fileDescriptor) == 0 else { throw IOError.fromErrno("sync", path: path) }
    }
}
