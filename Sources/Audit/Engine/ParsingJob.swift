import Dispatch
import Synchronization

/// A chunk of the log parsed on a thread of its own while the batcher collects the facts of
/// the chunk before it: parsing was a third of the batcher's thread, the slowest of a
/// catch-up's threads.
final class ParsingJob: Sendable {
    private let outcome = Mutex<(events: [AuditEvent], error: (any Error)?)?>(nil)
    private let done = DispatchSemaphore(value: 0)

    private init() {}

    /// Starts parsing `chunk` on `queue`.
    static func start(_ chunk: LogChunk, on queue: DispatchQueue) -> ParsingJob {
        let job = ParsingJob()
        queue.async {
            var events: [AuditEvent] = []
            events.reserveCapacity(chunk.count)
            var failure: (any Error)?
            do {
                try chunk.forEach { _, body in events.append(try AuditEvent(body: body)) }
            } catch {
                failure = error
            }
            job.outcome.withLock { $0 = (events, failure) }
            job.done.signal()
        }
        return job
    }

    /// Waits for the chunk's events: those before the first that is not a stored event, in
    /// log order, and why that one is not (`StoredEventError`).
    func events() -> (events: [AuditEvent], error: (any Error)?) {
        done.wait()
        // Leave the semaphore signalled, so that asking again does not wait forever.
        done.signal()
        return outcome.withLock { $0 ?? ([], nil) }
    }
}
