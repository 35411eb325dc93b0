#if canImport(Glibc)
import Glibc
#endif

/// Whole-file reads and atomic writes for small files: keys, checkpoints, rule packs.
public enum FileContents {
    /// Reads a file whole.
    ///
    /// - Throws: `IOError` naming the path.
    public static func read(_ path: String) throws -> [UInt8] {
        var source = try FileDescriptorSource(path: path)
        defer { source.close() }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let outcome = try chunk.withUnsafeMutableBytes { try source.read(into: $0, timeoutMilliseconds: nil) }
            guard case .bytes(let count) = outcome else { break }
            bytes.append(contentsOf: chunk[0 ..< count])
        }
        return bytes
    }

    /// Replaces a file atomically: writes a temporary sibling, syncs it, renames it over
    /// `path`. A crash leaves either the old file or the new one, never half of one.
    ///
    /// - Throws: `IOError` naming the path.
    public static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        let temporary = path + ".tmp-\(getpid())"
        do {
            let writer = try FileWriter(path: temporary)
            try writer.write(bytes)
            try writer.sync()
        }
        guard rename(temporary, path) == 0 else {
            let error = IOError.fromErrno("rename to", path: path)
            unlink(temporary)
            throw error
        }
    }
}
