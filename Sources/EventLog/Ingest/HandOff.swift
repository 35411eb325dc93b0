#if canImport(Glibc)
import Glibc
#endif

/// A bounded queue from one producing thread to one consuming thread, which either side
/// can close.
///
/// `put` blocks while the queue is full and `take` while it is empty, so a fast producer
/// is held to `capacity` items ahead of the consumer: memory stays bounded however fast
/// the input arrives. Closing wakes both sides; after it `put` refuses and `take` drains
/// what is left, then returns nil.
final class HandOff<Element: Sendable>: @unchecked Sendable {
    // @unchecked: every stored property is read and written only with `mutex` held.
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let changed: UnsafeMutablePointer<pthread_cond_t>
    private var items: [Element?]
    private var first = 0
    private var count = 0
    private var closed = false

    /// - Parameter capacity: how many items may wait; at least 1.
    init(capacity: Int) {
        precondition(capacity >= 1, "a hand-off holds at least one item")
        items = Array(repeating: nil, count: capacity)
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

    /// Adds an item, waiting for room.
    ///
    /// - Parameter jobs: run while waiting; `wake()` interrupts the wait when one arrives.
    /// - Returns: false, without adding it, when the queue is closed.
    @discardableResult
    func put(_ item: Element, servicing jobs: SideJobs? = nil) -> Bool {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        while count == items.count && !closed {
            if let jobs, jobs.hasPending {
                pthread_mutex_unlock(mutex)
                jobs.runPending()
                pthread_mutex_lock(mutex)
                continue
            }
            pthread_cond_wait(changed, mutex)
        }
        guard !closed else { return false }
        items[(first + count) % items.count] = item
        count += 1
        pthread_cond_broadcast(changed)
        return true
    }

    /// Removes the oldest item, waiting for one.
    ///
    /// - Returns: nil once the queue is closed and empty.
    func take() -> Element? {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        while count == 0 && !closed { pthread_cond_wait(changed, mutex) }
        guard count > 0 else { return nil }
        let item = items[first]
        items[first] = nil
        first = (first + 1) % items.count
        count -= 1
        pthread_cond_broadcast(changed)
        return item
    }

    /// Waits until the queue is closed, running `jobs` as they arrive.
    func waitUntilClosed(servicing jobs: SideJobs) {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        while !closed {
            if jobs.hasPending {
                pthread_mutex_unlock(mutex)
                jobs.runPending()
                pthread_mutex_lock(mutex)
                continue
            }
            pthread_cond_wait(changed, mutex)
        }
    }

    /// Wakes whoever is waiting, so it can look at anything else it watches.
    ///
    /// Whatever the waiter checks must be set before this is called: the waiter checks it
    /// with the mutex held and this takes the mutex, so the wake-up cannot be missed.
    func wake() {
        pthread_mutex_lock(mutex)
        pthread_cond_broadcast(changed)
        pthread_mutex_unlock(mutex)
    }

    /// Refuses further items and wakes both sides.
    func close() {
        pthread_mutex_lock(mutex)
        closed = true
        pthread_cond_broadcast(changed)
        pthread_mutex_unlock(mutex)
    }

    /// Whether `close()` was called.
    var isClosed: Bool {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return closed
    }
}
