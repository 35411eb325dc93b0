extension Checkpoint {
    /// Writes the checkpoint file atomically.
    ///
    /// - Throws: `IOError`.
    public func write(to path: String) throws {
        try FileContents.writeAtomically(fileBytes, to: path)
    }

    /// Reads a checkpoint file.
    ///
    /// - Throws: `IOError` when unreadable, `CheckpointError` naming the field at fault.
    public static func read(from path: String) throws -> Checkpoint {
        let bytes = try FileContents.read(path)
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            throw CheckpointError(path: path, message: "not JSON (\(error))")
        }
        guard let object = value.objectValue else { throw CheckpointError(path: path, message: "not a JSON object") }
        func string(_ key: String) throws -> String {
            guard let text = object[key]?.stringValue else { throw CheckpointError(path: path, message: "field '\(key)' missing or not a string") }
            return text
        }
        guard try string("format") == format else {
            throw CheckpointError(path: path, message: "field 'format': not \(format)")
        }
        guard let head = SHA256Digest(hex: try string("head")) else {
            throw CheckpointError(path: path, message: "field 'head': not 64 hex digits")
        }
        guard let size = object["size"]?.int64Value, size >= 0 else {
            throw CheckpointError(path: path, message: "field 'size': not a whole number ≥ 0")
        }
        guard let time = Instant(rfc3339: try string("time")) else {
            throw CheckpointError(path: path, message: "field 'time': not RFC 3339")
        }
        var signature: SHA256Digest?
        if object["signature"] != nil {
            guard let parsed = SHA256Digest(hex: try string("signature")) else {
                throw CheckpointError(path: path, message: "field 'signature': not 64 hex digits")
            }
            signature = parsed
        }
        let known: Set = ["format", "head", "log_id", "signature", "size", "time"]
        if let unknown = object.keys.first(where: { !known.contains($0) }) {
            throw CheckpointError(path: path, message: "unknown field '\(unknown.prefix(40))'")
        }
        return Checkpoint(logID: try string("log_id"), size: size, head: head, time: time, signature: signature)
    }
}

/// A checkpoint file that cannot be read as one.
public struct CheckpointError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var message: String
    public var description: String { "checkpoint \(path): \(message)" }
}
