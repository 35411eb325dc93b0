/// Settings for `Ingestor`.
public struct IngestOptions: Sendable {
    /// Commit after this many pending events…
    public var batchSize = 5_000
    /// …or once the oldest pending event has waited this long, whichever comes first, so a
    /// long-lived, quiet pipe is durable without waiting for its end.
    public var maximumLatencyMilliseconds = 1_000
    /// Longer lines are rejected without being buffered.
    public var maximumLineLength = 1 << 20

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
/// Not `Sendable`: one ingest runs on one thread.
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

    private struct Pending {
        var line: Int
        var envelope: Envelope
        /// The line as received, kept only when a rejects file wants conflicts verbatim.
        var raw: [UInt8]?
    }

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
        let reader = LineReader(source: source, maximumLineLength: options.maximumLineLength)
        let rejects = self.rejects
        var overflowError: (any Error)?
        reader.overflow = { bytes in
            do { try rejects?.write(bytes) } catch { overflowError = error }
        }
        var pending: [Pending] = []
        pending.reserveCapacity(options.batchSize)
        let clock = ContinuousClock()
        var deadline = clock.now
        let latency = Duration.milliseconds(options.maximumLatencyMilliseconds)

        reading: while true {
            let timeout: Int? = pending.isEmpty ? nil : max(0, Self.milliseconds(deadline - clock.now))
            switch try reader.next(timeoutMilliseconds: timeout) {
            case .line(let number, let bytes):
                tally.lines += 1
                if Self.isBlank(bytes) {
                    tally.blank += 1
                    break
                }
                switch Envelope.parse(line: bytes) {
                case .success(let envelope):
                    if pending.isEmpty { deadline = clock.now + latency }
                    pending.append(Pending(line: number, envelope: envelope, raw: rejects == nil ? nil : Array(bytes)))
                case .failure(let rejection):
                    try refuse(IngestRejection(line: number, code: rejection.code, field: rejection.field, reason: rejection.description), raw: bytes)
                }
            case .tooLong(let number, _):
                tally.lines += 1
                if let overflowError { throw overflowError }
                let rejection = EnvelopeRejection(field: nil, reason: .lineTooLong(limit: options.maximumLineLength))
                try refuse(IngestRejection(line: number, code: rejection.code, field: nil, reason: rejection.description), raw: nil)
                try rejects?.write(Array("\n".utf8))
            case .timedOut:
                break
            case .end:
                break reading
            }
            if pending.count >= options.batchSize || (!pending.isEmpty && clock.now >= deadline) {
                try commit(&pending)
            }
        }
        try commit(&pending)
        try rejects?.flush()
        return tally
    }

    private func commit(_ pending: inout [Pending]) throws {
        guard let lastLine = pending.last?.line else { return }
        let outcome = try store.append(pending.map(\.envelope))
        tally.batches += 1
        for (item, result) in zip(pending, outcome.results) {
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
                    line: item.line, code: "conflict", field: nil,
                    reason: "conflict: (dept, id) is already stored at seq \(seq) with different content")
                onRejected?(rejection)
                if let raw = item.raw {
                    try rejects?.write(raw)
                    try rejects?.write(Array("\n".utf8))
                }
            }
        }
        // A batch's rejects reach the file before it is acknowledged.
        try rejects?.flush()
        onCommitted?(BatchAcknowledgement(
            lastLine: lastLine, lastSeq: outcome.head.size, head: outcome.head.hash, appended: outcome.appended,
            duplicates: outcome.duplicates, conflicts: outcome.conflicts))
        pending.removeAll(keepingCapacity: true)
    }

    private func refuse(_ rejection: IngestRejection, raw: UnsafeRawBufferPointer?) throws {
        tally.rejected += 1
        onRejected?(rejection)
        if let raw, let rejects {
            try rejects.write(raw)
            try rejects.write(Array("\n".utf8))
        }
    }

    private static func isBlank(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
    }
}
