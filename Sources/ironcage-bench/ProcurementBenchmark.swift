#if canImport(Glibc)
import Glibc
#endif
import Audit
import EventLog
import Foundation
import SQLite

/// Measures the collusion rules on a generated procurement market: a full audit (rebuild
/// of the projections) with the procurement pack, cross-tender patterns included; then an
/// incremental audit after 1% more tenders; findings per code, the rebuild's phases on the
/// engine's thread, and peak RSS.
///
/// The generated log is kept in the directory (`procurement-log-<n>.db`) and copied for
/// later runs with the same `--dir`, which spares the ~34 s of generating 100,000 tenders
/// when comparing two builds back to back; each run audits a fresh copy, since the
/// incremental step appends.
struct ProcurementBenchmark {
    let tenders: Int
    let rulesPath: String
    let directory: String

    func run() throws -> [(String, String)] {
        let database = directory + "/procurement.db"
        for suffix in ["", "-wal", "-shm", ".audit", ".audit-wal", ".audit-shm"] { unlink(database + suffix) }
        let (store, written, end, bids) = try preparedLog(at: database)

        let rules = try RuleSet.load(path: rulesPath)
        let engine = try AuditEngine(log: store, rules: rules)
        log("procurement: full audit of \(written) events with \(rules.rules.count) rules from \(rulesPath)")
        let fullStart = Date()
        let fullCPUStart = AuditBenchmark.cpuSeconds()
        _ = try engine.rebuild()
        // Before the audit, whose own catch-up finds nothing new and starts the phases afresh.
        let phases = engine.lastCatchUpPhases
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
            ("tenders", String(tenders)), ("tenders_events", String(written)), ("tenders_bids", String(bids)),
            ("tenders_rules", String(rules.rules.count)), ("tenders_full_seconds", fixed(fullSeconds, 2)),
            ("tenders_full_cpu_seconds", fixed(fullCPUSeconds, 2)),
            // The rebuild's catch-up on the engine's thread (the batcher and judging threads run beside it).
            ("tenders_full_storing_seconds", fixed(AuditBenchmark.seconds(phases.storing), 2)),
            ("tenders_full_judging_stale_seconds", fixed(AuditBenchmark.seconds(phases.judgingStale), 2)),
            ("tenders_full_commit_seconds", fixed(AuditBenchmark.seconds(phases.commit), 2)),
            ("tenders_full_reading_waiting_seconds", fixed(AuditBenchmark.seconds(phases.readingAndWaiting), 2)),
            ("tenders_findings", String(full.findings.count)),
            ("tenders_findings_digest", "\"\(AuditBenchmark.digest(full.findings))\""),
        ]
        for (code, count) in byCode.sorted(by: { $0.key < $1.key }) { results.append(("tenders_findings_" + code, String(count))) }
        results.append(("tenders_incremental_events", String(incremental.eventsRead)))
        results.append(("tenders_incremental_seconds", fixed(incrementalSeconds, 2)))
        results.append(("tenders_peak_rss_mb", fixed(Double(usage.ru_maxrss) * 1024 / 1e6, 1)))
        return results
    }

    /// The generated market in a store at `path`: copied from the one kept in the directory
    /// when there is one, else generated and kept there.
    private func preparedLog(at path: String) throws -> (EventStore, written: Int, end: Instant, bids: Int) {
        let kept = directory + "/procurement-log-\(tenders).db"
        let notes = directory + "/procurement-log-\(tenders).txt"
        if FileManager.default.fileExists(atPath: kept), let text = try? String(contentsOfFile: notes, encoding: .utf8) {
            let fields = text.split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            if fields.count == 3, let written = Int(fields[0]), let end = Int64(fields[1]), let bids = Int(fields[2]) {
                log("procurement: copying the \(written)-event market kept in \(kept)")
                try FileManager.default.copyItem(atPath: kept, toPath: path)
                AuditBenchmark.writeOut(path)
                let store = try EventStore(path: path, create: false)
                guard try store.head().size == Int64(written) else { throw BenchError("\(kept) does not hold \(written) events: delete it") }
                return (store, written, Instant(millisecondsSinceEpoch: end), bids)
            }
        }
        let store = try EventStore(path: path)
        var workload = ProcurementWorkload(tenders: tenders)
        log("procurement: generating and appending \(tenders) tenders")
        let generateStart = Date()
        let (written, end) = try workload.writeLog(to: store)
        log("procurement: \(written) events, \(workload.bids) bids in \(fixed(Date().timeIntervalSince(generateStart), 1)) s")
        // One self-contained file to copy.
        try store.database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        unlink(kept)
        try FileManager.default.copyItem(atPath: path, toPath: kept)
        try "\(written) \(end.millisecondsSinceEpoch) \(workload.bids)\n".write(toFile: notes, atomically: true, encoding: .utf8)
        return (store, written, end, workload.bids)
    }

    private func log(_ message: String) {
        FileHandle.standardError.write(Data("\(message)\n".utf8))
    }
}
