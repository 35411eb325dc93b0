import EventLog

extension IngestCommand {
    /// The event type of a backfill declaration; the `late_entry` rule reads it.
    static let backfillType = "log.backfill_declared"

    /// Records that the events just appended were a declared backfill (补录): who declared
    /// it, why, and the seq range and departments it covered. The declaration is itself an
    /// event in the log, so the exemption it grants can be audited too.
    ///
    /// - Returns: the declaration's seq.
    static func declareBackfill(
        reason: String, by declarer: String, store: EventStore, first: Int64, last: Int64
    ) throws -> Int64 {
        var departments: Set<String> = []
        try store.forEachBody(from: first) { seq, body in
            guard seq <= last else { return false }
            departments.insert(try StoredEvent(body: body).envelope.dept)
            return true
        }
        let now = Instant.now()
        let depts = departments.sorted().map(JSONText.string).joined(separator: ",")
        let line = #"{"id":"BACKFILL-\#(first)-\#(last)-\#(now.millisecondsSinceEpoch)","type":"\#(backfillType)","at":"\#(now.utcString)","dept":"ironcage","actor":\#(JSONText.string(declarer)),"subject":"backfill:\#(first)-\#(last)","data":{"reason":\#(JSONText.string(reason)),"first_seq":\#(first),"last_seq":\#(last),"events":\#(last - first + 1),"depts":[\#(depts)]}}"#
        let envelope: Envelope
        switch Envelope.parse(line: line) {
        case .success(let parsed): envelope = parsed
        case .failure(let rejection): throw CommandFailure("cannot record the backfill declaration: \(rejection)", status: .dataError)
        }
        let outcome = try store.append([envelope])
        guard case .appended(let seq) = outcome.results.first else {
            throw CommandFailure("the backfill declaration was not recorded", status: .software)
        }
        return seq
    }
}
