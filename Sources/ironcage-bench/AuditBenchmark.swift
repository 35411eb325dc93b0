#if canImport(Glibc)
import Glibc
#endif
import Audit
import EventLog
import Foundation
import SQLite

/// Measures the audit on a generated log: a full audit (rebuild of the projections and every
/// shipped pack), then an incremental audit after 10,000 new events, and peak RSS.
///
/// The generated log is kept in the work directory as `audit-log-<n>.db` (with what the
/// generator needs to carry on in `audit-log-<n>.txt`), so that a later run with the same
/// `--dir` and event count measures a copy of it instead of generating it again — the 5M log
/// takes minutes to make. Each run audits a fresh copy, since the incremental step appends.
/// The projections after the full audit are kept too (`audit-log-<n>.audit`), so that
/// `incrementalOnly` can measure the incremental audit alone, with a new engine as a new
/// `ironcage audit` process has.
struct AuditBenchmark {
    let events: Int
    let rulesPath: String
    let directory: String
    var incrementalOnly = false

    func run() throws -> [(String, String)] {
        let database = directory + "/audit.db"
        for suffix in ["", "-wal", "-shm", ".audit", ".audit-wal", ".audit-shm"] { unlink(database + suffix) }
        let (store, written, end, position, reused) = try preparedLog(at: database)
        var workload = AuditWorkload(position: position)

        let rules = try RuleSet.load(path: rulesPath)
        let keptProjections = directory + "/audit-log-\(events).audit"
        var full: AuditResult?
        var fullSeconds = 0.0
        var rebuildSeconds = 0.0
        var fullCPUSeconds = 0.0
        if incrementalOnly {
            guard FileManager.default.fileExists(atPath: keptProjections) else {
                throw BenchError("no projections kept in \(keptProjections): run once without --audit-incremental-only")
            }
            try FileManager.default.copyItem(atPath: keptProjections, toPath: database + ".audit")
            Self.writeOut(database + ".audit")
        } else {
            let engine = try AuditEngine(log: store, rules: rules)
            log("audit: full audit of \(written) events with \(rules.rules.count) rules")
            let fullStart = Date()
            let fullCPUStart = Self.cpuSeconds()
            _ = try engine.rebuild()
            rebuildSeconds = Date().timeIntervalSince(fullStart)
            full = try engine.audit(asOf: end)
            fullSeconds = Date().timeIntervalSince(fullStart)
            fullCPUSeconds = Self.cpuSeconds() - fullCPUStart
            // Kept for --audit-incremental-only: one self-contained file.
            try Database(path: database + ".audit").execute("PRAGMA wal_checkpoint(TRUNCATE)")
            unlink(keptProjections)
            try FileManager.default.copyItem(atPath: database + ".audit", toPath: keptProjections)
            Self.writeOut(keptProjections)
        }
        let engine = try AuditEngine(log: store, rules: rules)

        // Rounds of 10,000 new events, the first a month after the log's last lifecycle began.
        var next = end.millisecondsSinceEpoch / 1000 + 4 * 86_400
        /// Appends the next 10,000 events; returns when they were recorded: after every one of
        /// them, so that the projections answer (an earlier instant would replay).
        func appendRound() throws -> Instant {
            var extra: [(Int64, String)] = []
            while extra.count < 10_000 {
                extra += workload.lifecycle(start: next)
                next += 60
            }
            let envelopes = try extra.prefix(10_000).map { try Envelope.parse(line: $0.1).get() }
            let latest = envelopes.map(\.instant).max() ?? end
            let recorded = Instant(millisecondsSinceEpoch: latest.millisecondsSinceEpoch + 3_600_000)
            _ = try store.append(envelopes, recorded: recorded)
            return recorded
        }
        let newEvents = 10_000
        let recorded = try appendRound()
        log("audit: incremental audit after \(newEvents) new events")
        let incrementalStart = Date()
        let incrementalCPUStart = Self.cpuSeconds()
        try engine.catchUp()
        let incrementalCatchUpSeconds = Date().timeIntervalSince(incrementalStart)
        let tallied = engine.talliedKeys
        let phases = engine.lastCatchUpPhases
        // What `ironcage audit` has before it writes a line: the findings judged and counted.
        let incremental = try engine.listing(asOf: recorded)
        let shown = try incremental.count(FindingFilter())
        let incrementalSeconds = Date().timeIntervalSince(incrementalStart)
        let incrementalCPUSeconds = Self.cpuSeconds() - incrementalCPUStart
        // Then every finding decoded with its state, as `ironcage audit --all` lists them.
        let listingStart = Date()
        var incrementalDigest = Self.Digest()
        var incrementalFindings = 0
        try incremental.forEach(.everything) {
            incrementalDigest.add($0)
            incrementalFindings += 1
        }
        let listingSeconds = Date().timeIntervalSince(listingStart)

        // Two more rounds of 10,000 events, timed as the first: one incremental audit is at
        // the mercy of its commit's fsync, so the median of three is what to compare.
        // Each round's CPU time and phases too: under load they say more than wall time.
        var rounds = [incrementalSeconds]
        var roundsCPU = [incrementalCPUSeconds]
        var roundsPhases = [phases]
        for round in 2 ... 3 {
            let stamped = try appendRound()
            log("audit: incremental audit \(round) of 3 after \(newEvents) more events")
            let start = Date()
            let cpuStart = Self.cpuSeconds()
            try engine.catchUp()
            // Before the listing, whose own catch-up finds nothing new and starts the phases afresh.
            roundsPhases.append(engine.lastCatchUpPhases)
            _ = try engine.listing(asOf: stamped).count(FindingFilter())
            rounds.append(Date().timeIntervalSince(start))
            roundsCPU.append(Self.cpuSeconds() - cpuStart)
        }
        let median = rounds.sorted()[1]
        func eachRound(_ phase: (CatchUpPhases) -> Duration) -> String {
            "\"" + roundsPhases.map { fixed(Self.seconds(phase($0)), 3) }.joined(separator: " ") + "\""
        }

        let parseMicroseconds = try Self.parseMicroseconds(store)
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        var results = [("audit_events", String(written)), ("audit_log_reused", String(reused)), ("audit_rules", String(rules.rules.count))]
        if let full {
            results += [
                ("audit_full_seconds", fixed(fullSeconds, 2)), ("audit_full_catch_up_seconds", fixed(rebuildSeconds, 2)),
                ("audit_full_cpu_s", fixed(fullCPUSeconds, 2)),
                ("audit_full_findings", String(full.findings.count)), ("audit_full_digest", "\"\(Self.digest(full.findings))\""),
                ("audit_keys_not_judged", String(full.problems.reduce(0) { $0 + $1.keys })),
            ]
        }
        return results + [
            ("audit_incremental_digest", "\"\(incrementalDigest.value)\""),
            ("audit_incremental_events", String(newEvents)), ("audit_incremental_mode", "\"\(incremental.mode.rawValue)\""),
            ("audit_incremental_seconds", fixed(incrementalSeconds, 3)), ("audit_incr_catch_up_seconds", fixed(incrementalCatchUpSeconds, 3)),
            ("audit_incremental_cpu_s", fixed(incrementalCPUSeconds, 3)), ("audit_incremental_findings", String(incrementalFindings)),
            ("audit_incremental_active", String(shown.findings)), ("audit_incremental_listing_seconds", fixed(listingSeconds, 3)),
            ("audit_incremental_tallied_keys", String(tallied)),
            ("audit_incremental_rounds_seconds", "\"\(rounds.map { fixed($0, 3) }.joined(separator: " "))\""),
            ("audit_incremental_median_seconds", fixed(median, 3)),
            ("audit_incremental_rounds_cpu_s", "\"\(roundsCPU.map { fixed($0, 3) }.joined(separator: " "))\""),
            ("audit_incr_rounds_storing", eachRound(\.storing)), ("audit_incr_rounds_judging_stale", eachRound(\.judgingStale)),
            ("audit_incr_rounds_commit", eachRound(\.commit)), ("audit_incr_rounds_reading_waiting", eachRound(\.readingAndWaiting)),
            ("audit_incr_storing_seconds", fixed(Self.seconds(phases.storing), 3)),
            ("audit_incr_judging_stale_seconds", fixed(Self.seconds(phases.judgingStale), 3)),
            ("audit_incr_commit_seconds", fixed(Self.seconds(phases.commit), 3)),
            ("audit_incr_reading_waiting_seconds", fixed(Self.seconds(phases.readingAndWaiting), 3)),
            ("audit_peak_rss_mb", fixed(Double(usage.ru_maxrss) * 1024 / 1e6, 1)),
            ("audit_parse_us_per_event", fixed(parseMicroseconds, 2)),
        ]
    }

