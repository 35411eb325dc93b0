/// A bounded queue from one producing thread to one consuming thread, which either side
/// can close.
///
/// `put` blocks while the queue is full and `take` while it is empty, so a fast producer
/// is held to `capacity` items ahead of the consumer: memory stays bounded however fast
/// the input arrives. Closing wakes both sides; after it `put` refuses and `take` drains
/// what is left, then returns nil.
final class HandOff<Element: Sendable>: @unchecked Sendable {
    // @unchecked: every stored property is read and written only inside `lock.withLock`.
    private let lock = ConditionLock()
    private var items: [Element?]
    private var first = 0
    private var count = 0
    private var closed = false

    /// - Parameter capacity: how many items may wait; at least 1.
    init(capacity: Int) {
        precondition(capacity >= 1, "a hand-off holds at least one item")
        items = Array(repeating: nil, count: capacity)
    }

    /// Adds an item, waiting for room.
    ///
    /// - Parameter jobs: run while waiting; `wake()` interrupts the wait when one arrives.
    /// - Returns: false, without adding it, when the queue is closed.
    @discardableResult
    func put(_ item: Element, servicing jobs: SideJobs? = nil) -> Bool {
        lock.withLock {
            while count == items.count && !closed {
                if let jobs, jobs.hasPending {
                    lock.unlocked { jobs.runPending() }
                    continue
                }
                lock.wait()
            }
            guard !closed else { return false }
            items[(first + count) % items.count] = item
            count += 1
            return true
        }
    }

    /// Removes the oldest item, waiting for one.
    ///
    /// - Returns: nil once the queue is closed and empty.
    func take() -> Element? {
        lock.withLock {
            while count == 0 && !closed { lock.wait() }
            guard count > 0 else { return nil }
            let item = items[first]
            items[first] = nil
            first = (first + 1) % items.count
            count -= 1
            return item
        }
    }

    /// Waits until the queue is closed, running `jobs` as they arrive.
    func waitUntilClosed(servicing jobs: SideJobs) {
        lock.withLock {
            while !closed {
                if jobs.hasPending {
                    lock.unlocked { jobs.runPending() }
                    continue
                }
                lock.wait()
            }
        }
    }

    /// Wakes whoever is waiting, so it can look at anything else it watches.
    ///
    /// Whatever the waiter checks must be set before this is called: the waiter checks it
    /// with the lock held and this takes the lock, so the wake-up cannot be missed.
    func wake() {
        lock.wakeAll()
    }

    /// Refuses further items and wakes both sides.
    func close() {
        lock.withLock { closed = true }
    }

    /// Whether `close()` was called.
    var isClosed: Bool {
        lock.withLock { closed }
    }
}
