import Testing

@testable import EventLog

private let fullLine =
    #"{"id":"JGJ-2026-000123","type":"case.accepted","at":"2026-11-02T09:15:00+08:00","dept":"gy.jgj","#
    + #""actor":"officer:0451","subject":"case:2026-0042","data":{"kind":"criminal","reporter":"person:88"}}"#
private let bareLine = #"{"type":"system.tick","id":"T-1","at":"2026-11-02T00:00:00Z","dept":"sys","subject":"clock"}"#
private let recorded = Instant(millisecondsSinceEpoch: 1_795_343_617_123)

private func envelope(_ line: String) throws -> Envelope {
    try Envelope.parse(line: line).get()
}

/// A stored body with these members, then `subject` and `type`.
private func body(_ members: String) -> String {
    "{" + members + #","subject":"clock","type":"a.b"}"#
}
private let head = #""at":"2026-11-02T00:00:00Z","dept":"sys","id":"T-1""#
private let recordedMember = #""recorded":"1970-01-01T00:00:00.000Z""#

private func storedError(_ body: String) -> StoredEventError? {
    do {
        _ = try StoredEvent(body: Array(body.utf8))
        return nil
    } catch {
        return error
    }
}

@Suite("StoredEvent")
struct StoredEventTests {
    @Test("splices recorded and seq in before subject")
    func storedBodyWithActorAndData() throws {
        let body = try envelope(fullLine).storedBody(seq: 42, recorded: recorded)
        let expected =
            #"{"actor":"officer:0451","at":"2026-11-02T09:15:00+08:00","data":{"kind":"criminal","reporter":"person:88"},"#
            + #""dept":"gy.jgj","id":"JGJ-2026-000123","recorded":"2026-11-22T10:33:37.123Z","seq":42,"#
            + #""subject":"case:2026-0042","type":"case.accepted"}"#
        #expect(body == Array(expected.utf8))
    }

    @Test("splices recorded and seq into an envelope without actor and data")
    func storedBodyWithoutActorOrData() throws {
        let body = try envelope(bareLine).storedBody(seq: 1, recorded: Instant(millisecondsSinceEpoch: 0))
        let expected =
            #"{"at":"2026-11-02T00:00:00Z","dept":"sys","id":"T-1","recorded":"1970-01-01T00:00:00.000Z","seq":1,"#
            + #""subject":"clock","type":"system.tick"}"#
        #expect(body == Array(expected.utf8))
    }

    @Test("stored bodies are the canonical form of the whole event")
    func storedBodyIsCanonical() throws {
        let body = try envelope(fullLine).storedBody(seq: 9_223_372_036_854_775_807, recorded: recorded)
        #expect(try CanonicalJSON.canonicalize(body) == body)
    }

    @Test("reads a stored body back to the same envelope", arguments: [fullLine, bareLine])
    func roundTrip(line: String) throws {
        let original = try envelope(line)
        let body = original.storedBody(seq: 42, recorded: recorded)
        let stored = try StoredEvent(body: body)
        #expect(stored.seq == 42)
        #expect(stored.recorded == recorded)
        #expect(stored.envelope == original)
        #expect(stored.envelope.content == original.content)
        #expect(stored.envelope.storedBody(seq: 42, recorded: recorded) == body)
    }

    @Test("exposes the payload, an empty object when there was none")
    func payload() throws {
        let full = try StoredEvent(body: envelope(fullLine).storedBody(seq: 3, recorded: recorded))
        #expect(full.data["kind"] == .string("criminal"))
        #expect(full.data.objectValue?.keys == ["kind", "reporter"])
        let bare = try StoredEvent(body: envelope(bareLine).storedBody(seq: 4, recorded: recorded))
        #expect(bare.data == .object(.empty))
    }

