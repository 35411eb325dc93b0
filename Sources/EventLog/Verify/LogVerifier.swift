import Dispatch
import SQLite

/// Recomputes the hash chain of a log and names the first `seq` where it breaks.
///
/// Every row stores its body and the chain head after it, so each link
/// `head[n] == SHA-256(head[n-1] ‖ SHA-256(0x00 ‖ body[n]))` is checked on its own; rows are
/// read in chunks and the links of a chunk are hashed on all cores. Together the links
/// prove the whole chain from the genesis to the recorded head.
public struct LogVerifier {
    public let store: EventStore
    /// The most problems listed in a report.
    public static let problemLimit = 100
    /// Rows read and hashed together.
    static let chunkSize = 8192

    public init(store: EventStore) {
        self.store = store
    }

    /// Verifies the whole log, and that it extends `checkpoint` when one is given.
    ///
    /// - Parameters:
    ///   - checkpoint: an earlier checkpoint of this log; its signature is checked when `key` is given.
    ///   - key: the checkpoint's HMAC key.
    ///   - progress: called after each chunk with (events checked, recorded size).
    /// - Returns: the report; `isIntact` is false when anything is wrong.
    /// - Throws: `SQLiteError` when the log cannot be read.
    public func verify(
        against checkpoint: Checkpoint? = nil, key: [UInt8]? = nil, progress: ((Int64, Int64) -> Void)? = nil
    ) throws -> VerificationReport {
        // One read transaction, so the recorded head and the rows come from the same snapshot:
        // otherwise a batch another process commits between reading the head and reading the
        // rows would look like rows added outside ingest (https://sqlite.org/isolation.html).
        if store.database.isInTransaction {
            return try verifySnapshot(against: checkpoint, key: key, progress: progress)
        }
        return try store.database.transaction(.deferred) { _ in
            try verifySnapshot(against: checkpoint, key: key, progress: progress)
        }
    }

    /// `verify(against:key:progress:)` inside the caller's transaction.
    private func verifySnapshot(
        against checkpoint: Checkpoint?, key: [UInt8]?, progress: ((Int64, Int64) -> Void)?
    ) throws -> VerificationReport {
        let recordedHead = try store.head()
        var problems = ProblemList()
        let statement = try store.database.prepare("SELECT seq, body, head FROM events ORDER BY seq")
        defer { statement.reset() }

        var expectedSeq: Int64 = 1
        var previousHead: SHA256Digest? = HashChain.genesis(logID: store.logID)
        var checked: Int64 = 0
        var lastHead = previousHead
        // Double-buffered: the links of one chunk are hashed on all cores while this thread
        // reads the next, so reading costs no wall time of its own.
        var chunk = Chunk()
        var next = Chunk()
        let readAhead = ReadAhead(path: store.path)
        var more = try chunk.fill(from: statement, upTo: Self.chunkSize)
        while chunk.count > 0 {
            readAhead?.advance(toFraction: Double(checked + Int64(chunk.count)) / Double(max(recordedHead.size, 1)))
            // After a gap there is no previous head to check the first row against.
            let hashing = chunk.startCheckingLinks(firstPrevious: chunk.seqs.first == expectedSeq ? previousHead : nil)
            if more {
                more = try next.fill(from: statement, upTo: Self.chunkSize)
            } else {
                next.removeAll()
            }
            let links = hashing.wait()
            for index in 0 ..< chunk.count {
                let seq = chunk.seqs[index]
                if seq != expectedSeq {
                    if seq > expectedSeq {
                        let range = seq - 1 == expectedSeq ? "seq \(expectedSeq) is" : "seqs \(expectedSeq)–\(seq - 1) are"
                        problems.add(VerificationProblem(seq: expectedSeq, kind: .missing, detail: "\(range) missing: rows were deleted"))
                    } else {
                        problems.add(VerificationProblem(seq: seq, kind: .inserted, detail: "a row out of order"))
                    }
                }
                let link = links[index]
                if seq > recordedHead.size {
                    problems.add(VerificationProblem(
                        seq: seq, kind: .inserted,
                        detail: "beyond the log's recorded size (\(recordedHead.size)): a row was added outside ingest"))
                } else if let bodySeq = link.bodySeq, bodySeq != seq {
                    problems.add(VerificationProblem(
                        seq: seq, kind: .reordered, detail: "the body stored here belongs at seq \(bodySeq)"))
                } else if link.bodySeq == nil {
                    problems.add(VerificationProblem(seq: seq, kind: .modified, detail: "the body is not a stored event"))
                } else if link.validHead == false {
                    problems.add(VerificationProblem(seq: seq, kind: .modified, detail: "the head stored with this event is damaged"))
                } else if link.linked == false {
                    problems.add(VerificationProblem(
                        seq: seq, kind: .modified, detail: "the body does not hash to the chain head stored with it: content changed"))
                }
                expectedSeq = seq + 1
            }
            previousHead = chunk.heads.last ?? nil
            lastHead = previousHead
            checked += Int64(chunk.count)
            progress?(checked, recordedHead.size)
            swap(&chunk, &next)
        }
        if expectedSeq - 1 < recordedHead.size {
            problems.add(VerificationProblem(
                seq: expectedSeq, kind: .missing,
                detail: "the log records \(recordedHead.size) events but its rows end at seq \(expectedSeq - 1): the tail was deleted"))
        } else if lastHead != recordedHead.hash, problems.isEmpty {
            problems.add(VerificationProblem(
                seq: recordedHead.size, kind: .head, detail: "the recorded chain head does not match the last event's head"))
        }

        var signatureChecked = false
        if let checkpoint {
            signatureChecked = try check(checkpoint, key: key, recordedHead: recordedHead, problems: &problems)
        }
        return VerificationReport(
            logID: store.logID, recordedSize: recordedHead.size, eventsChecked: checked, head: recordedHead.hash,
            problems: problems.sorted, truncated: problems.truncated, checkpoint: checkpoint, signatureChecked: signatureChecked)
    }

