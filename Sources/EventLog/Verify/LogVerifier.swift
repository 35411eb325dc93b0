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
        var more = try chunk.fill(from: statement, upTo: Self.chunkSize)
        while chunk.count > 0 {
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
    var bodyBytes: [UInt8] = []
    var bodyEnds: [Int] = []
    /// Stored heads; nil where the stored value is not 32 bytes.
    var heads: [SHA256Digest?] = []

    var count: Int { seqs.count }

    mutating func removeAll() {
        seqs.removeAll(keepingCapacity: true)
        bodyBytes.removeAll(keepingCapacity: true)
        bodyEnds.removeAll(keepingCapacity: true)
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
            statement.withBytes(at: 1) { bodyBytes.append(contentsOf: $0) }
            bodyEnds.append(bodyBytes.count)
            heads.append(statement.withBytes(at: 2) { $0.count == SHA256Digest.byteCount ? SHA256Digest(bytes: $0) : nil })
        }
        return true
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
            chunk.bodyBytes.withUnsafeBytes { bytes in
                nonisolated(unsafe) let bytes = bytes
                DispatchQueue.concurrentPerform(iterations: slices) { slice in
                    let lower = count * slice / slices
                    let upper = count * (slice + 1) / slices
                    for index in lower ..< upper {
                        let start = index == 0 ? 0 : chunk.bodyEnds[index - 1]
                        let body = UnsafeRawBufferPointer(rebasing: bytes[start ..< chunk.bodyEnds[index]])
                        var link = Chunk.Link()
                        link.bodySeq = StoredBody.seq(in: body)
                        guard let head = chunk.heads[index] else {
                            link.validHead = false
                            output[index] = link
                            continue
                        }
                        let previous: SHA256Digest?
                        if index == 0 {
                            previous = firstPrevious
                        } else if chunk.seqs[index - 1] == chunk.seqs[index] - 1 {
                            previous = chunk.heads[index - 1]
                        } else {
                            previous = nil
                        }
                        if let previous {
                            link.linked = HashChain.next(after: previous, leaf: HashChain.leaf(of: body)) == head
                        }
                        output[index] = link
                    }
                }
            }
        }
        self.links = links
    }
}
