#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import Synchronization

/// Computes a batch's stored bodies, leaf hashes and chain heads on a second thread, ahead
/// of the inserts that need them.
///
/// Hashing is about a quarter of an append's work and needs nothing from the database
/// once the transaction has read the head, so `EventStore.append` starts this for the
/// seqs it expects — every envelope appended, none a duplicate — and inserts row *i* as
/// soon as link *i* is ready, while the links after it are being hashed. A duplicate or a
/// conflict shifts the seqs after it: the append then stops this and computes the rest
/// itself.
///
/// On two cores this thread shares a core with the batch reader, and may be descheduled
/// just when the appending thread needs the next link. Rather than wait, the appending
/// thread then computes that link itself and tells this thread to resume after it
/// (`resume(at:after:)`), so neither thread idles and no link is waited for longer than
/// a brief spin.
///
/// Not `Sendable` to callers: one appending thread drives it. Internally the hashing
/// thread writes slot *i* and then publishes `ready = i + 1` with release ordering; the
/// appending thread reads slot *i* only after seeing `ready > i` with acquire ordering,
/// and touches nothing else until `stop()` has waited for the hashing thread. `ready`
/// only grows: after a resume the hashing thread's next slot is past every stolen one.
final class BatchHasher: @unchecked Sendable {
    /// A computed link, valid until `stop()` or the next `start`.
    struct Link {
        /// The stored body for the expected seq.
        var body: UnsafeRawBufferPointer
        /// The chain head after it.
        var head: SHA256Digest
        /// `EventStore.subjectHash` of the envelope's subject.
        var subjectHash: UInt32
    }

    /// Where the hashing thread should go on after links the appending thread computed.
    private struct ResumePoint {
        var index: Int
        var previous: SHA256Digest
    }

    /// Where the hashing runs: the reading thread of an ingest, which polls for it; nil
    /// for a queue of this hasher's own.
    var sideJobs: SideJobs?
    private lazy var queue = DispatchQueue(label: "ironcage.append.hash")
    /// `idle`, `queued` (submitted, not started) or `hashing`; `stop()` can take a queued
    /// job back, so a helper that is busy elsewhere never holds up the append.
    private let jobState = Atomic<Int>(JobState.idle)
    private enum JobState {
        static let idle = 0
        static let queued = 1
        static let hashing = 2
    }
    private let ready = Atomic<Int>(0)
    private let cancelled = Atomic<Bool>(false)
    private let hasResumePoint = Atomic<Bool>(false)
    private let resumePoint = Mutex<ResumePoint?>(nil)
    private let finished = DispatchSemaphore(value: 0)
    private var running = false

    // The job, written by `start` before the hashing thread begins, then only read.
    private var envelopes: [Envelope] = []
    private var firstSeq: Int64 = 1
    private var previous = SHA256Digest(words: (0, 0, 0, 0, 0, 0, 0, 0))
    private var recordedUTC: [UInt8] = []

    // The slots: body i is `bodies[bodyStarts[i] ..< bodyStarts[i] + bodyCounts[i]]`.
    private var slotCapacity = 0
    private var bodyByteCapacity = 0
    private var bodies = UnsafeMutableRawPointer.allocate(byteCount: 1, alignment: 16)
    private var bodyStarts = UnsafeMutablePointer<Int>.allocate(capacity: 1)
    private var bodyCounts = UnsafeMutablePointer<Int>.allocate(capacity: 1)
    private var heads = UnsafeMutablePointer<SHA256Digest>.allocate(capacity: 1)
    private var subjectHashes = UnsafeMutablePointer<UInt32>.allocate(capacity: 1)

    init() {}

    deinit {
        // No job is running: a submitted job holds a reference to this hasher.
        bodies.deallocate()
        bodyStarts.deallocate()
        bodyCounts.deallocate()
        heads.deallocate()
        subjectHashes.deallocate()
    }

    /// Starts hashing `envelopes` as seqs `firstSeq`, `firstSeq + 1`, … after `previous`.
    ///
    /// - Parameters:
    ///   - envelopes: the batch, in order.
    ///   - firstSeq: the seq of the first.
    ///   - recorded: the batch's `recorded` instant.
    ///   - previous: the chain head before the first.
    func start(_ envelopes: [Envelope], firstSeq: Int64, recorded: Instant, after previous: SHA256Digest) {
        precondition(!running, "a batch is still being hashed")
        var utc: [UInt8] = []
        recorded.appendUTCString(to: &utc)
        reserve(envelopes, recordedUTCCount: utc.count)
        self.envelopes = envelopes
        self.firstSeq = firstSeq
        self.previous = previous
        self.recordedUTC = utc
        ready.store(0, ordering: .relaxed)
        cancelled.store(false, ordering: .relaxed)
        hasResumePoint.store(false, ordering: .relaxed)
        resumePoint.withLock { $0 = nil }
        running = true
        jobState.store(JobState.queued, ordering: .releasing)
        // The queue or the side jobs' lock orders everything above before the job runs.
        let job: @Sendable () -> Void = { self.runJob() }
        if let sideJobs {
            sideJobs.submit(job)
        } else {
            queue.async(execute: job)
        }
    }

