@testable import Audit
import EventLog
import Testing

@Suite("HeldFacts")
struct HeldFactsTests {
    /// A tender event's fact whose payload is 20 bytes: lag 1, dept 2, no actor 1, subject
    /// "tender:N" 9, id "eN" 3, one value "100" 4.
    private func fact(_ seq: Int64, tender: Int) -> Fact {
        let at = Instant(millisecondsSinceEpoch: 1_767_225_600_000 + seq * 60_000)
        return Fact(seq: seq, role: 1, at: at, recorded: at, dept: "d", actor: nil, subject: "tender:\(tender)", id: "e\(seq)", values: ["100"])
    }

    private func key(_ tender: Int) -> RuleKey { RuleKey(rule: 0, key: "tender:\(tender)") }

    /// Every batch `next(rowLimit:)` hands out, as (key, facts decoded for judging).
    private func handedOut(_ held: inout HeldFacts, rowLimit: Int) -> [[(key: String, facts: [Fact])]] {
        var batches: [[(key: String, facts: [Fact])]] = []
        while let batch = held.next(rowLimit: rowLimit) {
            batches.append(batch.entries.map { ($0.key.key, HeldFacts.facts(of: $0, in: batch)) })
        }
        return batches
    }

    @Test("facts arriving interleaved come out by key, each key's whole, across segment boundaries")
    func acrossSegments() {
        // Segments of 50 bytes take three 20-byte payloads each (a payload starts below 50):
        // nine facts fill three segments, each holding a fact of every tender.
        var held = HeldFacts(segmentBytes: 50)
        var expected: [Int: [Fact]] = [:]
        for seq in Int64(1) ... 9 {
            let tender = [3, 1, 2][Int(seq - 1) % 3]
            let fact = fact(seq, tender: tender)
            held.add(fact, key: key(tender))
            expected[tender, default: []].append(fact)
        }
        #expect(held.segmentsHeld == 3)
        #expect(held.byteCount == 9 * 20 + 9 * 44)
        // Four rows a batch, a key never split: the first batch takes two keys (six rows), the second the last.
        let batches = handedOut(&held, rowLimit: 4)
        #expect(batches.map { $0.map(\.key) } == [["tender:1", "tender:2"], ["tender:3"]])
        #expect(batches.flatMap { $0 }.map(\.facts) == [expected[1] ?? [], expected[2] ?? [], expected[3] ?? []])
        #expect(held.isExhausted)
        #expect(held.segmentsHeld == 0)
    }

    @Test("a segment is freed once every key with a row in it has been handed out")
    func freesSegments() {
        // Tender 1's three facts fill the first segment, tender 2's the second, tender 3's
        // the third; tender 2 also has a fact in the third.
        var held = HeldFacts(segmentBytes: 50)
        for (seq, tender) in [(1, 1), (2, 1), (3, 1), (4, 2), (5, 2), (6, 2), (7, 3), (8, 2), (9, 3)] {
            held.add(fact(Int64(seq), tender: tender), key: key(tender))
        }
        #expect(held.segmentsHeld == 3)
        #expect(held.next(rowLimit: 1)?.entries.map(\.key.key) == ["tender:1"])
        #expect(held.segmentsHeld == 2)
        #expect(held.byteCount == 6 * 20 + 9 * 44)
        #expect(held.next(rowLimit: 1)?.entries.map(\.key.key) == ["tender:2"])
        #expect(held.segmentsHeld == 1)
        let last = held.next(rowLimit: 1)
        #expect(last.map { batch in batch.entries.flatMap { HeldFacts.facts(of: $0, in: batch).map(\.seq) } } == [7, 9])
        #expect(held.segmentsHeld == 0)
        #expect(held.next(rowLimit: 1) == nil)
    }

    @Test("a payload larger than a segment takes one of its own, whole")
    func largePayload() {
        var held = HeldFacts(segmentBytes: 16)
        var large = fact(2, tender: 1)
        large.values = [String(repeating: "9", count: 100)]
        let facts = [fact(1, tender: 1), large, fact(3, tender: 1)]
        for fact in facts { held.add(fact, key: key(1)) }
        // 20 bytes fill the first segment past 16, the 117-byte payload the second, and the third starts a third.
        #expect(held.segmentsHeld == 3)
        #expect(handedOut(&held, rowLimit: 10).flatMap { $0 }.map(\.facts) == [facts])
    }

    @Test("drained, the rows come back in arrival order with their payloads")
    func drained() {
        var held = HeldFacts(segmentBytes: 50)
        let facts = (1 ... 7).map { fact(Int64($0), tender: $0 % 2) }
        for fact in facts { held.add(fact, key: key(Int(fact.subject.dropFirst(7)) ?? -1)) }
        var seen: [(String, Fact?)] = []
        held.drain { key, row, payload in
            seen.append((key.key, Fact(seq: row.seq, role: row.role, at: row.at, count: row.count, payload: payload)))
        }
        #expect(seen.map(\.0) == facts.map(\.subject))
        #expect(seen.map(\.1) == facts.map { Optional($0) })
        #expect(held.isEmpty)
    }
}
