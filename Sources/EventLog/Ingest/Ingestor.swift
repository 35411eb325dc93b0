import Dispatch

/// Settings for `Ingestor`.
public struct IngestOptions: Sendable {
    /// Commit after this many pending events…
    public var batchSize = 5_000
    /// …or once the oldest pending event has waited this long, whichever comes first, so a
    /// long-lived, quiet pipe is durable without waiting for its end.
    public var maximumLatencyMilliseconds = 1_000
    /// Longer lines are rejected without being buffered.
    public var maximumLineLength = 1 << 20
    /// The documented vocabulary: events of a documented type whose payload breaks it are
    /// refused like any other bad line. Nil: payloads are not checked.
    public var schemas: EventSchemas?

    public init() {}
}

/// One rejected input line.
public struct IngestRejection: Sendable, Equatable, CustomStringConvertible {
    /// 1-based line number in its input.
    public var line: Int
    /// Stable machine-readable reason, e.g. `bad_timestamp`, `conflict`.
    public var code: String
    /// The top-level field concerned, if any.
    public var field: String?
    /// The reason in words, never the line's content.
    public var reason: String

    public var description: String { "line \(line): \(reason)" }
}

/// Sent after each committed batch: everything up to `lastLine` is safely in the log.
public struct BatchAcknowledgement: Sendable, Equatable {
    public var lastLine: Int
    public var lastSeq: Int64
    public var head: SHA256Digest
    public var appended: Int
    public var duplicates: Int
    public var conflicts: Int
}

/// Running totals of an ingest.
public struct IngestTally: Sendable, Equatable {
    public var lines = 0
    public var blank = 0
    public var accepted = 0
    public var duplicates = 0
    public var conflicts = 0
    public var rejected = 0
    public var batches = 0
    public var firstSeq: Int64?
    public var lastSeq: Int64?

    public init() {}

    /// Lines refused: invalid ones and conflicts.
    public var refused: Int { rejected + conflicts }
}

/// Streams NDJSON lines into the log: validates each line, batches the good ones, and
/// reports every bad one with its line number and reason without stopping.
///
/// Two threads share the work: a `BatchReader` reads, validates and batches the input on
/// a thread of its own, at most two batches ahead, while the calling thread appends the
/// previous batch and does all the reporting — rejections, the rejects file,
/// acknowledgements — in input order. The reading thread also runs the store's hashing
/// of the batch being appended (`SideJobs`), ahead of everything else it does.
///
/// Not `Sendable`: one ingest runs on one thread, plus the reader it starts.
public final class Ingestor {
    public let store: EventStore
    public let options: IngestOptions
    /// Receives each refused line's reason.
    public var onRejected: ((IngestRejection) -> Void)?
    /// Receives an acknowledgement after each commit.
    public var onCommitted: ((BatchAcknowledgement) -> Void)?
    /// Refused lines are copied here verbatim, one per line.
    public var rejects: FileWriter?
    public private(set) var tally = IngestTally()

    /// Batches read ahead of the one being appended.
    static var readAhead: Int { 2 }

    public init(store: EventStore, options: IngestOptions = IngestOptions()) {
        self.store = store
        self.options = options
    }

    /// Reads `source` to its end, committing as it goes.
    ///
    /// - Returns: the totals so far (they accumulate across calls).
    /// - Throws: `IOError` from the source or the rejects file; `SQLiteError` when a commit
    ///   fails — every batch acknowledged before it is stored.
    @discardableResult
    public func ingest(_ source: some ByteSource) throws -> IngestTally {
        try store.startBackgroundCheckpoints()
        let handOff = HandOff<IngestChunk>(capacity: Self.readAhead)
        // The store hashes each batch on the reading thread rather than a third one, which
        // would compete with the reader for the second core.
        let sideJobs = SideJobs(wake: { handOff.wake() })
        let reader = BatchReader(
            source: source, options: options, keepsRawLines: rejects != nil, handOff: handOff, sideJobs: sideJobs)
        let reading = ReadingThreadWork { reader.run() }
        let finished = DispatchSemaphore(value: 0)
        // A queue of its own gets a thread of its own, however busy Dispatch's pool is.
        DispatchQueue(label: "ironcage.ingest.read").async {
            reading.run()
            finished.signal()
        }
        store.batchHashingJobs = sideJobs
        // However this ends, stop the reader and wait for it: it owns the source until then.
        defer {
            handOff.close()
            finished.wait()
            store.batchHashingJobs = nil
            store.stopBackgroundCheckpoints()
        }
        while let chunk = handOff.take() {
            try report(chunk)
            if let failure = chunk.failure { throw failure }
            try commit(chunk)
            if chunk.isLast { break }
        }
        try rejects?.flush()
        return tally
    }

    /// Reports a chunk's refused lines, in input order.
    private func report(_ chunk: IngestChunk) throws {
        tally.lines += chunk.lines
        tally.blank += chunk.blank
        for refusal in chunk.refusals {
            switch refusal {
            case .line(let rejection, let raw):
                try refuse(rejection, raw: raw)
            case .overLongBytes(let bytes):
                try rejects?.write(bytes)
            case .overLong(let rejection):
                try refuse(rejection, raw: nil)
                try rejects?.write(Self.newline)
            }
        }
    }

    private func commit(_ chunk: IngestChunk) throws {
        guard let lastLine = chunk.origins.last?.line else { return }
        let outcome = try store.append(chunk.envelopes)
        tally.batches += 1
        for (origin, result) in zip(chunk.origins, outcome.results) {
            switch result {
            case .appended(let seq):
                tally.accepted += 1
                if tally.firstSeq == nil { tally.firstSeq = seq }
                tally.lastSeq = seq
            case .duplicate:
                tally.duplicates += 1
            case .conflict(let seq):
                tally.conflicts += 1
                let rejection = IngestRejection(
                    line: origin.line, code: "conflict", field: nil,
                    reason: "conflict: (dept, id) is already stored at seq \(seq) with different content")
                onRejected?(rejection)
                if let raw = origin.raw {
                    try rejects?.write(raw)
                    try rejects?.write(Self.newline)
                }
            }
        }
        // A batch's rejects reach the file before it is acknowledged.
        try rejects?.flush()
        onCommitted?(BatchAcknowledgement(
            lastLine: lastLine, lastSeq: outcome.head.size, head: outcome.head.hash, appended: outcome.appended,
            duplicates: outcome.duplicates, conflicts: outcome.conflicts))
    }

    private func refuse(_ rejection: IngestRejection, raw: [UInt8]?) throws {
        tally.rejected += 1
        onRejected?(rejection)
        if let raw, let rejects {
            try rejects.write(raw)
            try rejects.write(Self.newline)
        }
    }

    private static let newline: [UInt8] = [UInt8(ascii: "\n")]
}

/// Moves the batch reader's work to its thread.
///
/// @unchecked: the reader, and the source inside it, are used only on the reading thread
/// from the moment it starts; the ingest waits for that thread before returning.
private final class ReadingThreadWork: @unchecked Sendable {
    let run: () -> Void
    init(_ run: @escaping () -> Void) { self.run = run }
}
