public import EventLog

/// Writes stored events back out as envelope NDJSON, the form `ingest` reads.
///
/// Each line is the event's ``EventLog/Envelope/content``: the canonical JSON of the
/// envelope as its department submitted it — `id`, `type`, `at`, `dept`, `actor` (when
/// present), `subject`, `data` (when present) — without the `seq` and `recorded` the
/// log assigned. Canonical JSON is a fixed point of canonicalisation, so ingesting the
/// export into a fresh log stores byte-identical content for every event: the same
/// idempotency keys, the same duplicates against the original, and only `seq`,
/// `recorded` and the chain differ. Every body is read back through
/// ``EventLog/StoredEvent``, so a damaged row stops the export instead of being copied.
public enum LogExporter {
    /// Exports the events that pass a filter, in `seq` order.
    ///
    /// - Parameters:
    ///   - store: The log.
    ///   - filter: Which events.
    ///   - write: Receives whole lines, each ending in a line feed, in batches.
    /// - Returns: How many events were written.
    /// - Throws: `SQLiteError`, ``EventLog/StoredEventError`` for a body that does not
    ///   read back, or what `write` throws.
    /// - Complexity: O(*n*) over the events from `fromSeq`; with a subject, O(*k* log *n*)
    ///   for its *k* events (the subject index).
    @discardableResult
    public static func export(
        _ store: EventStore, filter: ExportFilter, write: (UnsafeRawBufferPointer) throws -> Void
    ) throws -> Int {
        var batch: [UInt8] = []
        batch.reserveCapacity(1 << 17)
        var count = 0
        func emit(_ envelope: Envelope) throws {
            guard filter.admits(type: envelope.type) else { return }
            batch.append(contentsOf: envelope.content)
            batch.append(UInt8(ascii: "\n"))
            count += 1
            if batch.count >= 1 << 16 {
                try batch.withUnsafeBytes { try write($0) }
                batch.removeAll(keepingCapacity: true)
            }
        }
        if let subject = filter.subject {
            for event in try store.events(subject: subject) where event.seq >= filter.fromSeq {
                try emit(event.envelope)
            }
        } else {
            try store.forEachBody(from: filter.fromSeq) { _, body in
                try emit(StoredEvent(body: body).envelope)
                return true
            }
        }
        if !batch.isEmpty { try batch.withUnsafeBytes { try write($0) } }
        return count
    }
}
