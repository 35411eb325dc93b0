@testable import Audit
import EventLog
import Testing

/// Facts read straight from a stored payload's bytes (`DataMembers`,
/// `RuleEvaluator.facts(for:dataBytes:calendar:)`) must be exactly the facts read from its
/// JSON tree — escapes, numbers, nested values and all — or not be read at all.
@Suite struct DataMembersTests {
    static let procurement = Result<RuleSet, any Error> {
        try RuleSet.load(path: ShippedRules.directory + "/packs/procurement.json", rulesDirectory: ShippedRules.directory)
    }

    /// A fact as the tests compare it: rule, key, role and values.
    static func text(_ collected: [(rule: Int, keyed: KeyedFact)]) -> [String] {
        collected.map { "\($0.rule) \($0.keyed.key) \($0.keyed.fact.role) \($0.keyed.decodedFact.values)" }
    }

    /// For each stored body of the log: its facts read from the payload's bytes (nil when
    /// they cannot be, or the type is not read from bytes) and read from its tree.
    static func facts(_ log: ScratchLog, _ rules: RuleSet) throws -> [(bytes: [String]?, tree: [String], full: [Fact])] {
        let collector = FactCollector(rules: rules)
        var out: [(bytes: [String]?, tree: [String], full: [Fact])] = []
        try log.store.forEachBody { _, body in
            var tree: [(rule: Int, keyed: KeyedFact)] = []
            try collector.collect(try AuditEvent(body: body), into: &tree)
            var bytes: [(rule: Int, keyed: KeyedFact)]?
            if let (event, data) = AuditEvent.scannedEnvelope(body), collector.readsDataBytes(of: event.type), let data {
                var read: [(rule: Int, keyed: KeyedFact)] = []
                if try collector.collect(event, dataBytes: UnsafeRawBufferPointer(rebasing: body[data]), into: &read) { bytes = read }
            }
            // The whole fact (envelope fields included) must match too.
            if let bytes { #expect(bytes.map(\.keyed.decodedFact) == tree.map(\.keyed.fact)) }
            out.append((bytes.map(text), text(tree), tree.map(\.keyed.fact)))
            return true
        }
        return out
    }

    @Test func `every sample event the procurement pack reads gives the same facts from its bytes as from its tree`() throws {
        let log = try ScratchLog()
        for stream in SampleLog.streams { try log.ingest(file: stream) }
        let all = try Self.facts(log, Self.procurement.get())
        let read = all.filter { $0.bytes != nil }
        #expect(all.count == 3687)
        #expect(read.count == 994)
        #expect(read.filter { $0.bytes == $0.tree }.count == 994)
        #expect(read.map(\.tree.count).reduce(0, +) == 1444)
    }

    @Test func `the types only byte-reading rules read are read from bytes; a disposition's payload never is`() throws {
        let collector = FactCollector(rules: try Self.procurement.get())
        #expect(Tender.sharedEventTypes.allSatisfy(collector.readsDataBytes(of:)))
        #expect(!collector.readsDataBytes(of: "contract.signed"))
        #expect(!collector.readsDataBytes(of: "finding.explained"))
    }

    @Test func `a value with an escape is left to the tree (one in a member not kept is skipped); numbers, non-ASCII text and nested values are read as the tree reads them`() throws {
        let log = try ScratchLog()
        func line(_ n: Int, _ type: String, _ data: String) -> (line: String, recorded: Instant?) {
            (#"{"id":"E-\#(n)","type":"\#(type)","at":"2026-10-20T10:00:00+08:00","dept":"gy.ggzy","subject":"tender:T-1","data":\#(data)}"#, nil)
        }
        try log.append([
            line(1, "bid.submitted", #"{"amount":-1.50e+3,"bidder":"公司甲","currency":"CNY","extra":[1,{"x":"}\"]"},null,true],"fingerprint":{"cpu":12345,"disk":null,"ip":"10.0.0.1","mac":{"a":"b"},"other":[]},"preparer":false,"z":{"q":"\\"}}"#),
            line(2, "bid.submitted", #"{"amount":1000,"bidder":"org:A","preparer":"person:\"P\""}"#),
            line(3, "bid.submitted", #"{"amount":1000,"bidder":"org:A","fingerprint":{"mac":"a\tb"}}"#),
            line(4, "bid.submitted", #"{"amount":0,"bid\u0064er":"org:\u00dc","currency":"\u0001"}"#),
            line(5, "tender.opened", "{}"),
            line(6, "tender.awarded", #"{"amount":12.5,"winner":"org:Ü"}"#),
            line(7, "tender.published", #"{"buyer":{"name":"x"},"ceiling":2000000,"estimate":1.5E6,"method":"open","title":"路灯\n改造"}"#),
            line(8, "bid.withdrawn", #"{"bidder":"org:B","reason":"撤回"}"#),
            line(9, "bid.withdrawn", #"{"bidder":"org:\"B\"","reason":"撤回"}"#),
        ])
        let facts = try Self.facts(log, Self.procurement.get())
        #expect(facts.map { $0.bytes == nil } == [false, true, true, true, false, false, false, false, true])
        for fact in facts where fact.bytes != nil { #expect(fact.bytes == fact.tree) }
        #expect(facts.map(\.full.first?.values) == [
            ["公司甲", "-1.50e+3", "CNY", "", "", "", "", "", "10.0.0.1", "", "12345", "", "", "", ""],
            ["org:A", "1000", "", "person:\"P\"", "", "", "", "", "", "", "", "", "", "", ""],
            ["org:A", "1000", "", "", "", "", "", "", "", "a\tb", "", "", "", "", ""],
            ["org:Ü", "0", "\u{1}", "", "", "", "", "", "", "", "", "", "", "", ""],
            [],
            ["org:Ü", "12.5"],
            ["", "", "open", "2000000", "1.5E6", "", ""],
            ["org:B", "撤回"],
            ["org:\"B\"", "撤回"],
        ])
        // The patterns rule keeps the bidder or winner of bids, withdrawals and awards.
        #expect(facts.map { $0.tree.filter { $0.hasPrefix("2 ") } } == [
            ["2 log 0 [\"公司甲\"]"], ["2 log 0 [\"org:A\"]"], ["2 log 0 [\"org:A\"]"], ["2 log 0 [\"org:Ü\"]"], [], ["2 log 2 [\"org:Ü\"]"], [],
            ["2 log 1 [\"org:B\"]"], ["2 log 1 [\"org:\\\"B\\\"\"]"],
        ])
    }

    @Test func `a preparer with an escape shared by two bidders is found as without one (art. 40(1))`() throws {
        let escaped = #"person:\"P\"\\1"#
        let events = [
            event("bid.submitted", "2026-10-20T10:00:00", "tender:T-1", by: "org:A", #"{"bidder":"org:A","amount":1000000,"preparer":"\#(escaped)"}"#),
            event("bid.submitted", "2026-10-20T11:00:00", "tender:T-1", by: "org:B", #"{"bidder":"org:B","amount":1070000,"preparer":"\#(escaped)"}"#),
            event("bid.submitted", "2026-10-20T12:00:00", "tender:T-1", by: "org:C", #"{"bidder":"org:C","amount":1130000,"preparer":"person:Q"}"#),
        ]
        let log = try ScratchLog()
        let rules = try CollusionRuleTests.rules([#"{"mode": "deemed"}"#], in: log.directory)
        try log.append(events.enumerated().map { ($1.line(seq: $0 + 1), nil) })
        let result = try log.engine(rules).audit(asOf: instant("2026-11-21T00:00:00+08:00"))
        #expect(result.findings.map(summary) == ["t.rule0 tender:T-1 same_origin red [1, 2]"])
        #expect(result.findings.first?.finding.details["value"] == #"person:"P"\1"#)
    }
}
