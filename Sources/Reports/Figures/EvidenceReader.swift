import EventLog
import SQLite

/// Reads the events a finding names, with their stored chain heads and leaf hashes.
///
/// Not `Sendable`: it holds a statement on the log's connection.
final class EvidenceReader {
    private let statement: Statement
    private var cache: [Int64: EvidenceEvent?] = [:]

    init(log: EventStore) throws {
        statement = try log.database.prepare("SELECT body, head FROM events WHERE seq = ?", persistent: true)
    }

    /// The event at `seq`, or nil when the log has none there (or its row is damaged, which
    /// `ironcage verify` reports).
    func event(_ seq: Int64) throws -> EvidenceEvent? {
        if let known = cache[seq] { return known }
        defer { statement.reset() }
        try statement.bind(seq, at: 1)
        var found: EvidenceEvent?
        if try statement.step() {
            let head = statement.bytes(at: 1)
            found = statement.withBytes(at: 0) { body -> EvidenceEvent? in
                guard head.count == SHA256Digest.byteCount, let stored = try? StoredEvent(body: body) else { return nil }
                let envelope = stored.envelope
                return EvidenceEvent(
                    seq: seq, head: SHA256Digest(bytes: head), leaf: HashChain.leaf(of: body), type: envelope.type, at: envelope.at,
                    dept: envelope.dept, actor: envelope.actor, subject: envelope.subject,
                    data: envelope.dataBytes.map { String(decoding: $0, as: UTF8.self) } ?? "{}")
            }
        }
        cache[seq] = found
        return found
    }
}
