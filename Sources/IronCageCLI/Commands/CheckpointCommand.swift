import EventLog

/// `ironcage checkpoint`: write the log's size and head to a file, optionally signed.
enum CheckpointCommand: Command {
    static let spec = CommandSpec(
        path: ["checkpoint"],
        abstract: "Write a checkpoint (log id, size, head hash, time) to a file.",
        discussion: """
            Keep checkpoints outside the log's reach (another machine, an inspector's archive).
            `ironcage verify --checkpoint FILE` later proves the log only grew since.
            With --key, the checkpoint is signed with HMAC-SHA256 so it cannot be replaced quietly.
            """,
        options: [
            .database,
            .value("out", "file", help: "Where to write the checkpoint (required)."),
            .value("key", "file", help: "Sign with the bytes of this file (at least 16 bytes; one trailing newline is ignored)."),
            .format(["text", "json"], default: "text"),
        ]
    )

    static func run(_ arguments: ParsedArguments, in context: CommandContext) throws -> ExitStatus {
        guard let out = arguments.value("out") else { throw UsageError("Missing expected option '--out <file>'") }
        let format = try arguments.choice("format", from: ["text", "json"], default: "text")
        let key = try arguments.value("key").map { try KeyFile.read(context.resolve($0)) }
        let store = try EventStore(path: context.databasePath(arguments), create: false)
        let head = try store.head()
        var checkpoint = Checkpoint(logID: store.logID, size: head.size, head: head.hash, time: Instant.now())
        if let key { checkpoint = checkpoint.signed(key: key) }
        try checkpoint.write(to: context.resolve(out))
        if format == "json" {
            context.stdout.write(String(decoding: checkpoint.fileBytes, as: UTF8.self))
        } else {
            context.stdout.writeLine("checkpoint: \(grouped(head.size)) events, head \(head.hash.hex)\(key == nil ? "" : ", signed") → \(out)")
        }
        return .success
    }
}

/// Reads an HMAC key file.
enum KeyFile {
    static func read(_ path: String) throws -> [UInt8] {
        var bytes = try FileContents.read(path)
        if bytes.last == UInt8(ascii: "\n") { bytes.removeLast() }
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        guard bytes.count >= 16 else {
            throw CommandFailure("key file \(path) holds \(bytes.count) bytes; use at least 16 (e.g. `head -c 32 /dev/urandom > key`)", status: .dataError)
        }
        return bytes
    }
}
