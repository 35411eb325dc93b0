import EventLog

extension AuditWorkload {
    /// 2026-01-05T00:00:00+08:00, the first lifecycle's start (Unix seconds).
    static let firstUnix: Int64 = 1_767_542_400
    /// Lifecycles start over about 270 days, so that the log ends before the calendar's last year does.
    static let spanSeconds: Int64 = 270 * 86_400
    /// Events per lifecycle on average (measured: 862,658 events from 250,000 lifecycles).
    static let eventsPerLifecycle = 3.45

    /// Appends exactly `events` events of realistic lifecycles to `store`, day by day in the
    /// order they happened, each day's batch recorded ten minutes after its end (so nothing
    /// is a late entry), from 2026-01-05 on.
    ///
    /// Lifecycles start at an even spacing that spreads them over about 270 days
    /// (`lifecycles` of them over exactly 270 days when given); generation goes on at that
    /// spacing until `events` are written, and the last lifecycle is cut short where the
    /// count is reached (an act still under way).
    ///
    /// - Returns: how many events were written (`events`) and an instant after all of them.
    mutating func writeLog(events: Int, lifecycles: Int? = nil, to store: EventStore) throws -> (written: Int, end: Instant) {
        let first = Self.firstUnix
        let span = Self.spanSeconds
        let lifecycles = max(1, lifecycles ?? Int((Double(events) / Self.eventsPerLifecycle).rounded(.up)))
        var written = 0
        var generated = 0
        var pendingByDay: [Int64: [(Int64, String)]] = [:]
        var flushedDay: Int64 = first / 86_400 - 1
        func flush(through day: Int64) throws {
            while flushedDay < day {
                flushedDay += 1
                guard let lines = pendingByDay.removeValue(forKey: flushedDay)?.sorted(by: { $0.0 < $1.0 }) else { continue }
                let recorded = Instant(millisecondsSinceEpoch: (flushedDay + 1) * 86_400_000 + 600_000)
                for chunk in stride(from: 0, to: lines.count, by: 10_000) {
                    let envelopes = try lines[chunk ..< min(lines.count, chunk + 10_000)].map { try Envelope.parse(line: $0.1).get() }
                    _ = try store.append(envelopes, recorded: recorded)
                    written += envelopes.count
                }
            }
        }
        var index = 0
        var start = first
        while generated < events {
            start = first + Int64(index) * span / Int64(lifecycles)
            for (unix, line) in lifecycle(start: start).prefix(events - generated) {
                pendingByDay[unix / 86_400, default: []].append((unix, line))
                generated += 1
            }
            if index % 1000 == 0 { try flush(through: start / 86_400 - 30) }
            index += 1
        }
        try flush(through: start / 86_400 + 30)
        return (written, Instant(millisecondsSinceEpoch: (start / 86_400 + 31) * 86_400_000))
    }
}
