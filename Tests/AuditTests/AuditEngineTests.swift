@testable import Audit
import EventLog
import Foundation
import Testing

/// The engine's machinery for speed — batches judged from memory, keys noted stale and
/// judged once at the end, the batcher's thread — must never change what an audit finds.
@Suite("AuditEngine: batches, stale keys and the batcher's thread")
struct AuditEngineTests {
    /// Everything the audit says of each finding, in order.
    private func snapshot(_ result: AuditResult) -> [String] {
        result.findings.map { audited in
            let finding = audited.finding
            let details = finding.details.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ";")
            return "\(finding.id) \(summary(audited)) began \(finding.began.millisecondsSinceEpoch)"
                + " red_from \(finding.redFrom?.millisecondsSinceEpoch ?? 0) \(details) \(audited.state.status)"
        }
    }

    /// The samples and their backfill declaration in a new log.
    private func sampleLog() throws -> ScratchLog {
        let log = try ScratchLog()
        for stream in SampleLog.streams { try log.ingest(file: stream) }
        try SampleLog.declareBackfill(in: log)
        return log
    }

    @Test("reading the samples in batches of any size finds exactly what one batch finds", arguments: [1, 13, 250, 1000])
    func batchSizes(flushEvery: Int) throws {
        let rules = try ShippedRules.set.get()
        let expected = snapshot(try SampleLog.audit.get())
        let log = try sampleLog()
        let engine = try log.engine(rules)
        engine.flushEvery = flushEvery
        let first = try engine.audit(asOf: SampleLog.asOf)
        #expect(first.eventsRead == Int(SampleLog.eventCount) + 1)
        #expect(snapshot(first) == expected)
        #expect(try engine.rebuild() == Int(SampleLog.eventCount) + 1)
        #expect(snapshot(try engine.audit(asOf: SampleLog.asOf)) == expected)
        #expect(try engine.projection.staleKeys().isEmpty)
    }

    @Test("fed in 10 random chunks and read in batches of 37, the samples end in the findings of one audit")
    func chunksInSmallBatches() throws {
        let rules = try ShippedRules.set.get()
        let expected = snapshot(try SampleLog.audit.get())
        let lines = try SampleLog.allLines()
        let log = try ScratchLog()
        let engine = try log.engine(rules)
        engine.flushEvery = 37
        try log.ingestInTenPieces(lines, seed: 20_261_122) { count throws in
            #expect(try engine.audit(asOf: SampleLog.asOf).eventsRead == count)
        }
        try SampleLog.declareBackfill(in: log)
        #expect(snapshot(try engine.audit(asOf: SampleLog.asOf)) == expected)
    }

    @Test("keys left stale, their findings not yet replaced, are judged by the next catch-up even when it reads nothing")
    func staleKeysJudgedLater() throws {
        let rules = try ShippedRules.set.get()
        let expected = snapshot(try SampleLog.audit.get())
        let log = try sampleLog()
        let engine = try log.engine(rules)
        #expect(snapshot(try engine.audit(asOf: SampleLog.asOf)) == expected)
        // What a crash after a batch's commit and before the final one leaves: facts stored,
        // findings behind them. Here, every key's findings gone and every key noted stale.
        var keys = 0
        for rule in rules.rules.indices {
            try engine.projection.forEachKey(rule: rule, roles: Array(0 ..< 64), payloadFor: -1, upTo: SampleLog.asOf) { key, _ in
                try engine.projection.replaceFindings(rule: rule, key: key, with: [])
                try engine.projection.markStale(rule: rule, key: key)
                keys += 1
            }
        }
        // Every key of every rule that the samples give a fact; the red flags keep none of
        // their own, sharing the 86 tenders' facts of the deemed collusion.
        #expect(keys == 2978)
        #expect(try engine.projection.keyCount() == 2978)
        let restored = try engine.audit(asOf: SampleLog.asOf)
        #expect(restored.eventsRead == 0)
        #expect(snapshot(restored) == expected)
        #expect(try engine.projection.staleKeys().isEmpty)
    }

    @Test("an event no rule can read stops the catch-up with its error; the batches before it stay stored")
    func batcherErrorSurfaces() throws {
        // A check on `at.workday` cannot judge a day in 2003: the calendar starts in 2004.
        let pack = #"""
            {"pack": "test", "name": {"zh": "测试", "en": "Test"}, "rules": [{"id": "test.weekend_payment",
              "name": {"zh": "非工作日付款", "en": "Payment on a day off"}, "kind": "check", "severity": "low",
              "basis": {"zh": "测试", "en": "test"},
              "params": {"when": {"type": "payment.approved"}, "violation": {"at.workday": false}}}]}
            """#
        let rules = try ShippedRules.withPack(pack)
        let log = try ScratchLog()
        func payment(_ number: Int, _ at: String) -> (line: String, recorded: Instant?) {
            (#"{"id":"P-\#(number)","type":"payment.approved","at":"\#(at)","dept":"gy.czj","actor":"officer:1","subject":"pay:\#(number)","data":{}}"#, nil)
        }
        // Sunday 2026-11-01, Monday 11-02, Saturday 11-07, Sunday 11-08, then 2003, then a Sunday again.
        try log.append([
            payment(1, "2026-11-01T10:00:00+08:00"), payment(2, "2026-11-02T10:00:00+08:00"), payment(3, "2026-11-07T10:00:00+08:00"),
            payment(4, "2026-11-08T10:00:00+08:00"), payment(5, "2003-06-01T10:00:00+08:00"), payment(6, "2026-11-15T10:00:00+08:00"),
        ])
        let engine = try log.engine(rules)
        engine.flushEvery = 2
        #expect(throws: CalendarError.self) { try engine.catchUp() }
        #expect(try engine.projection.meta("position") == "4")
        var subjects: [String] = []
        try engine.projection.forEachFinding(visibleAt: SampleLog.asOf, ruleIDs: rules.rules.map(\.id)) { finding, _ in subjects.append(finding.subject) }
        #expect(subjects == ["pay:1", "pay:3", "pay:4"])
    }
}

@Suite("CatchUpHandOff")
struct CatchUpHandOffTests {
    private func batch(_ position: Int64) -> FactBatch {
        FactBatch(events: 1, position: position, maxAt: Int64.min)
    }

    @Test("chunks reach the batcher and batches reach the engine in order; a full queue hands batches back instead of waiting")
    func order() throws {
        let handOff = CatchUpHandOff(chunkCapacity: 1, batchCapacity: 1)
        var chunk = LogChunk(capacity: 1)
        [UInt8]("{}".utf8).withUnsafeBytes { chunk.append(seq: 1, body: $0) }
        #expect(handOff.offer(chunk).taken)
        #expect(handOff.deliver(.success(batch(1))))
        // The chunk queue is full, but a batch waits: it comes back, the chunk is not taken.
        let (taken, ready) = handOff.offer(chunk)
        #expect(taken == false)
        #expect(try ready.map { try $0.get().position } == [1])
        #expect(handOff.nextChunk()?.seqs == [1])
        #expect(handOff.deliver(.success(batch(2))))
        handOff.closeInput()
        #expect(handOff.nextChunk() == nil)
        handOff.closeOutput()
        #expect(try handOff.nextBatch()?.get().position == 2)
        #expect(handOff.nextBatch() == nil)
    }

    @Test("cancelling wakes a batcher waiting to deliver, and it delivers nothing more")
    func cancelWakesTheBatcher() {
        let handOff = CatchUpHandOff(chunkCapacity: 1, batchCapacity: 1)
        #expect(handOff.deliver(.success(batch(1))))
        let done = DispatchSemaphore(value: 0)
        let delivered = LockedFlag()
        DispatchQueue(label: "test.batcher").async {
            delivered.set(handOff.deliver(.success(self.batch(2))))
            done.signal()
        }
        handOff.cancel()
        done.wait()
        #expect(delivered.value == false)
        #expect(handOff.nextChunk() == nil)
    }
}

/// A Bool another thread sets.
private final class LockedFlag: @unchecked Sendable {
    // @unchecked: read and written only with `lock` held.
    private let lock = NSLock()
    private var stored = true

    func set(_ value: Bool) { lock.withLock { stored = value } }
    var value: Bool { lock.withLock { stored } }
}
