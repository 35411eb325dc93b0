#if canImport(Glibc)
import Glibc
#endif

/// A mutex and one condition variable: what a queue between two threads needs to wait for
/// room or for work, and to wake the other side when either changes.
///
/// POSIX threads rather than `Mutex` from Synchronization, because a waiter must sleep on a
/// condition with the lock released (`pthread_cond_wait`), which `Mutex` does not offer.
/// ``withLock(_:)`` wakes every waiter when it returns: the body may have changed what they
/// wait for, and each waiter re-checks its own condition in a loop.
public final class ConditionLock: @unchecked Sendable {
    // @unchecked: the pointers are set once; what they point to is the thread-safe primitive.
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let changed: UnsafeMutablePointer<pthread_cond_t>

    public init() {
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

    /// Runs `body` with the lock held, then wakes every waiter.
    public func withLock<Result>(_ body: () throws -> Result) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer {
            pthread_cond_broadcast(changed)
            pthread_mutex_unlock(mutex)
        }
        return try body()
    }

    /// Inside ``withLock(_:)``: releases the lock until another thread's ``withLock(_:)`` or
    /// ``wakeAll()`` wakes this one (or the system does, spuriously), then holds it again.
    /// Call it in a loop that re-checks what it waits for.
    public func wait() {
        pthread_cond_wait(changed, mutex)
    }

    /// Inside ``withLock(_:)``: runs `body` with the lock released, for work that must not
    /// hold it (running side jobs while waiting for room), then holds it again.
    public func unlocked<Result>(_ body: () throws -> Result) rethrows -> Result {
        pthread_mutex_unlock(mutex)
        defer { pthread_mutex_lock(mutex) }
        return try body()
    }

    /// Wakes every waiter, so each can look at anything else it watches.
    ///
    /// Whatever the waiter checks must be set before this is called: the waiter checks it
    /// with the lock held and this takes the lock, so the wake-up cannot be missed.
    public func wakeAll() {
        withLock {}
    }
}
