#if canImport(Glibc)
import Glibc
#endif

/// The names in a directory, without `.` and `..`.
///
/// - Throws: `IOError` when it cannot be read.
public func listDirectory(_ path: String) throws -> [String] {
    guard let directory = opendir(path) else { throw IOError.fromErrno("read directory", path: path) }
    defer { closedir(directory) }
    var names: [String] = []
    while let entry = readdir(directory) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        if name != "." && name != ".." { names.append(name) }
    }
    return names
}
