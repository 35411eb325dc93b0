import Audit
import EventLog
import Foundation

/// The shipped rules (`Rules/`: packs, the `cn` calendar and the escalation ladder),
/// loaded once; suites take them with `try ShippedRules.set.get()` so that a broken pack
/// fails each test, not the run.
enum ShippedRules {
    static let directory = CalendarFixtures.repositoryRoot + "/Rules"
    static let set = Result<RuleSet, any Error> { try RuleSet.load(path: directory) }

    /// One pack written for a test, loaded with the shipped calendars and escalation ladder.
    static func withPack(_ pack: String) throws -> RuleSet {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ironcage-pack-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try pack.write(toFile: directory + "/test.json", atomically: true, encoding: .utf8)
        return try RuleSet.load(path: directory, rulesDirectory: Self.directory)
    }
}

/// A log in a scratch directory of its own, removed when released.
///
/// Not `Sendable`: it owns the log's connection.
final class ScratchLog {
    let directory: String
    let store: EventStore

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ironcage-audit-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        store = try EventStore(path: directory + "/log.db")
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    /// An engine over this log with its projections beside it.
    func engine(_ rules: RuleSet) throws -> AuditEngine {
        try AuditEngine(log: store, rules: rules)
    }

    /// Ingests a stream file as `ironcage ingest` does (recorded: now).
    func ingest(file path: String) throws {
        let source = try FileDescriptorSource(path: path)
        defer { source.close() }
        let tally = try Ingestor(store: store).ingest(source)
        precondition(tally.refused == 0, "\(path): \(tally.refused) lines refused")
    }

    /// Ingests NDJSON text as `ironcage ingest` does (recorded: now).
    func ingest(text: String) throws {
        let tally = try Ingestor(store: store).ingest(MemorySource(text))
        precondition(tally.refused == 0, "\(tally.refused) lines refused")
    }

    /// Ingests `lines` in ten pieces cut at nine random places (from `seed`), calling
    /// `afterEach` with the number of lines of each piece once it is in the log.
    func ingestInTenPieces(_ lines: [String], seed: UInt64, afterEach: (Int) throws -> Void) throws {
        var generator = SplitMix64(state: seed)
        var cuts: Set<Int> = []
        while cuts.count < 9 { cuts.insert(Int.random(in: 1 ..< lines.count, using: &generator)) }
        let bounds = [0] + cuts.sorted() + [lines.count]
        for (from, to) in zip(bounds, bounds.dropFirst()) {
            try ingest(text: lines[from ..< to].joined(separator: "\n") + "\n")
            try afterEach(to - from)
        }
    }

    /// Appends lines one batch each, recorded at `recorded` when given, else at the
    /// instant the event happened (a live stream: nothing is late).
    ///
    /// - Returns: the seqs given, in order.
    @discardableResult
    func append(_ lines: [(line: String, recorded: Instant?)]) throws -> [Int64] {
        try lines.map { line, recorded in
            let envelope = parseEnvelope(line)
            let outcome = try store.append([envelope], recorded: recorded ?? envelope.instant)
            guard case .appended(let seq) = outcome.results.first else { preconditionFailure("not appended: \(line)") }
            return seq
        }
    }
}

/// An envelope from one NDJSON line; traps on a typo in a test.
func parseEnvelope(_ line: String) -> Envelope {
    switch Envelope.parse(line: line) {
    case .success(let envelope): return envelope
    case .failure(let rejection): preconditionFailure("bad test event \(line): \(rejection)")
    }
}

/// One finding in the form the tests compare: rule, subject, code, card at the as-of
/// instant, due date (Beijing time) where there is one, and the evidence seqs.
func summary(_ audited: AuditedFinding) -> String {
    let finding = audited.finding
    var text = "\(finding.rule) \(finding.subject) \(finding.code) \(audited.level.rawValue)"
    if let due = finding.due { text += " due \(due.string(offsetSeconds: 8 * 3600))" }
    return text + " \(finding.evidence)"
}

/// The bundled department streams in one log, audited once as of 2026-11-21 00:00 Beijing
/// time (after every sample event).
///
/// The streams go in as `ironcage ingest` puts them (recorded: now), followed by a
/// declared backfill covering all of them, as `ironcage ingest --backfill` or
/// `ironcage demo` would write it: the samples were typed in long after they happened,
/// and a declared backfill is exactly what keeps that from being a late entry. The
/// declaration's `at` and `recorded` are fixed (the last minute of the sample period), so
/// the result does not depend on the day the tests run.
enum SampleLog {
    /// In the order the brief gives (the order of `seq`), then the procurement cases, last so
    /// that the seqs of the first four do not move.
    static let streams = ["finance.ndjson", "service-centre.ndjson", "trading-centre.ndjson", "traffic-police.ndjson", "procurement.ndjson"]
        .map { CalendarFixtures.repositoryRoot + "/Samples/" + $0 }
    static let asOf = instant("2026-11-21T00:00:00+08:00")
    static let eventCount: Int64 = 3687

    /// The declaration's `at` (and `recorded`): the last second of the sample period.
    static let backfillAt = "2026-11-20T23:59:59+08:00"

    /// The shared audit of the samples; built on first use.
    static let audit = Result<AuditResult, any Error> {
        let rules = try ShippedRules.set.get()
        let log = try ScratchLog()
        for stream in streams { try log.ingest(file: stream) }
        try declareBackfill(in: log)
        return try log.engine(rules).audit(asOf: asOf)
    }

    /// Appends the backfill declaration for seqs 1–3687, happened and recorded at `at`.
    static func declareBackfill(in log: ScratchLog, at: String = backfillAt) throws {
        let line = #"{"id":"BACKFILL-1-3687","type":"log.backfill_declared","at":"\#(at)","dept":"ironcage","actor":"user:test","subject":"backfill:1-3687","data":{"reason":"sample streams loaded after the fact","first_seq":1,"last_seq":3687,"events":3687,"depts":["gy.czj","gy.ggzy","gy.jgj","gy.mzj","gy.rsj","gy.zwfw","qn.ggzy"]}}"#
        try log.append([(line, instant(at))])
    }

    /// The lines of all streams, in log order.
    static func allLines() throws -> [String] {
        try streams.flatMap { path in
            try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        }
    }
}

/// A small deterministic generator for test data (SplitMix64).
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A value a test needs, or an error naming what was missing.
func required<Value>(_ value: Value?, _ what: @autoclosure () -> String) throws -> Value {
    guard let value else { throw MissingValue(what: what()) }
    return value
}

struct MissingValue: Error, CustomStringConvertible {
    var what: String
    var description: String { "missing: \(what)" }
}
