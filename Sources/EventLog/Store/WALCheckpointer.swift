import Dispatch
import SQLite
import Synchronization

/// Copies committed pages from the write-ahead log into the database on a thread of its
/// own, so an ingest's appending thread does not stop for it.
///
/// With `synchronous = FULL` every checkpoint ends with an `fsync` of the database file;
/// on the appending thread that was about a tenth of an ingest's wall time (77
/// checkpoints, 0.52 s of `fdatasync` per million events). Here a second connection runs
/// a PASSIVE checkpoint after each commit (https://sqlite.org/c3ref/wal_checkpoint_v2.html):
/// it never blocks the writer, and when it has caught up before the next commit the writer
/// starts the log over, so it stays small. The writer's own automatic checkpoint stays on
/// with a higher threshold, in case this one cannot keep up (a long-lived reader, say).
///
/// Durability is unchanged: a commit is durable once it is in the synced log; checkpoints
/// only move pages that are already safe.
///
/// Not `Sendable` to callers; its connection lives on its own thread.
final class WALCheckpointer: @unchecked Sendable {
    private let path: String
    private let wakeUp = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let stopping = Atomic<Bool>(false)
    private let pending = Atomic<Bool>(false)

    /// Starts the checkpointing thread for the log at `path`.
    init(path: String) {
        self.path = path
        DispatchQueue(label: "ironcage.checkpoint").async { self.run() }
    }

    /// Tells the checkpointer that a transaction committed.
    func committed() {
        if !pending.exchange(true, ordering: .acquiringAndReleasing) { wakeUp.signal() }
    }

    /// Stops the thread after a last checkpoint if anything committed since the previous
    /// one, and waits for it.
    func stop() {
        stopping.store(true, ordering: .releasing)
        wakeUp.signal()
        finished.wait()
    }

    private func run() {
        defer { finished.signal() }
        // If the connection cannot be opened, the writer's own checkpoints still run.
        guard let database = try? Database(path: path, mode: .readWrite) else { return }
        // Checkpoints sync the log before and the database after copying, as the writer's would.
        try? database.execute("PRAGMA synchronous = FULL")
        while true {
            wakeUp.wait()
            // A commit before `stop()` is still checkpointed, so stopping leaves the log
            // checkpointed as far as readers allow.
            if pending.exchange(false, ordering: .acquiringAndReleasing) {
                // SQLITE_BUSY (another checkpoint running) is harmless: the next commit retries.
                try? database.execute("PRAGMA wal_checkpoint(PASSIVE)")
            }
            if stopping.load(ordering: .acquiring) { return }
        }
    }
}
