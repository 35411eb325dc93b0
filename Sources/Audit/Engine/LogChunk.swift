/// Stored events read from the log with the facts the rules keep of them, collected on the
/// thread that reads the log (`FactCollector.collect(seq:body:into:)`), so that the
/// batcher's thread has only to file them.
///
/// While a catch-up reads the log, the engine's thread has little else to do than read (the
/// batches it stores then are small), and the batcher's thread was the critical path: it
/// scanned every envelope and read every payload's values, then filed them. The scanning and
/// reading come here; the filing, which builds the batches, stays on one thread.
struct LogChunk: Sendable {
    private(set) var seqs: [Int64] = []
    private var events: [AuditEvent] = []
    /// Where each event's facts end in `facts`.
    private var factEnds: [Int] = []
    private var facts: [(rule: Int, keyed: KeyedFact)] = []
    /// Why collecting stopped after the events above, if it did: thrown by `forEach(_:)`
    /// once it has given them, so that the batches before the event at fault are stored, as
    /// when the batcher itself met it.
    private(set) var failure: (any Error)?

    init(capacity: Int) {
        seqs.reserveCapacity(capacity)
        events.reserveCapacity(capacity)
        factEnds.reserveCapacity(capacity)
        facts.reserveCapacity(capacity * 2)
    }

    var count: Int { seqs.count }

    /// Reads one stored event and collects its facts; after a failure, which the chunk keeps,
    /// nothing more.
    ///
    /// - Returns: false once collecting has failed: the log's reader sends the chunk and stops.
    mutating func append(seq: Int64, body: UnsafeRawBufferPointer, collector: FactCollector) -> Bool {
        guard failure == nil else { return false }
        do {
            let event = try collector.collect(seq: seq, body: body, into: &facts)
            seqs.append(seq)
            events.append(event)
            factEnds.append(facts.count)
            return true
        } catch {
            // Facts an evaluator gave before another threw lie past the last end: never read.
            failure = error
            return false
        }
    }

    /// Calls `body` with each event's seq, the event and its facts, in order.
    ///
    /// - Throws: what `body` throws; then the failure that stopped collecting, if any.
    func forEach(_ body: (Int64, AuditEvent, ArraySlice<(rule: Int, keyed: KeyedFact)>) throws -> Void) throws {
        var start = 0
        for index in seqs.indices {
            try body(seqs[index], events[index], facts[start ..< factEnds[index]])
            start = factEnds[index]
        }
        if let failure { throw failure }
    }
}
