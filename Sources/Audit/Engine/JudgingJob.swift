import Dispatch
import Synchronization

/// Keys judged on another thread — decoded from their stored facts, judged, their findings
/// encoded and their tallies taken — while the engine reads the next keys' facts.
final class JudgingJob: Sendable {
    private let outcome = Mutex<Result<[Judged], any Error>?>(nil)
    private let done = DispatchSemaphore(value: 0)

    /// A key's judgement, and its tally for a rule that keeps one (`RuleEvaluator.tally(of:)`).
    typealias Judged = (key: RuleKey, judgement: FactBatch.Judgement, tally: [UInt8]?)

    private init() {}

    /// Starts judging the keys in `block` on `queue`.
    static func start(_ block: StoredFacts, collector: FactCollector, on queue: DispatchQueue) -> JudgingJob {
        start(collector: collector, on: queue) { block.decoded() }
    }

    /// Starts judging a key from its facts, decoded already (in chronological order), on `queue`.
    static func start(_ key: RuleKey, facts: [Fact], collector: FactCollector, on queue: DispatchQueue) -> JudgingJob {
        start(collector: collector, on: queue) { [(key, facts)] }
    }

    private static func start(
        collector: FactCollector, on queue: DispatchQueue, _ decoded: @escaping @Sendable () -> [(key: RuleKey, facts: [Fact])]
    ) -> JudgingJob {
        let job = JudgingJob()
        queue.async {
            let result = Result {
                try decoded().flatMap { key, facts in
                    let tally = collector.rules.evaluators[key.rule].tally(of: facts)
                    return try collector.judgements(key, facts: facts).map { judged in
                        (key: judged.key, judgement: FactBatcher.encoded(judged.judgement), tally: judged.key.rule == key.rule ? tally : nil)
                    }
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
    func judgements() throws -> [Judged] {
        done.wait()
        // Leave the semaphore signalled, so that asking again does not wait forever.
        done.signal()
        return try outcome.withLock { $0 ?? .success([]) }.get()
    }
}