    /// Reading a stored body as the audit does (`AuditEvent(body:)`), single-threaded: the
    /// best of three passes over the first 100,000 events, in microseconds per event.
    static func parseMicroseconds(_ store: EventStore) throws -> Double {
        var bodies: [[UInt8]] = []
        try store.forEachBody { _, body in
            bodies.append(Array(body))
            return bodies.count < 100_000
        }
        var best = Double.infinity
        for _ in 0 ..< 3 {
            let start = Date()
            var events = 0
            for body in bodies { events += try body.withUnsafeBytes { try AuditEvent(body: $0) }.seq > 0 ? 1 : 0 }
            best = min(best, Date().timeIntervalSince(start) * 1e6 / Double(max(events, 1)))
        }
        return best
    }

    /// The log to audit at `path`: a copy of the one kept from an earlier run with this event
    /// count, or a newly generated one (then kept).
    private func preparedLog(at path: String) throws -> (EventStore, written: Int, end: Instant, AuditWorkload.Position, reused: Bool) {
        let kept = directory + "/audit-log-\(events).db"
        let notes = directory + "/audit-log-\(events).txt"
        if FileManager.default.fileExists(atPath: kept), let text = try? String(contentsOfFile: notes, encoding: .utf8) {
            let fields = text.split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            if fields.count == 4, let written = Int(fields[0]), let end = Int64(fields[1]), let state = UInt64(fields[2]), let serial = Int(fields[3]) {
                log("audit: copying the \(written)-event log kept in \(kept)")
                try FileManager.default.copyItem(atPath: kept, toPath: path)
                Self.writeOut(path)
                let store = try EventStore(path: path, create: false)
                guard try store.head().size == Int64(written) else { throw BenchError("\(kept) does not hold \(written) events: delete it") }
                return (store, written, Instant(millisecondsSinceEpoch: end), AuditWorkload.Position(state: state, serial: serial), true)
            }
        }
        let store = try EventStore(path: path)
        var workload = AuditWorkload()
        log("audit: generating and appending \(events) events")
        let (written, end) = try workload.writeLog(events: events, to: store)
        // One self-contained file to copy.
        try store.database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        unlink(kept)
        try FileManager.default.copyItem(atPath: path, toPath: kept)
        let position = workload.position
        try "\(written) \(end.millisecondsSinceEpoch) \(position.state) \(position.serial)\n".write(toFile: notes, atomically: true, encoding: .utf8)
        return (store, written, end, position, false)
    }

