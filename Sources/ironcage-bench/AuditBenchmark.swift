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
        log("audit: generating and appending about \(events) events")
        let (written, end) = try workload.writeLog(events: events, to: store)

        let rules = try RuleSet.load(path: rulesPath)
        let engine = try AuditEngine(log: store, rules: rules)
        log("audit: full audit of \(written) events with \(rules.rules.count) rules")
        let fullStart = Date()
        _ = try engine.rebuild()
        let full = try engine.audit(asOf: end)
        let fullSeconds = Date().timeIntervalSince(fullStart)

        // 10,000 new events, one day later.
        var extra: [(Int64, String)] = []
        var next = AuditWorkload.firstUnix + AuditWorkload.spanSeconds + 35 * 86_400
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
