#if canImport(Glibc)
import Glibc
#endif
import Audit
import EventLog
import Foundation

/// Measures the audit on a generated log: a full audit (rebuild of the projections and every
/// shipped pack), then an incremental audit after 10,000 new events, and peak RSS.
struct AuditBenchmark {
    let events: Int
    let rulesPath: String
    let directory: String

    func run() throws -> [(String, String)] {
        let database = directory + "/audit.db"
        for suffix in ["", "-wal", "-shm", ".audit", ".audit-wal", ".audit-shm"] { unlink(database + suffix) }
        let store = try EventStore(path: database)
        var workload = AuditWorkload()
        // 2026-01-05T00:00:00+08:00 … spread so that the log ends before the calendar's last year does.
        let first: Int64 = 1_767_542_400
        let span: Int64 = 270 * 86_400
        let lifecycles = max(1, events / 4)
        log("audit: generating and appending about \(events) events")
        var written = 0
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
        for index in 0 ..< lifecycles {
            let start = first + Int64(index) * span / Int64(lifecycles)
            for (unix, line) in workload.lifecycle(start: start) { pendingByDay[unix / 86_400, default: []].append((unix, line)) }
            if index % 1000 == 0 { try flush(through: start / 86_400 - 30) }
        }
        try flush(through: (first + span) / 86_400 + 30)
        let end = Instant(millisecondsSinceEpoch: ((first + span) / 86_400 + 31) * 86_400_000)

        let rules = try RuleSet.load(path: rulesPath)
        let engine = try AuditEngine(log: store, rules: rules)
        log("audit: full audit of \(written) events with \(rules.rules.count) rules")
        let fullStart = Date()
        _ = try engine.rebuild()
        let full = try engine.audit(asOf: end)
        let fullSeconds = Date().timeIntervalSince(fullStart)

        // 10,000 new events, one day later.
        var extra: [(Int64, String)] = []
        var next = first + span + 35 * 86_400
        while extra.count < 10_000 {
            extra += workload.lifecycle(start: next)
            next += 60
        }
        let newEnvelopes = try extra.prefix(10_000).map { try Envelope.parse(line: $0.1).get() }
        // After every new event, so the projections answer (an earlier instant would replay).
        let latest = newEnvelopes.map(\.instant).max() ?? end
        let recorded = Instant(millisecondsSinceEpoch: latest.millisecondsSinceEpoch + 3_600_000)
        _ = try store.append(newEnvelopes, recorded: recorded)
        log("audit: incremental audit after \(newEnvelopes.count) new events")
        let incrementalStart = Date()
        let incremental = try engine.audit(asOf: recorded)
        let incrementalSeconds = Date().timeIntervalSince(incrementalStart)

        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return [
            ("audit_events", String(written)), ("audit_rules", String(rules.rules.count)),
            ("audit_full_seconds", fixed(fullSeconds, 2)), ("audit_full_findings", String(full.findings.count)), ("audit_keys_not_judged", String(full.problems.reduce(0) { $0 + $1.keys })),
            ("audit_incremental_events", String(incremental.eventsRead)), ("audit_incremental_mode", "\"\(incremental.mode.rawValue)\""), ("audit_incremental_seconds", fixed(incrementalSeconds, 3)),
            ("audit_peak_rss_mb", fixed(Double(usage.ru_maxrss) * 1024 / 1e6, 1)),
        ]
    }

    private func log(_ message: String) {
        FileHandle.standardError.write(Data("\(message)\n".utf8))
    }
}
