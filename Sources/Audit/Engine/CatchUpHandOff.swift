#if canImport(Glibc)
import Glibc
#endif

/// Carries a catch-up between its two threads: chunks of event bodies from the engine (which
/// reads the log and owns the projections' connection) to the `FactBatcher`'s thread, and
/// batches of facts, or the error that stopped it, back.
///
/// Both queues are bounded, so the batcher runs at most a batch ahead of the store and
/// memory stays flat however long the log. The engine never blocks on a full chunk queue
/// while a batch waits for it (`offer` hands the batch over instead), so neither side can
/// wait for the other forever.
final class CatchUpHandOff: @unchecked Sendable {
    // @unchecked: every stored property is read and written only with `mutex` held.
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let changed: UnsafeMutablePointer<pthread_cond_t>
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
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
        changed = .allocate(capacity: 1)
        changed.initialize(to: pthread_cond_t())
        pthread_cond_init(changed, nil)
    }

    deinit {
        pthread_cond_destroy(changed)
        pthread_mutex_destroy(mutex)
        changed.deallocate()
        mutex.deallocate()
    }

    private func locked<Result>(_ body: () -> Result) -> Result {
        pthread_mutex_lock(mutex)
        defer {
            pthread_cond_broadcast(changed)
            pthread_mutex_unlock(mutex)
        }
        return body()
    }

    // MARK: The engine's side

    /// Queues a chunk, waiting for room unless a batch is waiting to be stored.
    ///
    /// - Returns: whether the chunk was taken (also when the batcher has stopped, which a
    ///   batch in `ready` then says), and the batches ready to store, in order.
    func offer(_ chunk: LogChunk) -> (taken: Bool, ready: [Result<FactBatch, any Error>]) {
        locked {
            while chunks.count >= chunkCapacity && batches.isEmpty && !outputClosed { pthread_cond_wait(changed, mutex) }
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
        locked { inputClosed = true }
    }

    /// The next batch, waiting for it; nil once the batcher has delivered its last.
    func nextBatch() -> Result<FactBatch, any Error>? {
        locked {
            while batches.isEmpty && !outputClosed { pthread_cond_wait(changed, mutex) }
            return batches.isEmpty ? nil : batches.removeFirst()
        }
    }

    /// Stops the batcher: it takes no more chunks and delivers nothing more.
    func cancel() {
        locked { cancelled = true }
    }

    // MARK: The batcher's side

    /// The next chunk, waiting for one; nil once the input is closed and read, or cancelled.
    func nextChunk() -> LogChunk? {
        locked {
            while chunks.isEmpty && !inputClosed && !cancelled { pthread_cond_wait(changed, mutex) }
            return cancelled || chunks.isEmpty ? nil : chunks.removeFirst()
        }
    }

    /// Delivers a batch (or an error), waiting for room.
    ///
    /// - Returns: false when cancelled (nothing was delivered).
    @discardableResult
    func deliver(_ batch: Result<FactBatch, any Error>) -> Bool {
        locked {
            while batches.count >= batchCapacity && !cancelled { pthread_cond_wait(changed, mutex) }
            guard !cancelled else { return false }
            batches.append(batch)
            return true
        }
    }

    /// Whether the engine gave up.
    var isCancelled: Bool {
        locked { cancelled }
    }

    /// Says that no more batches will come.
    func closeOutput() {
        locked { outputClosed = true }
    }
}