    /// Waits until a copied file is on disk, so that the kernel writing it back does not run
    /// into the timings that follow.
    static func writeOut(_ path: String) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }

    /// User and system time of every thread so far: on a busy machine, steadier than the clock.
    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return [usage.ru_utime, usage.ru_stime].reduce(0) { $0 + Double($1.tv_sec) + Double($1.tv_usec) / 1e6 }
    }

    /// The first 16 hex digits of SHA-256 over everything an audit says of each finding, in
    /// order: two runs (or two versions of the engine) agree exactly when their digests do.
    static func digest(_ findings: [AuditedFinding]) -> String {
        var digest = Digest()
        for audited in findings { digest.add(audited) }
        return digest.value
    }

    /// `digest(_:)` taken a finding at a time, as a listing streams them.
    struct Digest {
        private var hasher = SHA256()

        mutating func add(_ audited: AuditedFinding) {
            let finding = audited.finding
            var parts = [finding.id, finding.rule, finding.code, finding.severity.rawValue, finding.subject, finding.dept, finding.actor ?? "-"]
            parts += [finding.began, finding.redFrom, finding.due].map { $0.map { String($0.millisecondsSinceEpoch) } ?? "-" }
            parts += [audited.level.rawValue, audited.state.status.rawValue, audited.state.escalatedTo?.en ?? "-"]
            parts += finding.evidence.map(String.init)
            parts += finding.details.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            for part in parts {
                hasher.update(part)
                hasher.update([0])
            }
            hasher.update([1])
        }

        var value: String {
            let finished = hasher
            return String(finished.finalize().hex.prefix(16))
        }
    }

    private func log(_ message: String) {
        FileHandle.standardError.write(Data("\(message)\n".utf8))
    }
}
