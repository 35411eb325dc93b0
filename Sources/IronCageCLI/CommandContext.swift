public import EventLog

/// Everything a command touches outside itself, injected so tests can run commands in-process.
public final class CommandContext {
    var stdout: any OutputSink
    var stderr: any OutputSink
    /// Standard input, read by `ingest` and `import` when given no file or `-`.
    var stdin: any ByteSource
    var environment: [String: String]
    var currentDirectory: String

    public init(stdout: FileDescriptorSink, stderr: FileDescriptorSink, stdin: FileDescriptorSource, environment: [String: String], currentDirectory: String) {
        self.stdout = stdout
        self.stderr = stderr
        self.stdin = stdin
        self.environment = environment
        self.currentDirectory = currentDirectory
    }

    /// A context for tests: output collected in buffers, stdin from memory.
    public init(stdout: BufferSink, stderr: BufferSink, stdin: MemorySource = MemorySource([UInt8]()), environment: [String: String] = [:], currentDirectory: String) {
        self.stdout = stdout
        self.stderr = stderr
        self.stdin = stdin
        self.environment = environment
        self.currentDirectory = currentDirectory
    }

    /// Resolves a path given on the command line against the current directory.
    func resolve(_ path: String) -> String {
        path.hasPrefix("/") ? path : (currentDirectory.hasSuffix("/") ? currentDirectory + path : currentDirectory + "/" + path)
    }

    /// The log's path: `--db`, then `IRONCAGE_DB`, then `./ironcage.db`.
    func databasePath(_ arguments: ParsedArguments) -> String {
        resolve(arguments.value("db") ?? environment["IRONCAGE_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? "ironcage.db")
    }
}