    @Test(
        "refuses bodies that are not stored events",
        arguments: [
            (
                body(head + "," + recordedMember),
                StoredEventError(.missingSeq), "stored event: field 'seq': required but missing"
            ),
            (
                body(head + "," + recordedMember + #","seq":0"#),
                StoredEventError(.badSeq), "stored event: field 'seq': not a positive integer"
            ),
            (
                body(head + "," + recordedMember + #","seq":1.5"#),
                StoredEventError(.badSeq), "stored event: field 'seq': not a positive integer"
            ),
            (
                body(head + "," + recordedMember + #","seq":"7""#),
                StoredEventError(.badSeq), "stored event: field 'seq': not a positive integer"
            ),
            (
                body(head + #","seq":7"#),
                StoredEventError(.missingRecorded, seq: 7), "stored event seq 7: field 'recorded': required but missing"
            ),
            (
                body(head + #","recorded":"yesterday","seq":7"#),
                StoredEventError(.badRecorded, seq: 7), "stored event seq 7: field 'recorded': not an RFC 3339 timestamp"
            ),
            (
                body(head + #","recorded":"1970-01-01T08:00:00.000+08:00","seq":7"#),
                StoredEventError(.notCanonical, seq: 7), "stored event seq 7: not in canonical form"
            ),
            (
                body(#""at":"2026-11-02T00:00:00Z", "dept":"sys","id":"T-1","# + recordedMember + #","seq":7"#),
                StoredEventError(.notCanonical, seq: 7), "stored event seq 7: not in canonical form"
            ),
            (
                body(#""actor":null,"# + head + "," + recordedMember + #","seq":7"#),
                StoredEventError(.notCanonical, seq: 7), "stored event seq 7: not in canonical form"
            ),
            (
                body(#""dept":"sys","id":"T-1","# + recordedMember + #","seq":7"#),
                StoredEventError(.invalidEnvelope(EnvelopeRejection(.missingField, field: "at")), seq: 7),
                "stored event seq 7: field 'at': required but missing"
            ),
            (
                body(#""at":"2026-11-02T00:00:00Z","dept":"sys","extra":1,"id":"T-1","# + recordedMember + #","seq":7"#),
                StoredEventError(.invalidEnvelope(EnvelopeRejection(.unknownField, field: "extra")), seq: 7),
                "stored event seq 7: field 'extra': unknown top-level field"
            ),
            (
                #"{"at":"2026-11-02T00:00:00Z""#,
                StoredEventError(
                    .invalidEnvelope(EnvelopeRejection(.invalidJSON(byteOffset: 28, detail: "unexpected end of input")))),
                "stored event: invalid JSON at byte 28: unexpected end of input"
            ),
        ] as [(String, StoredEventError, String)])
    func refuses(body: String, error: StoredEventError, description: String) {
        let actual = storedError(body)
        #expect(actual == error)
        #expect(actual?.description == description)
    }
}

@Suite("StoredBody")
struct StoredBodyTests {
    private func seq(_ body: String) -> Int64? {
        StoredBody.seq(in: Array(body.utf8))
    }

    @Test("finds the top-level seq of stored bodies")
    func findsSeq() throws {
        #expect(StoredBody.seq(in: try envelope(fullLine).storedBody(seq: 42, recorded: recorded)) == 42)
        #expect(StoredBody.seq(in: try envelope(bareLine).storedBody(seq: 1, recorded: recorded)) == 1)
        let largest = try envelope(bareLine).storedBody(seq: Int64.max, recorded: recorded)
        #expect(StoredBody.seq(in: largest) == Int64.max)
    }

    @Test("ignores seq keys nested in data and look-alikes inside strings")
    func ignoresNestedSeq() throws {
        let line =
            #"{"id":"x","type":"a.b","at":"2026-11-02T00:00:00Z","dept":"d","#
            + #""subject":"s\",\"seq\":9,\"","data":{"seq":7,"x":{"a":1,"seq":8}}}"#
        let body = try envelope(line).storedBody(seq: 1234, recorded: recorded)
        #expect(String(decoding: body, as: UTF8.self).contains(#""x":{"a":1,"seq":8}"#))
        #expect(StoredBody.seq(in: body) == 1234)
    }

    @Test(
        "gives nil for bodies without a well-formed top-level seq",
        arguments: [
            #"{"a":1}"#, "", #","seq":"#, #"{"id":"x","seq":,"subject":"s"}"#, #"{"id":"x","seq":0,"subject":"s"}"#,
            #"{"id":"x","seq":-1,"subject":"s"}"#, #"{"id":"x","seq":007,"subject":"s"}"#,
            #"{"id":"x","seq":12}"#, #"{"id":"x","seq":99999999999999999999,"subject":"s"}"#,
        ])
    func malformed(body: String) {
        #expect(seq(body) == nil)
    }
}
