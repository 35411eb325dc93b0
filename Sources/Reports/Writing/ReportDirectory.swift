#if canImport(Glibc)
import Glibc
#endif
import EventLog

/// The directory a file set is written to: created when missing, files replaced atomically,
/// existing files recognised (so a scheduler can run `--every` as often as it likes).
public struct ReportDirectory: Sendable {
    public let path: String

    /// - Parameter path: the directory; created (with its parents) by `write`.
    public init(path: String) {
        self.path = path
    }

    /// The path of a file in it.
    public func file(_ name: String) -> String {
        path.hasSuffix("/") ? path + name : path + "/" + name
    }

    /// Whether a file of that name is there.
    public func contains(_ name: String) -> Bool {
        var info = stat()
        return stat(file(name), &info) == 0
    }

    /// Writes one file atomically (a temporary sibling renamed over it), so that a reader or
    /// a crashed run never sees half a report — and a half-written file never passes for a
    /// finished one.
    ///
    /// - Returns: the file's path.
    /// - Throws: `IOError` naming the path.
    @discardableResult
    public func write(_ contents: String, named name: String) throws -> String {
        try create()
        let target = file(name)
        try FileContents.writeAtomically(Array(contents.utf8), to: target)
        return target
    }

    /// Creates the directory and its parents (mode 0755) when missing.
    ///
    /// - Throws: `IOError` when a part cannot be created or is not a directory.
    public func create() throws {
        var built = path.hasPrefix("/") ? "/" : ""
        for part in path.split(separator: "/") {
            built += (built.isEmpty || built.hasSuffix("/") ? "" : "/") + part
            var info = stat()
            if stat(built, &info) == 0 {
                guard (info.st_mode & S_IFMT) == S_IFDIR else {
                    throw IOError(operation: "create directory", path: built, reason: "not a directory")
                }
                continue
            }
            guard mkdir(built, 0o755) == 0 || errno == EEXIST else { throw IOError.fromErrno("create directory", path: built) }
        }
    }
}
