#if canImport(Glibc)
import Glibc
#endif

/// A child process started with posix_spawn, so its own peak RSS can be read from wait4.
struct ChildProcess {
    let pid: pid_t

    /// Starts `path` with `arguments`; its stdin comes from `stdinFD` when given, its stdout
    /// and stderr go to `outputPath` when given.
    static func spawn(_ path: String, _ arguments: [String], stdinFD: Int32? = nil, outputPath: String? = nil) throws -> ChildProcess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let stdinFD { posix_spawn_file_actions_adddup2(&actions, stdinFD, 0) }
        if let outputPath {
            posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        }
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, path, &actions, nil, argv, environ)
        guard status == 0 else { throw BenchError("cannot start \(path): \(String(cString: strerror(status)))") }
        return ChildProcess(pid: pid)
    }

    /// Waits for the child.
    ///
    /// - Returns: its exit status and peak resident set size in bytes.
    func wait() throws -> (status: Int32, peakRSS: Int64) {
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            if errno != EINTR { throw BenchError("wait4 failed: \(String(cString: strerror(errno)))") }
        }
        let exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        // Linux reports ru_maxrss in kilobytes.
        return (exitStatus, Int64(usage.ru_maxrss) * 1024)
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