    /// Proves the log is an append-only extension of `checkpoint`.
    private func check(_ checkpoint: Checkpoint, key: [UInt8]?, recordedHead: ChainHead, problems: inout ProblemList) throws -> Bool {
        var signatureChecked = false
        if let key {
            guard checkpoint.signature != nil else {
                problems.add(VerificationProblem(seq: checkpoint.size, kind: .checkpoint, detail: "the checkpoint is not signed, but a key was given"))
                return false
            }
            guard checkpoint.hasValidSignature(key: key) else {
                problems.add(VerificationProblem(seq: checkpoint.size, kind: .checkpoint, detail: "the checkpoint's signature does not match the key: the checkpoint was altered or the key is wrong"))
                return false
            }
            signatureChecked = true
        }
        guard checkpoint.logID == store.logID else {
            problems.add(VerificationProblem(seq: checkpoint.size, kind: .checkpoint, detail: "the checkpoint is of another log (\(checkpoint.logID))"))
            return signatureChecked
        }
        guard checkpoint.size <= recordedHead.size else {
            problems.add(VerificationProblem(
                seq: recordedHead.size + 1, kind: .checkpoint,
                detail: "the checkpoint covers \(checkpoint.size) events but the log has \(recordedHead.size): the log was truncated"))
            return signatureChecked
        }
        if try store.storedHead(at: checkpoint.size) != checkpoint.head {
            problems.add(VerificationProblem(
                seq: checkpoint.size, kind: .checkpoint,
                detail: "the head at seq \(checkpoint.size) differs from the checkpoint's: events up to it were rewritten"))
        }
        return signatureChecked
    }
}

/// Collects problems, keeping the first `LogVerifier.problemLimit` by `seq`.
private struct ProblemList {
    private(set) var all: [VerificationProblem] = []
    private(set) var truncated = false
    var isEmpty: Bool { all.isEmpty }

    mutating func add(_ problem: VerificationProblem) {
        if all.count >= LogVerifier.problemLimit {
            truncated = true
            return
        }
        all.append(problem)
    }

    var sorted: [VerificationProblem] { all.sorted { $0.seq < $1.seq } }
}

/// Rows read together, their bodies packed in one buffer.
private struct Chunk {
    var seqs: [Int64] = []
    /// Each row's leaf message, `0x00 || body` (RFC 9162 §2.1.1), one after the other, so a
    /// leaf is hashed from one piece of memory.
    var leafMessages: [UInt8] = []
    /// Where each row's leaf message ends in `leafMessages`.
    var leafMessageEnds: [Int] = []
    /// Stored heads; nil where the stored value is not 32 bytes.
    var heads: [SHA256Digest?] = []

    var count: Int { seqs.count }

    mutating func removeAll() {
        seqs.removeAll(keepingCapacity: true)
        leafMessages.removeAll(keepingCapacity: true)
        leafMessageEnds.removeAll(keepingCapacity: true)
        heads.removeAll(keepingCapacity: true)
    }

    /// Replaces the rows with up to `limit` more from `statement` (`seq, body, head`).
    ///
    /// - Returns: whether the statement may have more rows.
    mutating func fill(from statement: Statement, upTo limit: Int) throws -> Bool {
        removeAll()
        while count < limit {
            guard try statement.step() else { return false }
            seqs.append(statement.int64(at: 0))
            leafMessages.append(HashChain.leafPrefix)
            statement.withBytes(at: 1) { leafMessages.append(contentsOf: $0) }
            leafMessageEnds.append(leafMessages.count)
            heads.append(statement.withBytes(at: 2) { $0.count == SHA256Digest.byteCount ? SHA256Digest(bytesIn: $0) : nil })
        }
        return true
    }

