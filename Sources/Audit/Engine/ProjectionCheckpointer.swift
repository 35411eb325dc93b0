import Dispatch
import SQLite
import Synchronization

/// Copies the projections' committed pages from their write-ahead log into their file on a
/// thread of its own, as the log's ingest does with its own (`WALCheckpointer` in EventLog).
///
/// A checkpoint after a commit rewrites every page the commit changed; on the thread that
/// stores batches it was a fifth of an incremental audit. Here a second connection runs a
/// PASSIVE checkpoint (https://sqlite.org/c3ref/wal_checkpoint_v2.html) after each commit,
/// which never blocks the writer, while the engine goes on: reading an audit's findings, or
/// storing the next batch. The writer keeps its own automatic checkpoint at a higher
/// threshold, in case this one falls behind.
final class ProjectionCheckpointer: Sendable {
    private let wakeUp = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let stopping = Atomic<Bool>(false)
    private let pending = Atomic<Bool>(false)

    /// Starts the thread for the projections at `path`.
    init(path: String) {
        DispatchQueue(label: "ironcage.audit.checkpoint").async { [self] in run(path: path) }
    }

    /// Says that a transaction committed.
    func committed() {
        if !pending.exchange(true, ordering: .acquiringAndReleasing) { wakeUp.signal() }
    }

    /// Stops the thread, after a last checkpoint if anything committed since the one before,
    /// and waits for it.
    func stop() {
        stopping.store(true, ordering: .releasing)
        wakeUp.signal()
        finished.wait()
    }

    private func run(path: String) {
        defer { finished.signal() }
        // Without a connection of its own, the writer's automatic checkpoints still run.
        let database = try? Database(path: path, mode: .readWrite)
        while true {
            wakeUp.wait()
            if pending.exchange(false, ordering: .acquiringAndReleasing) {
                // SQLITE_BUSY (another checkpoint under way) is harmless: the next commit retries.
                try? database?.execute("PRAGMA wal_checkpoint(PASSIVE)")
            }
            if stopping.load(ordering: .acquiring) { return }
        }
    }
}
