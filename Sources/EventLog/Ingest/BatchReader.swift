/// The reading half of an ingest: splits the input into lines, validates each into an
/// envelope, and cuts the good ones into batches, on a thread of its own.
///
/// Parsing and canonicalising cost about as much as appending, so `Ingestor` runs this
/// on a second thread while it commits the previous batch (see ARCHITECTURE.md,
/// "Ingest"). Batches are cut exactly where a single-threaded ingest would commit: after
/// `batchSize` envelopes, or once the oldest pending one has waited
/// `maximumLatencyMilliseconds`, or at the end of the input. Refused lines travel with
/// the chunk they were read in, so they are reported in input order, before that batch's
/// commit; when the input pauses with only refusals pending they are sent at once.
///
/// Not `Sendable`: created for one ingest, then run on the reading thread only.
final class BatchReader<Source: ByteSource> {
    private let reader: LineReader<Source>
    private let options: IngestOptions
    /// Whether a rejects file wants the bytes of refused lines.
    private let keepsRawLines: Bool
    private let handOff: HandOff<IngestChunk>
    /// The appending thread's hashing, run here between lines and while waiting.
    private let sideJobs: SideJobs
    private var chunk = IngestChunk()
    /// Set when the consumer closed the hand-off: stop reading.
    private var stopped = false

    /// How long one wait for input may last before checking whether the ingest stopped.
    static var pollMilliseconds: Int { 200 }
    /// Over-long line bytes held before they are sent on, mid-line if need be.
    static var overLongByteLimit: Int { 1 << 22 }

    /// - Parameters:
    ///   - source: the input; only this reader touches it from now on.
    ///   - options: batch size, latency and line limit.
    ///   - keepsRawLines: whether refused and good lines keep their bytes for a rejects file.
    ///   - handOff: where chunks go.
    ///   - sideJobs: work from the appending thread to run between lines and while waiting.
    init(source: Source, options: IngestOptions, keepsRawLines: Bool, handOff: HandOff<IngestChunk>, sideJobs: SideJobs) {
        self.reader = LineReader(source: source, maximumLineLength: options.maximumLineLength)
        self.options = options
        self.keepsRawLines = keepsRawLines
        self.handOff = handOff
        self.sideJobs = sideJobs
        if keepsRawLines {
            reader.overflow = { [unowned self] bytes in self.keepOverLong(bytes) }
        }
        chunk.envelopes.reserveCapacity(options.batchSize)
        chunk.origins.reserveCapacity(options.batchSize)
    }

    /// Reads to the end of the input, an input error, or until the hand-off is closed; the
    /// last chunk sent has `isLast` set. Runs side jobs until the hand-off is closed.
    func run() {
        readAll()
        if !stopped { handOff.waitUntilClosed(servicing: sideJobs) }
    }

    private func readAll() {
        let clock = ContinuousClock()
        var deadline = clock.now
        let latency = Duration.milliseconds(options.maximumLatencyMilliseconds)
        while !stopped {
            if sideJobs.hasPending { sideJobs.runPending() }
            let timeout: Int
            if !chunk.envelopes.isEmpty {
                timeout = min(Self.pollMilliseconds, max(0, Self.milliseconds(deadline - clock.now)))
            } else if !chunk.refusals.isEmpty {
                timeout = 0
            } else {
                timeout = Self.pollMilliseconds
            }
            let event: LineEvent
            do {
                event = try reader.next(timeoutMilliseconds: timeout)
            } catch {
                chunk.failure = error
                chunk.isLast = true
                send()
                return
            }
            switch event {
            case .line(let number, let bytes):
                chunk.lines += 1
                if Self.isBlank(bytes) {
                    chunk.blank += 1
                    break
                }
                switch Envelope.parse(line: bytes).flatMap(checkedAgainstSchema) {
                case .success(let envelope):
                    if chunk.envelopes.isEmpty { deadline = clock.now + latency }
                    chunk.envelopes.append(envelope)
                    chunk.origins.append(IngestChunk.Origin(line: number, raw: keepsRawLines ? Array(bytes) : nil))
                case .failure(let rejection):
                    chunk.refusals.append(.line(
                        IngestRejection(line: number, code: rejection.code, field: rejection.field, reason: rejection.description),
                        raw: keepsRawLines ? Array(bytes) : nil))
                }
            case .tooLong(let number, _):
                chunk.lines += 1
                let rejection = EnvelopeRejection(field: nil, reason: .lineTooLong(limit: options.maximumLineLength))
                chunk.refusals.append(.overLong(IngestRejection(line: number, code: rejection.code, field: nil, reason: rejection.description)))
            case .timedOut:
                // The input paused: refusals alone are reported now rather than with the next batch.
                if chunk.envelopes.isEmpty && !chunk.refusals.isEmpty { send() }
                if handOff.isClosed { return }
            case .end:
                chunk.isLast = true
                send()
                return
            }
            if chunk.envelopes.count >= options.batchSize || (!chunk.envelopes.isEmpty && clock.now >= deadline) {
                send()
            }
        }
    }

    /// The envelope, or why its payload breaks its type's documented schema.
    private func checkedAgainstSchema(_ envelope: Envelope) -> Result<Envelope, EnvelopeRejection> {
        guard let schemas = options.schemas else { return .success(envelope) }
        let problem = (envelope.dataBytes ?? []).withUnsafeBytes { schemas.problem(type: envelope.type, canonicalData: $0) }
        guard let problem else { return .success(envelope) }
        return .failure(problem)
    }

    /// Hands the chunk over and starts the next one.
    private func send() {
        let full = chunk
        chunk = IngestChunk()
        chunk.envelopes.reserveCapacity(options.batchSize)
        chunk.origins.reserveCapacity(options.batchSize)
        if !handOff.put(full, servicing: sideJobs) { stopped = true }
    }

    /// Copies a piece of an over-long line for the rejects file, sending it on once enough
    /// has piled up, so a line of any length is never held whole.
    private func keepOverLong(_ bytes: UnsafeRawBufferPointer) {
        guard !stopped else { return }
        chunk.refusals.append(.overLongBytes(Array(bytes)))
        chunk.overLongByteCount += bytes.count
        if chunk.overLongByteCount >= Self.overLongByteLimit { send() }
    }

    private static func isBlank(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
    }
}
