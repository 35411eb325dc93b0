/// The stored facts of several keys as read from the projections, not yet decoded, so that
/// another thread can decode and judge them while the store reads the next keys.
struct StoredFacts: Sendable {
    private struct Row: Sendable {
        var seq: Int64
        var role: Int
        var at: Int64
        var count: Int
        var payloadEnd: Int
    }

    private(set) var keys: [RuleKey] = []
    /// Where each key's rows end in `rows`.
    private var ends: [Int] = []
    private var rows: [Row] = []
    private var payloads: [UInt8] = []
    /// Whether some key's rows came from a packed row (`PackedFacts`), which may repeat a fact
    /// stored after it.
    private var unpacked = false

    var isEmpty: Bool { keys.isEmpty }
    var rowCount: Int { rows.count }

    /// Starts the rows of another key.
    mutating func begin(_ key: RuleKey) {
        keys.append(key)
        ends.append(rows.count)
    }

    /// Adds the facts of a packed row (`PackedFacts`) to the key begun last.
    mutating func appendPacked(_ payload: UnsafeRawBufferPointer) {
        unpacked = true
        _ = PackedFacts.forEach(in: payload) { append(seq: $0.seq, role: $0.role, at: $0.at, count: $0.count, payload: $0.payload) }
    }

    /// Adds a row to the key begun last.
    mutating func append(seq: Int64, role: Int, at: Int64, count: Int, payload: UnsafeRawBufferPointer) {
        payloads.append(contentsOf: payload)
        rows.append(Row(seq: seq, role: role, at: at, count: count, payloadEnd: payloads.count))
        ends[ends.count - 1] = rows.count
    }

    /// Each key's facts in chronological order; a row whose payload is damaged is left out.
    func decoded() -> [(key: RuleKey, facts: [Fact])] {
        payloads.withUnsafeBytes { raw in
            var result: [(key: RuleKey, facts: [Fact])] = []
            result.reserveCapacity(keys.count)
            var row = 0
            var payloadStart = 0
            for (key, end) in zip(keys, ends) {
                var facts: [Fact] = []
                facts.reserveCapacity(end - row)
                while row < end {
                    let stored = rows[row]
                    let payload = UnsafeRawBufferPointer(rebasing: raw[payloadStart ..< stored.payloadEnd])
                    if let fact = Fact(seq: stored.seq, role: stored.role, at: stored.at, count: stored.count, payload: payload) { facts.append(fact) }
                    payloadStart = stored.payloadEnd
                    row += 1
                }
                facts.sort(by: Fact.chronological)
                if unpacked { Fact.removeRepeats(&facts) }
                result.append((key, facts))
            }
            return result
        }
    }
}
