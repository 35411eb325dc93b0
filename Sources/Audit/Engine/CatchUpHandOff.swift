import EventLog

/// Carries a catch-up between its two threads: chunks of event bodies from the engine (which
/// reads the log and owns the projections' connection) to the `FactBatcher`'s thread, and
/// batches of facts, or the error that stopped it, back.
///
/// Both queues are bounded, so the batcher runs at most a batch ahead of the store and
/// memory stays flat however long the log. The engine never blocks on a full chunk queue
/// while a batch waits for it (`offer` hands the batch over instead), so neither side can
/// wait for the other forever.
final class CatchUpHandOff: @unchecked Sendable {
    // @unchecked: every stored property is read and written only inside `lock.withLock`.
    private let lock = ConditionLock()
    private let chunkCapacity: Int
    private let batchCapacity: Int
    private var chunks: [LogChunk] = []
    private var batches: [Result<FactBatch, any Error>] = []
    /// No more chunks will come.
    private var inputClosed = false
    /// No more batches will come.
    private var outputClosed = false
    /// The engine gave up: the batcher stops at once.
    private var cancelled = false

    init(chunkCapacity: Int, batchCapacity: Int) {
        precondition(chunkCapacity >= 1 && batchCapacity >= 1, "a hand-off holds at least one item each way")
        self.chunkCapacity = chunkCapacity
        self.batchCapacity = batchCapacity
    }

    // MARK: The engine's side

    /// Queues a chunk, waiting for room unless a batch is waiting to be stored.
    ///
    /// - Returns: whether the chunk was taken (also when the batcher has stopped, which a
    ///   batch in `ready` then says), and the batches ready to store, in order.
    func offer(_ chunk: LogChunk) -> (taken: Bool, ready: [Result<FactBatch, any Error>]) {
        lock.withLock {
            while chunks.count >= chunkCapacity && batches.isEmpty && !outputClosed { lock.wait() }
            let ready = batches
            batches.removeAll()
            if outputClosed { return (true, ready) }
            guard chunks.count < chunkCapacity else { return (false, ready) }
            chunks.append(chunk)
            return (true, ready)
        }
    }

    /// Says that no more chunks will come.
    func closeInput() {
        lock.withLock { inputClosed = true }
    }

    /// The next batch, waiting for it; nil once the batcher has delivered its last.
    func nextBatch() -> Result<FactBatch, any Error>? {
        lock.withLock {
            while batches.isEmpty && !outputClosed { lock.wait() }
            return batches.isEmpty ? nil : batches.removeFirst()
        }
    }

    /// Stops the batcher: it takes no more chunks and delivers nothing more.
    func cancel() {
        lock.withLock { cancelled = true }
    }

    // MARK: The batcher's side

    /// The next chunk, waiting for one; nil once the input is closed and read, or cancelled.
    func nextChunk() -> LogChunk? {
        lock.withLock {
            while chunks.isEmpty && !inputClosed && !cancelled { lock.wait() }
            return cancelled || chunks.isEmpty ? nil : chunks.removeFirst()
        }
    }

    /// Delivers a batch (or an error), waiting for room.
    ///
    /// - Returns: false when cancelled (nothing was delivered).
    @discardableResult
    func deliver(_ batch: Result<FactBatch, any Error>) -> Bool {
        lock.withLock {
            while batches.count >= batchCapacity && !cancelled { lock.wait() }
            guard !cancelled else { return false }
            batches.append(batch)
            return true
        }
    }

    /// Whether the engine gave up.
    var isCancelled: Bool {
        lock.withLock { cancelled }
    }

    /// Says that no more batches will come.
    func closeOutput() {
        lock.withLock { outputClosed = true }
    }
}
