import Foundation

/// Batches between an import's reading thread and its mapping threads: the batches
/// waiting to be mapped, in input order, and the mapped ones, by their place in the
/// input, until the reading thread writes them.
///
/// Mapping threads take the next batch as soon as they are free, so every core stays
/// busy however the batches' costs vary and whoever else runs on the machine; the
/// reading thread stays at most a few batches ahead and writes in input order.
///
/// `@unchecked Sendable`: every stored property is read and written only with
/// `condition` locked.
final class OCDSBatchQueue: @unchecked Sendable {
    private let condition = NSCondition()
    /// At most a few batches: taken from the front.
    private var waiting: [(sequence: Int, batch: OCDSBatch)] = []
    private var mapped: [Int: OCDSBatch] = [:]
    private var closed = false
    private var running = 0

    /// Adds a batch to map; `sequence` is its place in the input, from 0.
    func put(_ batch: OCDSBatch, sequence: Int) {
        condition.lock()
        waiting.append((sequence, batch))
        condition.broadcast()
        condition.unlock()
    }

    /// Takes the next batch to map, waiting for one.
    ///
    /// - Returns: `nil` once the queue is closed (batches still waiting are dropped:
    ///   the import stops).
    func take() -> (sequence: Int, batch: OCDSBatch)? {
        condition.lock()
        defer { condition.unlock() }
        while waiting.isEmpty, !closed { condition.wait() }
        guard !closed else { return nil }
        // Removed, not just passed: the taker must hold the only reference, or its
        // first write would copy the whole batch.
        return waiting.removeFirst()
    }

    /// Hands back a mapped batch.
    func finished(_ batch: OCDSBatch, sequence: Int) {
        condition.lock()
        mapped[sequence] = batch
        condition.broadcast()
        condition.unlock()
    }

    /// Takes the mapped batch at `sequence`: when `wait`, waiting for it; otherwise
    /// only if it is there already.
    func takeMapped(_ sequence: Int, wait: Bool) -> OCDSBatch? {
        condition.lock()
        defer { condition.unlock() }
        while wait, mapped[sequence] == nil { condition.wait() }
        return mapped.removeValue(forKey: sequence)
    }

    /// Notes a mapping thread that started.
    func threadStarted() {
        condition.lock()
        running += 1
        condition.unlock()
    }

    /// Notes a mapping thread that ended.
    func threadEnded() {
        condition.lock()
        running -= 1
        condition.broadcast()
        condition.unlock()
    }

    /// Tells the mapping threads to end, and waits until they have.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        while running > 0 { condition.wait() }
        condition.unlock()
    }
}
