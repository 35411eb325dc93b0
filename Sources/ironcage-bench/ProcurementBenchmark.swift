#if canImport(Glibc)
import Glibc
#endif
import Audit
import EventLog
import Foundation

/// Measures the collusion rules on a generated procurement market: a full audit (rebuild
/// of the projections) with the procurement pack, cross-tender patterns included; then an
/// incremental audit after 1% more tenders; findings per code and peak RSS.
struct ProcurementBenchmark {
    let tenders: Int
    let rulesPath: String
    let directory: String

    func run() throws -> [(String, String)] {
        let database = directory + "/procurement.db"
        for suffix in ["", "-wal", "-shm", ".audit", ".audit-wal", ".audit-shm"] { unlink(database + suffix) }
        let store = try EventStore(path: database)
        var workload = ProcurementWorkload(tenders: tenders)
        log("procurement: generating and appending \(tenders) tenders")
        let generateStart = Date()
        let (written, end) = try workload.writeLog(to: store)
        log("procurement: \(written) events, \(workload.bids) bids in \(fixed(Date().timeIntervalSince(generateStart), 1)) s")

        let rules = try RuleSet.load(path: rulesPath)
        let engine = try AuditEngine(log: store, rules: rules)
        log("procurement: full audit of \(written) events with \(rules.rules.count) rules from \(rulesPath)")
        let fullStart = Date()
        let fullCPUStart = AuditBenchmark.cpuSeconds()
        _ = try engine.rebuild()
        let full = try engine.audit(asOf: end)
        let fullSeconds = Date().timeIntervalSince(fullStart)
        // CPU time (both threads of the catch-up, and the judging): what a loaded machine disturbs least.
        let fullCPUSeconds = AuditBenchmark.cpuSeconds() - fullCPUStart

        // 1% more tenders, after the last one.
        let more = max(1, tenders / 100)
        var extra = ProcurementWorkload(tenders: tenders)
        var lines: [(Int64, String)] = []
        for index in tenders ..< tenders + more { lines += extra.tender(index) }
        let envelopes = try lines.sorted { $0.0 < $1.0 }.map { try Envelope.parse(line: $0.1).get() }
        let latest = envelopes.map(\.instant).max() ?? end
        let recorded = Instant(millisecondsSinceEpoch: max(latest, end).millisecondsSinceEpoch + 3_600_000)
        _ = try store.append(envelopes, recorded: recorded)
        log("procurement: incremental audit after \(more) new tenders (\(envelopes.count) events)")
        let incrementalStart = Date()
        let incremental = try engine.audit(asOf: recorded)
        let incrementalSeconds = Date().timeIntervalSince(incrementalStart)

        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        var byCode: [String: Int] = [:]
        for audited in full.findings { byCode[audited.finding.code, default: 0] += 1 }
        var results: [(String, String)] = [
            ("tenders", String(tenders)), ("tenders_events", String(written)), ("tenders_bids", String(workload.bids)),
            ("tenders_rules", String(rules.rules.count)), ("tenders_full_seconds", fixed(fullSeconds, 2)),
            ("tenders_full_cpu_seconds", fixed(fullCPUSeconds, 2)), ("tenders_findings", String(full.findings.count)),
            ("tenders_findings_digest", "\"\(AuditBenchmark.digest(full.findings))\""),
        ]
        for (code, count) in byCode.sorted(by: { $0.key < $1.key }) { results.append(("tenders_findings_" + code, String(count))) }
        results.append(("tenders_incremental_events", String(incremental.eventsRead)))
        results.append(("tenders_incremental_seconds", fixed(incrementalSeconds, 2)))
        results.append(("tenders_peak_rss_mb", fixed(Double(usage.ru_maxrss) * 1024 / 1e6, 1)))
        return results
    }

    private func log(_ message: String) {
        FileHandle.standardError.write(Data("\(message)\n".utf8))
    }
}
