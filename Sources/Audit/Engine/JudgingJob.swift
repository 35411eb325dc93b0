import Dispatch
import Synchronization

/// Keys judged on another thread — decoded from their stored facts, judged, their findings
/// encoded — while the engine reads the next keys' facts.
final class JudgingJob: Sendable {
    private let outcome = Mutex<Result<[(key: RuleKey, judgement: FactBatch.Judgement)], any Error>?>(nil)
    private let done = DispatchSemaphore(value: 0)

    private init() {}

    /// Starts judging the keys in `block` on `queue`.
    static func start(_ block: StoredFacts, collector: FactCollector, on queue: DispatchQueue) -> JudgingJob {
        let job = JudgingJob()
        queue.async {
            let result = Result {
                try block.decoded().flatMap { key, facts in
                    try collector.judgements(key, facts: facts).map { (key: $0.key, judgement: FactBatcher.encoded($0.judgement)) }
                }
            }
            job.outcome.withLock { $0 = result }
            job.done.signal()
        }
        return job
    }

    /// Waits for the judgements, in the block's key order (each key's rule, then the rules
    /// that share its facts).
    ///
    /// - Throws: what the evaluators threw, other than `CalendarError`.
    func judgements() throws -> [(key: RuleKey, judgement: FactBatch.Judgement)] {
        done.wait()
        // Leave the semaphore signalled, so that asking again does not wait forever.
        done.signal()
        return try outcome.withLock { $0 ?? .success([]) }.get()
    }
}
