@testable import Audit
import EventLog
import Testing

@Suite("LogChunk")
struct LogChunkTests {
    @Test("each sample event comes out in log order with the facts its tree gives, collected as the log is read")
    func collectsAsTheTreeDoes() throws {
        let log = try ScratchLog()
        for stream in SampleLog.streams { try log.ingest(file: stream) }
        let collector = FactCollector(rules: try DataMembersTests.procurement.get())
        var chunk = LogChunk(capacity: 16)
        var expected: [(seq: Int64, facts: [String])] = []
        try log.store.forEachBody { seq, body in
            #expect(chunk.append(seq: seq, body: body, collector: collector))
            var tree: [(rule: Int, keyed: KeyedFact)] = []
            try collector.collect(try AuditEvent(body: body), into: &tree)
            expected.append((seq, DataMembersTests.text(tree)))
            return true
        }
        var seen: [(seq: Int64, facts: [String])] = []
        try chunk.forEach { seq, event, facts in
            #expect(event.seq == seq)
            seen.append((seq, DataMembersTests.text(Array(facts))))
        }
        #expect(chunk.count == 3687)
        #expect(seen.map(\.seq) == Array(1 ... 3687))
        #expect(seen.map(\.facts) == expected.map(\.facts))
    }

    @Test("a body that is not a stored event stops the chunk: the events before it come out, then its error")
    func stopsAtAFailure() throws {
        let log = try ScratchLog()
        for stream in SampleLog.streams { try log.ingest(file: stream) }
        let collector = FactCollector(rules: try DataMembersTests.procurement.get())
        var chunk = LogChunk(capacity: 4)
        var bodies: [(Int64, [UInt8])] = []
        try log.store.forEachBody { seq, body in
            bodies.append((seq, Array(body)))
            return bodies.count < 3
        }
        let appended = [
            bodies[0].1.withUnsafeBytes { chunk.append(seq: bodies[0].0, body: $0, collector: collector) },
            bodies[1].1.withUnsafeBytes { chunk.append(seq: bodies[1].0, body: $0, collector: collector) },
            [UInt8]("{}".utf8).withUnsafeBytes { chunk.append(seq: 3, body: $0, collector: collector) },
            bodies[2].1.withUnsafeBytes { chunk.append(seq: bodies[2].0, body: $0, collector: collector) },
        ]
        #expect(appended == [true, true, false, false])
        var seqs: [Int64] = []
        #expect(throws: StoredEventError.self) { try chunk.forEach { seq, _, _ in seqs.append(seq) } }
        #expect(seqs == [1, 2])
    }
}
