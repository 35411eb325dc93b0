@testable import Audit
import EventLog
import Testing

/// `window` with a threshold taken from a reference event and with shares of a group.
@Suite struct WindowEvaluatorTests {
    static func rule(_ params: String) throws -> any RuleEvaluator {
        let pack = #"{"pack":"t","name":{"zh":"测","en":"t"},"rules":[{"id":"t.w","name":{"zh":"测","en":"t"},"kind":"window","severity":"medium","basis":{"zh":"测","en":"t"},"params":"#
            + params + "}]}"
        let rules = try RulePackParser.parse(Array(pack.utf8), file: "t.json")
        return try RuleSet.evaluator(for: rules[0])
    }

    static func award(_ seq: Int64, _ day: String, _ supplier: String, _ amount: Int) -> AuditEvent {
        let at = Instant(rfc3339: "2026-\(day)T09:00:00+08:00") ?? Instant(millisecondsSinceEpoch: 0)
        let data = (try? JSONParser.parse(Array(#"{"supplier":"\#(supplier)","amount":\#(amount)}"#.utf8)))?.objectValue ?? .empty
        return AuditEvent(
            seq: seq, id: "P\(seq)", type: "procurement.awarded", at: at, recorded: at, dept: "gy.jtj", actor: nil, subject: "proc:\(seq)",
            data: data)
    }

    static func judge(_ evaluator: any RuleEvaluator, _ events: [AuditEvent]) throws -> [Finding] {
        let calendar = try WorkCalendar.load(path: CalendarFixtures.repositoryRoot + "/Rules/calendars/cn.json")
        var byKey: [String: [Fact]] = [:]
        for event in events {
            for keyed in try evaluator.facts(for: event, calendar: calendar) { byKey[keyed.key, default: []].append(keyed.fact) }
        }
        return try byKey.keys.sorted().flatMap { try evaluator.findings(key: $0, facts: byKey[$0] ?? [], calendar: calendar) }
    }

    static let share = #"{"when":{"type":"procurement.awarded"},"group":["dept"],"sum":"data.amount","share":{"by":"data.supplier","above":0.5},"min_events":3}"#

    @Test func `a share begins where it last rose above the line and stayed there`() throws {
        // A: 100 of 100, 100 of 300 (fell to 1/3), 400 of 600 (back above: from seq 3), 400 of 700.
        let findings = try Self.judge(try Self.rule(Self.share), [
            Self.award(1, "09-01", "org:A", 100), Self.award(2, "09-02", "org:B", 200), Self.award(3, "09-03", "org:A", 300),
            Self.award(4, "09-04", "org:C", 100),
        ])
        #expect(findings.count == 1)
        #expect(findings.first?.began == Instant(rfc3339: "2026-09-03T09:00:00+08:00"))
        #expect(findings.first?.evidence == [1, 3])
        #expect(findings.first?.details["share"] == "0.571")
        #expect(findings.first?.details["member"] == "org:A")
    }

    @Test func `a share that falls back to the line by the end raises nothing`() throws {
        let findings = try Self.judge(try Self.rule(Self.share), [
            Self.award(1, "09-01", "org:A", 300), Self.award(2, "09-02", "org:B", 100), Self.award(3, "09-03", "org:A", 100),
            Self.award(4, "09-04", "org:C", 400),
        ])
        #expect(findings.isEmpty)
    }

    @Test(arguments: [
        (#"{"when":{"type":"x"},"group":["dept"],"count":true,"share":{"by":"data.s","above":1.5}}"#, "params.share.above"),
        (#"{"when":{"type":"x"},"group":["dept"],"count":true,"share":{"above":0.5}}"#, "params.share.by"),
        (#"{"when":{"type":"x"},"group":["dept","at.year"],"sum":"data.amount","threshold_from":{"when":{"type":"y"},"key":"subject","field":"data.amount"}}"#, "params.group"),
        (#"{"when":{"type":"x"},"group":["dept"],"sum":"data.amount","threshold":5,"share":{"by":"data.s","above":0.5}}"#, "params.threshold"),
        (#"{"when":{"type":"x"},"group":["dept"],"sum":"data.amount"}"#, "params.threshold"),
    ])
    func `names the parameter at fault`(params: String, key: String) throws {
        #expect {
            _ = try Self.rule(params)
        } throws: { error in
            (error as? RuleError)?.key == key
        }
    }
}
