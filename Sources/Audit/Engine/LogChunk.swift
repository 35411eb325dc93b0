/// Stored event bodies copied out of the log, so that another thread can parse them while
/// the log's reader goes on.
struct LogChunk: Sendable {
    private(set) var seqs: [Int64] = []
    private var bytes: [UInt8] = []
    /// Where each body ends in `bytes`.
    private var ends: [Int] = []

    init(capacity: Int) {
        seqs.reserveCapacity(capacity)
        ends.reserveCapacity(capacity)
        bytes.reserveCapacity(capacity * 512)
    }

    var count: Int { seqs.count }

    mutating func append(seq: Int64, body: UnsafeRawBufferPointer) {
        seqs.append(seq)
        bytes.append(contentsOf: body)
        ends.append(bytes.count)
    }

    /// Calls `body` with each event's seq and body, in order.
    func forEach(_ body: (Int64, UnsafeRawBufferPointer) throws -> Void) rethrows {
        try bytes.withUnsafeBytes { raw in
            var start = 0
            for (seq, end) in zip(seqs, ends) {
                try body(seq, UnsafeRawBufferPointer(rebasing: raw[start ..< end]))
                start = end
            }
        }
    }
}
