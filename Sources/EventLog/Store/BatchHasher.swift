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
/// Not `Sendable` to callers: one appending thread drives it. Internally the hashing
/// thread writes slot *i* and then publishes `ready = i + 1` with release ordering; the
/// appending thread reads slot *i* only after seeing `ready > i` with acquire ordering,
/// and touches nothing else until `stop()` has waited for the hashing thread.
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

    private let queue = DispatchQueue(label: "ironcage.append.hash")
    private let ready = Atomic<Int>(0)
    private let cancelled = Atomic<Bool>(false)
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
        // No job is running: a running job's block holds a reference to this hasher.
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
        running = true
        // Dispatch orders everything above before the block runs.
        queue.async { self.hashAll() }
    }

    /// The link of envelope `index`, waiting for the hashing thread to reach it.
    func link(at index: Int) -> Link {
        precondition(running && index < envelopes.count, "no such link")
        var spins = 0
        while ready.load(ordering: .acquiring) <= index {
            spins += 1
            // The hasher is ahead almost always; when it is not, give it the core.
            if spins > 100 { sched_yield() }
        }
        return Link(
            body: UnsafeRawBufferPointer(start: bodies + bodyStarts[index], count: bodyCounts[index]),
            head: heads[index], subjectHash: subjectHashes[index])
    }

    /// Stops the hashing thread and waits for it; links handed out become invalid.
    func stop() {
        guard running else { return }
        cancelled.store(true, ordering: .relaxed)
        finished.wait()
        running = false
        envelopes = []
    }

    /// Runs on the hashing thread.
    private func hashAll() {
        var head = previous
        recordedUTC.withUnsafeBytes { utc in
            for index in envelopes.indices {
                if cancelled.load(ordering: .relaxed) { break }
                let envelope = envelopes[index]
                let target = bodies + bodyStarts[index]
                let count = envelope.writeStoredBody(seq: firstSeq + Int64(index), recordedUTC: utc, to: target)
                (bodyCounts + index).initialize(to: count)
                head = HashChain.next(after: head, leaf: HashChain.leaf(of: UnsafeRawBufferPointer(start: target, count: count)))
                (heads + index).initialize(to: head)
                (subjectHashes + index).initialize(to: EventStore.subjectHash(envelope.subject))
                ready.store(index + 1, ordering: .releasing)
            }
        }
        finished.signal()
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
