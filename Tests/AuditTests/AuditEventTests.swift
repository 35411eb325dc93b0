@testable import Audit
import EventLog
import Testing

@Suite("AuditEvent")
struct AuditEventTests {
    /// Every stored body of a log, with the event the strict reader makes of it.
    private func bodies(_ log: ScratchLog) throws -> [(body: [UInt8], strict: AuditEvent)] {
        var bodies: [(body: [UInt8], strict: AuditEvent)] = []
        try log.store.forEachBody { _, body in
            bodies.append((Array(body), AuditEvent(try StoredEvent(body: body))))
            return true
        }
        return bodies
    }

    @Test("scanning a stored body gives the event the strict reader gives, for every sample event")
    func samples() throws {
        let log = try ScratchLog()
        for stream in SampleLog.streams { try log.ingest(file: stream) }
        try SampleLog.declareBackfill(in: log)
        let all = try bodies(log)
        #expect(all.count == Int(SampleLog.eventCount) + 1)
        for (body, strict) in all {
            let scanned = body.withUnsafeBytes { AuditEvent.scanned($0) }
            #expect(scanned == strict)
            #expect(try body.withUnsafeBytes { try AuditEvent(body: $0) } == strict)
        }
    }

    @Test("a body with an escape in an envelope string, or no actor, is read the same; escapes go to the full parser")
    func escapesAndAbsences() throws {
        let log = try ScratchLog()
        try log.append([
            (#"{"id":"E-1","type":"case.reported","at":"2026-11-02T09:15:00+08:00","dept":"gy.jgj","actor":"officer:\"7\"","subject":"case:引号\\1","data":{"note":"a \"quoted\" word","n":[1,{"x":"}"}]}}"#, nil),
            (#"{"id":"E-2","type":"case.reported","at":"2026-11-02T09:15:00+08:00","dept":"gy.jgj","subject":"case:2","data":{}}"#, nil),
            (#"{"id":"E-3","type":"case.reported","at":"2026-11-02T09:15:00.250+08:00","dept":"gy.jgj","actor":"张三","subject":"case:3","data":{"a":{"b":{"c":"{["}},"d":"]"}}"#, nil),
        ])
        let all = try bodies(log)
        #expect(all.map(\.strict.id) == ["E-1", "E-2", "E-3"])
        #expect(all[0].body.withUnsafeBytes { AuditEvent.scanned($0) } == nil)
        #expect(all[1].body.withUnsafeBytes { AuditEvent.scanned($0) } == all[1].strict)
        #expect(all[1].strict.actor == nil)
        #expect(all[2].body.withUnsafeBytes { AuditEvent.scanned($0) } == all[2].strict)
        for (body, strict) in all {
            #expect(try body.withUnsafeBytes { try AuditEvent(body: $0) } == strict)
        }
    }

    @Test("a body cut short is not scanned (it is left to the strict reader)")
    func damaged() throws {
        let log = try ScratchLog()
        try log.append([(#"{"id":"E-1","type":"case.reported","at":"2026-11-02T09:15:00+08:00","dept":"gy.jgj","subject":"case:1","data":{"a":1}}"#, nil)])
        let body = try #require(try bodies(log).first).body
        for cut in 1 ..< body.count {
            #expect(Array(body.prefix(cut)).withUnsafeBytes { AuditEvent.scanned($0) } == nil)
        }
    }
}
