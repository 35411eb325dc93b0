import Synchronization

/// Work one thread hands to another that runs it between its own tasks.
///
/// An ingest has two busy threads on a two-core machine: the appending thread (SQLite) and
/// the reading thread (parsing). Each batch's hashing (see `BatchHasher`) ran on a third,
/// which then competed with the reader for the second core, and the appending thread
/// waited for it. Instead the reader runs hashing jobs as they come: between lines, and
/// while it waits for the appender to take a batch.
///
/// `hasPending` is one atomic load, cheap enough to check after every line.
final class SideJobs: Sendable {
    private let pending = Atomic<Bool>(false)
    private let jobs = Mutex<[@Sendable () -> Void]>([])
    /// Wakes the running thread if it is blocked; called after each `submit`.
    private let wake: @Sendable () -> Void

    /// - Parameter wake: wakes the thread that runs the jobs if it is waiting.
    init(wake: @escaping @Sendable () -> Void) {
        self.wake = wake
    }

    /// Queues a job for the running thread.
    func submit(_ job: @escaping @Sendable () -> Void) {
        jobs.withLock { $0.append(job) }
        pending.store(true, ordering: .releasing)
        wake()
    }

    /// Whether jobs are waiting.
    var hasPending: Bool { pending.load(ordering: .acquiring) }

    /// Runs the jobs waiting, in order, on the calling thread.
    func runPending() {
        let taken = jobs.withLock { jobs in
            pending.store(false, ordering: .relaxed)
            defer { jobs.removeAll(keepingCapacity: true) }
            return jobs
        }
        for job in taken { job() }
    }
}