    /// Row `index`'s leaf message within `bytes`, the memory of `leafMessages`.
    func leafMessage(at index: Int, in bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        let start = index == 0 ? 0 : leafMessageEnds[index - 1]
        return UnsafeRawBufferPointer(rebasing: bytes[start ..< leafMessageEnds[index]])
    }

    /// The head row `index` must follow: the row before it when that is the previous `seq`,
    /// `firstPrevious` for the first row, and nil when there is nothing to check it against.
    func previousHead(of index: Int, firstPrevious: SHA256Digest?) -> SHA256Digest? {
        if index == 0 { return firstPrevious }
        return seqs[index - 1] == seqs[index] - 1 ? heads[index - 1] : nil
    }

    struct Link: Sendable {
        var bodySeq: Int64?
        var validHead = true
        /// Whether head == next(previous head, leaf(body)); nil when there is no previous head to check against.
        var linked: Bool?
    }

    /// Checks every row's link on all cores, in the background.
    ///
    /// - Returns: the job; `wait()` gives the links, one per row.
    func startCheckingLinks(firstPrevious: SHA256Digest?) -> LinkCheck {
        let check = LinkCheck(self, firstPrevious: firstPrevious)
        DispatchQueue.global().async(group: check.group) { check.run() }
        return check
    }
}

/// The links of one chunk, being checked on other threads.
///
/// @unchecked: `run()` writes `links` on the pool, and the owner reads them only after
/// `wait()` has waited for it; the chunk is a copy the owner no longer changes.
private final class LinkCheck: @unchecked Sendable {
    let group = DispatchGroup()
    private let chunk: Chunk
    private let firstPrevious: SHA256Digest?
    private var links: [Chunk.Link] = []

    init(_ chunk: Chunk, firstPrevious: SHA256Digest?) {
        self.chunk = chunk
        self.firstPrevious = firstPrevious
    }

    func wait() -> [Chunk.Link] {
        group.wait()
        return links
    }

    func run() {
        let count = chunk.count
        var links = [Chunk.Link](repeating: Chunk.Link(), count: count)
        let slices = max(1, min(ProcessorCount.active * 4, count / 256))
        let chunk = self.chunk
        let firstPrevious = self.firstPrevious
        links.withUnsafeMutableBufferPointer { output in
            nonisolated(unsafe) let output = output
            chunk.leafMessages.withUnsafeBytes { bytes in
                nonisolated(unsafe) let bytes = bytes
                DispatchQueue.concurrentPerform(iterations: slices) { slice in
                    let upper = count * (slice + 1) / slices
                    var index = count * slice / slices
                    while index < upper {
                        // Two rows that both have a head to check and one to follow are hashed
                        // side by side, which the SHA extensions do in about 60% of the time.
                        if index + 1 < upper, let head = chunk.heads[index], let nextHead = chunk.heads[index + 1],
                            let previous = chunk.previousHead(of: index, firstPrevious: firstPrevious),
                            let nextPrevious = chunk.previousHead(of: index + 1, firstPrevious: firstPrevious)
                        {
                            let message = chunk.leafMessage(at: index, in: bytes)
                            let nextMessage = chunk.leafMessage(at: index + 1, in: bytes)
                            let heads = HashChain.next(after: (previous, nextPrevious), leafMessages: (message, nextMessage))
                            output[index] = Chunk.Link(bodySeq: Self.bodySeq(in: message), linked: heads.0 == head)
                            output[index + 1] = Chunk.Link(bodySeq: Self.bodySeq(in: nextMessage), linked: heads.1 == nextHead)
                            index += 2
                            continue
                        }
                        let message = chunk.leafMessage(at: index, in: bytes)
                        var link = Chunk.Link(bodySeq: Self.bodySeq(in: message))
                        if let head = chunk.heads[index] {
                            if let previous = chunk.previousHead(of: index, firstPrevious: firstPrevious) {
                                let leaf = SHA256.hash(message)
                                link.linked = HashChain.next(after: previous, leaf: leaf) == head
                            }
                        } else {
                            link.validHead = false
                        }
                        output[index] = link
                        index += 1
                    }
                }
            }
        }
        self.links = links
    }

    /// The `seq` written in the body of a leaf message.
    private static func bodySeq(in leafMessage: UnsafeRawBufferPointer) -> Int64? {
        StoredBody.seq(in: UnsafeRawBufferPointer(rebasing: leafMessage.dropFirst()))
    }
}