    /// Runs a submitted job unless `stop()` took it back first, or an earlier submission
    /// already ran this batch.
    private func runJob() {
        guard jobState.compareExchange(expected: JobState.queued, desired: JobState.hashing, ordering: .acquiring).exchanged
        else { return }
        hashAll()
    }

    /// The link of envelope `index`, or nil when the hashing thread has not reached it after
    /// a brief spin; the caller then computes it and calls `resume(at:after:)`.
    func link(at index: Int) -> Link? {
        precondition(running && index < envelopes.count, "no such link")
        var spins = 0
        while ready.load(ordering: .acquiring) <= index {
            // About a microsecond, less than one link takes to hash.
            spins += 1
            if spins > 256 { return nil }
        }
        return Link(
            body: UnsafeRawBufferPointer(start: bodies + bodyStarts[index], count: bodyCounts[index]),
            head: heads[index], subjectHash: subjectHashes[index])
    }

    /// Tells the hashing thread that the caller computed every link before `index`, the
    /// last ending at `previous`, so it should go on from there.
    func resume(at index: Int, after previous: SHA256Digest) {
        resumePoint.withLock { $0 = ResumePoint(index: index, previous: previous) }
        hasResumePoint.store(true, ordering: .releasing)
    }

    /// Stops the hashing thread and waits for it; links handed out become invalid.
    func stop() {
        guard running else { return }
        cancelled.store(true, ordering: .relaxed)
        // Not started yet: take it back; otherwise wait for it to notice.
        if !jobState.compareExchange(expected: JobState.queued, desired: JobState.idle, ordering: .relaxed).exchanged {
            finished.wait()
            jobState.store(JobState.idle, ordering: .relaxed)
        }
        running = false
        envelopes = []
    }

    /// Runs on the hashing thread.
    private func hashAll() {
        var head = previous
        var index = 0
        recordedUTC.withUnsafeBytes { utc in
            while index < envelopes.count {
                if cancelled.load(ordering: .relaxed) { break }
                if hasResumePoint.load(ordering: .acquiring), let point = takeResumePoint(), point.index > index {
                    index = point.index
                    head = point.previous
                    continue
                }
                let envelope = envelopes[index]
                let target = bodies + bodyStarts[index]
                let count = envelope.writeStoredBody(seq: firstSeq + Int64(index), recordedUTC: utc, to: target)
                (bodyCounts + index).initialize(to: count)
                head = HashChain.next(after: head, leaf: HashChain.leaf(of: UnsafeRawBufferPointer(start: target, count: count)))
                (heads + index).initialize(to: head)
                (subjectHashes + index).initialize(to: EventStore.subjectHash(envelope.subject))
                ready.store(index + 1, ordering: .releasing)
                index += 1
            }
        }
        finished.signal()
    }

    private func takeResumePoint() -> ResumePoint? {
        resumePoint.withLock { point in
            hasResumePoint.store(false, ordering: .relaxed)
            defer { point = nil }
            return point
        }
    }

    /// Grows the slots for a batch and lays out where each body goes.
    private func reserve(_ envelopes: [Envelope], recordedUTCCount: Int) {
        if envelopes.count > slotCapacity {
            let capacity = max(envelopes.count, slotCapacity * 2)
            bodyStarts.deallocate()
            bodyCounts.deallocate()
            heads.deallocate()
            subjectHashes.deallocate()
            bodyStarts = .allocate(capacity: capacity)
            bodyCounts = .allocate(capacity: capacity)
            heads = .allocate(capacity: capacity)
            subjectHashes = .allocate(capacity: capacity)
            slotCapacity = capacity
        }
        var total = 0
        for (index, envelope) in envelopes.enumerated() {
            (bodyStarts + index).initialize(to: total)
            total += envelope.storedBodyCapacity(recordedUTCCount: recordedUTCCount)
        }
        if total > bodyByteCapacity {
            let capacity = max(total, bodyByteCapacity * 2)
            bodies.deallocate()
            bodies = .allocate(byteCount: capacity, alignment: 16)
            bodyByteCapacity = capacity
        }
    }
}
