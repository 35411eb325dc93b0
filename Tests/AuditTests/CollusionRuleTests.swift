@testable import Audit
import EventLog
import Foundation
import Synchronization
import Testing

/// Rule packs and logs written for the `collusion` kind: its parameters, the modes' corner
/// cases, and how the cross-tender patterns behave in the engine (judged once at the end of a
/// catch-up, surviving a crash, the same whichever way the log is fed).
@Suite struct CollusionRuleTests {
    /// A pack of `collusion` rules with these params, loaded with the shipped calendar.
    static func rules(_ params: [String], in directory: String) throws -> RuleSet {
        let rules = params.enumerated().map { index, params in
            #"{"id": "t.rule\#(index)", "name": {"zh": "测试", "en": "test"}, "kind": "collusion", "severity": "high", "basis": {"zh": "《测试》", "en": "test"}, "params": \#(params)}"#
        }
        let file = directory + "/test.json"
        try #"{"pack": "t", "name": {"zh": "测试", "en": "test"}, "rules": [\#(rules.joined(separator: ","))]}"#
            .write(toFile: file, atomically: true, encoding: .utf8)
        return try RuleSet.load(path: file, rulesDirectory: ShippedRules.directory)
    }

    /// The findings of `rules` on `events` (seqs from 1), as `subject code card [seqs]`.
    static func audit(_ rules: RuleSet, _ events: [ScenarioEvent], in log: ScratchLog) throws -> [String] {
        try log.append(events.enumerated().map { ($1.line(seq: $0 + 1), nil) })
        let result = try log.engine(rules).audit(asOf: instant("2026-11-21T00:00:00+08:00"))
        return result.findings.map { String(summary($0).drop { $0 != " " }.dropFirst()) }
    }

    static func bid(_ bidder: String, _ amount: Int, mac: String = "", ip: String = "") -> String {
        #"{"bidder":"\#(bidder)","amount":\#(amount),"currency":"CNY","preparer":"person:P-\#(bidder)","agent":"person:G-\#(bidder)","project_manager":"person:M-\#(bidder)","contact":"person:C-\#(bidder)","doc_hash":"\#(bidder)","fingerprint":{"ip":"\#(ip.isEmpty ? bidder : ip)","mac":"\#(mac.isEmpty ? bidder : mac)","machine_code":"MC-\#(bidder)"}}"#
    }

    static func notice(method: String = "open", deadline: String = "2026-10-22T09:30:00+08:00") -> String {
        #"{"buyer":"org:B","agency":"org:Y","method":"\#(method)","ceiling":2000000,"estimate":2100000,"currency":"CNY","submission_deadline":"\#(deadline)","title":"测试"}"#
    }

    // MARK: - Parameters

    @Test(arguments: [
        (#"{"mode": "screening"}"#, "params.mode", "expected deemed, flags, patterns or screens"),
        (#"{}"#, "params.mode", "expected deemed, flags, patterns or screens"),
        (#"{"mode": "deemed", "secret": ["budget"]}"#, "params.secret", "unknown value 'budget' (use estimate, ceiling)"),
        (#"{"mode": "deemed", "tolerance": 2}"#, "params.tolerance", "expected a number from 0 to 0.5"),
        (#"{"mode": "flags", "flags": ["R999"]}"#, "params.flags", "unknown value 'R999' (use R003, R018, R024, R028, R030, R035, R036, R038, R058)"),
        (#"{"mode": "flags", "close_to_winer": 0.01}"#, "params.close_to_winer", "unknown parameter"),
        (#"{"mode": "patterns", "scope": "city"}"#, "params.scope", "expected log or dept"),
        (#"{"mode": "patterns", "losers": {"min_loss": 3}}"#, "params.losers.min_loss", "unknown parameter"),
    ])
    func `a bad parameter is named with the rule and the key`(params: String, key: String, message: String) throws {
        let log = try ScratchLog()
        #expect(throws: RuleError(file: log.directory + "/test.json", rule: "t.rule0", key: key, message: message)) {
            try Self.rules([params], in: log.directory)
        }
    }

    // MARK: - Modes

    @Test func `identical prices are Cardinal R028 in flags mode, and a flags list keeps only the flags named`() throws {
        let events = [
            event("tender.published", "2026-09-30T10:00:00", "tender:T-1", by: "org:Y", Self.notice()),
            event("bid.submitted", "2026-10-20T10:00:00", "tender:T-1", by: "org:A", Self.bid("org:A", 1_000_000)),
            event("bid.submitted", "2026-10-20T11:00:00", "tender:T-1", by: "org:B", Self.bid("org:B", 1_000_000)),
            event("bid.submitted", "2026-10-20T12:00:00", "tender:T-1", by: "org:C", Self.bid("org:C", 1_100_000)),
            event("tender.opened", "2026-10-22T09:30:00", "tender:T-1", by: "staff:1"),
            event("tender.awarded", "2026-10-26T10:00:00", "tender:T-1", by: "org:B", #"{"winner":"org:A","amount":1000000}"#),
        ]
        let all = try ScratchLog()
        // A and B tie: the runner-up is 0% above the winner (R024) and the prices are identical (R028).
        #expect(try Self.audit(Self.rules([#"{"mode": "flags"}"#], in: all.directory), events, in: all) == [
            "tender:T-1 identical_bid_prices red [2, 3]",
            "tender:T-1 close_to_winning_bid red [2, 3, 6]",
        ])
        let some = try ScratchLog()
        #expect(try Self.audit(Self.rules([#"{"mode": "flags", "flags": ["R003", "R018"]}"#], in: some.directory), events, in: some) == [])
    }

    @Test func `a MAC written with dashes in capitals is the MAC written with colons; the first bid's spelling is shown`() throws {
        let events = [
            event("bid.submitted", "2026-10-20T10:00:00", "tender:T-1", by: "org:A", Self.bid("org:A", 1_000_000, mac: "02-AB-CD-EF-00-11")),
            event("bid.submitted", "2026-10-20T11:00:00", "tender:T-1", by: "org:B", Self.bid("org:B", 1_070_000, mac: "02:ab:cd:ef:00:11")),
            event("bid.submitted", "2026-10-20T12:00:00", "tender:T-1", by: "org:C", Self.bid("org:C", 1_300_000, mac: "02:ab:cd:ef:00:12")),
        ]
        let log = try ScratchLog()
        let rules = try Self.rules([#"{"mode": "deemed"}"#], in: log.directory)
        #expect(try Self.audit(rules, events, in: log) == ["tender:T-1 same_origin red [1, 2]"])
        let finding = try #require(try log.engine(rules).audit(asOf: instant("2026-11-21T00:00:00+08:00")).findings.first)
        #expect(finding.finding.details == [
            "article": "40(1)", "attribute": "mac", "value": "02-AB-CD-EF-00-11", "bidders": "org:A, org:B", "count": "2",
        ])
        #expect(finding.message(.en, calendar: rules.calendar)
            == "bids of org:A, org:B share the MAC address 02-AB-CD-EF-00-11: deemed prepared by the same unit or person (Tendering and Bidding Law Regulations art. 40(1))")
        #expect(finding.message(.zh, calendar: rules.calendar)
            == "投标人 org:A, org:B 的投标文件网卡MAC地址相同（02-AB-CD-EF-00-11），视为由同一单位或者个人编制（《招标投标法实施条例》第四十条第（一）项）")
    }

    /// L loses three tenders to W in each of two departments.
    static let twoMarkets: [ScenarioEvent] = (1 ... 6).flatMap { n -> [ScenarioEvent] in
        let dept = n <= 3 ? "gy.a" : "gy.b"
        let subject = "tender:T-\(n)"
        return [
            event("bid.submitted", "2026-10-0\(n)T10:00:00", subject, by: "org:W", Self.bid("org:W", 1_000_000), dept: dept),
            event("bid.submitted", "2026-10-0\(n)T11:00:00", subject, by: "org:L", Self.bid("org:L", 1_100_000), dept: dept),
            event("tender.awarded", "2026-10-0\(n)T16:00:00", subject, by: "org:B", #"{"winner":"org:W","amount":1000000}"#, dept: dept),
        ]
    }

    @Test func `patterns over the whole log see six losses where each department sees three`() throws {
        let whole = try ScratchLog()
        let params = #"{"mode": "patterns", "find": ["perpetual_loser"], "losers": {"min_losses": 5}}"#
        #expect(try Self.audit(Self.rules([params], in: whole.directory), Self.twoMarkets, in: whole) == [
            "org:L perpetual_loser red [2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18]",
        ])
        let split = try ScratchLog()
        let byDept = #"{"mode": "patterns", "scope": "dept", "find": ["perpetual_loser"], "losers": {"min_losses": 5}}"#
        #expect(try Self.audit(Self.rules([byDept], in: split.directory), Self.twoMarkets, in: split) == [])
        let fewer = try ScratchLog()
        let three = #"{"mode": "patterns", "scope": "dept", "find": ["perpetual_loser"], "losers": {"min_losses": 3}}"#
        #expect(try Self.audit(Self.rules([three], in: fewer.directory), Self.twoMarkets, in: fewer) == [
            "org:L perpetual_loser red [2, 3, 5, 6, 8, 9]",
            "org:L perpetual_loser red [11, 12, 14, 15, 17, 18]",
        ])
    }

    @Test func `a pattern finding names the firm, the counts and the tenders, and keeps its id as the evidence grows`() throws {
        let log = try ScratchLog()
        let rules = try Self.rules([#"{"mode": "patterns", "find": ["perpetual_loser"], "losers": {"min_losses": 5}, "max_tenders": 2}"#], in: log.directory)
        _ = try Self.audit(rules, Array(Self.twoMarkets.prefix(15)), in: log)
        let before = try #require(try log.engine(rules).audit(asOf: instant("2026-11-21T00:00:00+08:00")).findings.first)
        #expect(before.finding.details == [
            "firm": "org:L", "bids": "5", "losses": "5", "wins": "0", "winners": "org:W×5", "top_winners": "2", "covered": "5",
            "share": "1", "tenders": "tender:T-4, tender:T-5", "tenders_total": "5",
        ])
        #expect(before.finding.evidence == [11, 12, 14, 15])
        #expect(before.finding.subject == "org:L")
        #expect(before.finding.dept == "gy.b")
        try log.append(Self.twoMarkets.suffix(3).enumerated().map { ($1.line(seq: 16 + $0), nil) })
        let after = try #require(try log.engine(rules).audit(asOf: instant("2026-11-21T00:00:00+08:00")).findings.first)
        #expect(after.finding.id == before.finding.id)
        #expect(after.finding.details["tenders"] == "tender:T-5, tender:T-6")
        #expect(after.finding.began == instant("2026-10-06T16:00:00+08:00"))
        #expect(after.message(.en, calendar: rules.calendar)
            == "org:L bid 6 times, lost 6 awarded tenders and never won; 6 of them went to org:W×6: a possible cover bidder (陪标)")
        #expect(after.message(.zh, calendar: rules.calendar) == "org:L 投标 6 次，6 次落标且从未中标，其中 6 次由 org:W×6 中标，疑似陪标")
    }

    @Test func `every collusion finding on the samples reads in both languages, with its article or flag`() throws {
        let audit = try SampleLog.audit.get()
        let calendar = try ShippedRules.set.get().calendar
        let mine = audit.findings.filter { $0.finding.rule.hasPrefix("procurement.") }
        #expect(Set(mine.map(\.finding.code)) == [
            "same_origin", "same_ip", "same_agent", "same_manager", "identical_documents", "identical_prices", "regular_prices",
            "same_deposit_account", "changed_after_opening", "winner_near_secret_price", "short_submission_period", "single_bid",
            "close_to_winning_bid", "late_bid_won", "all_but_winner_disqualified", "lowest_bid_disqualified",
            "excessive_disqualifications", "heavily_discounted_bid", "perpetual_loser", "bid_rotation", "cobidding_ring",
        ])
        for audited in mine {
            let zh = audited.message(.zh, calendar: calendar), en = audited.message(.en, calendar: calendar)
            #expect(zh != audited.finding.code && en != audited.finding.code, "\(audited.finding.code)")
            #expect(!zh.contains("（）") && !en.contains("()") && !en.contains("  "), "\(audited.finding.code): \(en)")
            #expect(zh.contains("第") || zh.contains("Cardinal") || zh.contains("疑似"), "\(audited.finding.code): \(zh)")
        }
        let progression = try #require(mine.first { $0.finding.subject == "tender:2026-QN-008" })
        #expect(progression.message(.en, calendar: calendar)
            == "the 4 bids form a geometric progression (ratio 0.97, continued by the ceiling 5000000): prices in a regular pattern (Tendering and Bidding Law Regulations art. 40(4)): 4426464, 4563365, 4704500, 4850000")
        #expect(progression.message(.zh, calendar: calendar)
            == "4 家投标人的报价呈等比数列（公比 0.97，并延续至最高投标限价 5000000），投标报价呈规律性差异（《招标投标法实施条例》第四十条第（四）项）：4426464, 4563365, 4704500, 4850000")
        let leak = try #require(mine.first { $0.finding.subject == "tender:2026-QN-012" })
        #expect(leak.message(.zh, calendar: calendar)
            == "中标人 org:91522700MA6LWWH2YN 的报价 1998800 与未公开的标底 2000000 仅差 0.06%，疑似泄露标底（《招标投标法实施条例》第四十一条第二款第（二）项）")
        #expect(leak.finding.details["gap"] == "0.0006")
    }

    // MARK: - In the engine

    /// The procurement pack, alone.
    static func procurementPack() throws -> RuleSet {
        try RuleSet.load(path: ShippedRules.directory + "/packs/procurement.json", rulesDirectory: ShippedRules.directory)
    }

    /// The trading centre's tenders and the procurement cases.
    static func tenderLines() throws -> [String] {
        try ["trading-centre.ndjson", "procurement.ndjson"].flatMap { name in
            try String(contentsOfFile: CalendarFixtures.repositoryRoot + "/Samples/" + name, encoding: .utf8).split(separator: "\n").map(String.init)
        }
    }

    static let asOf = instant("2026-11-21T00:00:00+08:00")

    @Test func `fed in 10 chunks with an audit after each, and small flushes, the patterns end as one audit and a rebuild find them`() throws {
        let rules = try Self.procurementPack()
        let lines = try Self.tenderLines()
        let whole = try ScratchLog()
        try whole.ingest(text: lines.joined(separator: "\n") + "\n")
        let expected = try whole.engine(rules).audit(asOf: Self.asOf)
        #expect(expected.findings.count(where: { $0.finding.rule == "procurement.bidding_patterns" }) == 6)

        let log = try ScratchLog()
        let engine = try log.engine(rules)
        engine.flushEvery = 37
        try log.ingestInTenPieces(lines, seed: 4_000_040) { count throws in
            #expect(try engine.audit(asOf: Self.asOf).eventsRead == count)
            #expect(try engine.projection.staleKeys().isEmpty)
        }
        let chunked = try engine.audit(asOf: Self.asOf)
        #expect(chunked.findings.map(\.finding) == expected.findings.map(\.finding))
        #expect(try engine.rebuild() == lines.count)
        #expect(try engine.audit(asOf: Self.asOf).findings.map(\.finding) == expected.findings.map(\.finding))
    }

    /// A count shared between a test and the evaluator it watches.
    final class Tally: Sendable {
        let count = Mutex(0)
    }

    /// Counts how often a key of the wrapped rule is judged.
    struct Counting: RuleEvaluator {
        let inner: any RuleEvaluator
        let judged: Tally
        var rule: Rule { inner.rule }
        var eventTypes: Set<String>? { inner.eventTypes }
        var judgesAtEndOfCatchUp: Bool { inner.judgesAtEndOfCatchUp }

        func facts(for event: AuditEvent, calendar: WorkCalendar) throws -> [KeyedFact] { try inner.facts(for: event, calendar: calendar) }

        func findings(key: String, facts: [Fact], calendar: WorkCalendar) throws -> [Finding] {
            judged.count.withLock { $0 += 1 }
            return try inner.findings(key: key, facts: facts, calendar: calendar)
        }
    }

    @Test func `the market key is judged once at the end of a catch-up of 28 flushes`() throws {
        let shipped = try Self.procurementPack()
        let judged = Tally()
        let patterns = try #require(shipped.evaluators.last)
        let rules = RuleSet(
            rules: [shipped.rules[2]], evaluators: [Counting(inner: patterns, judged: judged)], calendar: shipped.calendar,
            ladder: shipped.ladder, fingerprint: "test")
        let log = try ScratchLog()
        try log.ingest(text: try Self.tenderLines().joined(separator: "\n") + "\n")
        let engine = try log.engine(rules)
        engine.flushEvery = 38
        #expect(try engine.catchUp() == 1061)
        #expect(judged.count.withLock { $0 } == 1)
        #expect(try engine.projection.staleKeys().isEmpty)
    }

    /// Throws at one seq, as a process killed mid-catch-up would stop.
    struct Tripwire: RuleEvaluator {
        struct Killed: Error {}
        let rule: Rule
        let seq: Int64?
        let eventTypes: Set<String>? = nil

        func facts(for event: AuditEvent, calendar: WorkCalendar) throws -> [KeyedFact] {
            if event.seq == seq { throw Killed() }
            return []
        }

        func findings(key: String, facts: [Fact], calendar: WorkCalendar) throws -> [Finding] { [] }
    }

    /// A rule whose evaluator stops a catch-up where a test tells it to (a kill, for the engine).
    private static let tripwireRule = Rule(
        id: "t.tripwire", pack: "t", name: LocalizedText(zh: "测试", en: "test"), kind: "check", severity: .low,
        basis: LocalizedText(zh: "《测试》", en: "test"), level: .yellow, file: "test", params: .empty)

    @Test func `a catch-up that dies after the last tender event still judges the market on the next audit`() throws {
        let shipped = try Self.procurementPack()
        let patterns = try #require(shipped.evaluators.last)
        let rule = shipped.rules[2]
        let wire = Self.tripwireRule
        func rules(trippingAt seq: Int64?) -> RuleSet {
            RuleSet(
                rules: [rule, wire], evaluators: [patterns, Tripwire(rule: wire, seq: seq)], calendar: shipped.calendar,
                ladder: shipped.ladder, fingerprint: "test")
        }
        // 1,061 tender events, then 150 events of another department that no collusion rule reads.
        let others = (1 ... 150).map { n in
            #"{"id":"X-\#(n)","type":"case.reported","at":"2026-11-20T10:00:00+08:00","dept":"gy.x","subject":"case:X-\#(n)","data":{"kind":"criminal"}}"#
        }
        let log = try ScratchLog()
        try log.ingest(text: (try Self.tenderLines() + others).joined(separator: "\n") + "\n")
        let dying = try log.engine(rules(trippingAt: 1190))
        dying.flushEvery = 100
        #expect(throws: Tripwire.Killed.self) { try dying.catchUp() }
        // The last flush stored seqs up to 1,100 and left the market unjudged, on record.
        #expect(try dying.projection.meta("position") == "1100")
        #expect(try dying.projection.staleKeys().map { "\($0.rule) \($0.key)" } == ["0 log"])
        #expect(try dying.projection.findingCount() == 0)

        let next = try log.engine(rules(trippingAt: nil))
        let result = try next.audit(asOf: Self.asOf)
        #expect(result.eventsRead == 111)
        let clean = try ScratchLog()
        try clean.ingest(text: try Self.tenderLines().joined(separator: "\n") + "\n")
        let expected = try clean.engine(shipped).audit(asOf: Self.asOf).findings.filter { $0.finding.rule == rule.id }
        #expect(result.findings.map(\.finding) == expected.map(\.finding))
        #expect(try next.projection.staleKeys().isEmpty)
    }

    @Test func `a rebuild that holds the tenders stores the same facts and finds the same as one that stores them at every flush`() throws {
        let rules = try Self.procurementPack()
        let log = try ScratchLog()
        try log.ingest(text: try Self.tenderLines().joined(separator: "\n") + "\n")
        let holding = try log.engine(rules)
        holding.flushEvery = 37
        let held = try holding.audit(asOf: Self.asOf)
        let storing = try AuditEngine(log: log.store, rules: rules, projectionPath: log.directory + "/storing.audit")
        storing.flushEvery = 37
        // No room to hold anything: the first held fact goes to the store with the others.
        storing.holdingBudget = 0
        let stored = try storing.audit(asOf: Self.asOf)
        #expect(held.findings.map(\.finding) == stored.findings.map(\.finding))
        #expect(held.findings.count(where: { $0.finding.rule == "procurement.deemed_collusion" }) == 15)
        #expect(try holding.projection.keyCount() == storing.projection.keyCount())
        // Every tender's facts, kept once for the deemed collusion and the red flags that share them.
        let subjects = Set(try Self.tenderLines().compactMap { $0.firstMatch(of: #/"subject":"(tender:[^"]+)"/#).map { String($0.output.1) } })
        var heldRows = StoredFacts(), storedRows = StoredFacts()
        for subject in subjects.sorted() {
            try holding.projection.read(RuleKey(rule: 0, key: subject), id: nil, into: &heldRows)
            try storing.projection.read(RuleKey(rule: 0, key: subject), id: nil, into: &storedRows)
        }
        #expect(heldRows.rowCount == storedRows.rowCount)
        #expect(heldRows.decoded().map(\.facts) == storedRows.decoded().map(\.facts))
        #expect(try holding.projection.meta("holding") == "0")
        #expect(try holding.projection.staleKeys().isEmpty)
    }

    @Test func `a rebuild killed while it holds tenders in memory starts again on the next audit`() throws {
        let shipped = try Self.procurementPack()
        let wire = Self.tripwireRule
        func rules(trippingAt seq: Int64?) -> RuleSet {
            RuleSet(
                rules: shipped.rules + [wire], evaluators: shipped.evaluators + [Tripwire(rule: wire, seq: seq)], calendar: shipped.calendar,
                ladder: shipped.ladder, fingerprint: "test")
        }
        let log = try ScratchLog()
        try log.ingest(text: try Self.tenderLines().joined(separator: "\n") + "\n")
        let dying = try log.engine(rules(trippingAt: 1000))
        dying.flushEvery = 100
        #expect(throws: Tripwire.Killed.self) { try dying.catchUp() }
        // Nine flushes stored, the tenders' facts of their events still in memory.
        #expect(try dying.projection.meta("position") == "900")
        #expect(try dying.projection.meta("holding") == "1")

        let next = try log.engine(rules(trippingAt: nil))
        let result = try next.audit(asOf: Self.asOf)
        #expect(result.eventsRead == 1061)
        let clean = try ScratchLog()
        try clean.ingest(text: try Self.tenderLines().joined(separator: "\n") + "\n")
        let expected = try clean.engine(shipped).audit(asOf: Self.asOf)
        #expect(result.findings.map(\.finding) == expected.findings.map(\.finding))
        #expect(try next.projection.meta("holding") == "0")
    }

    @Test func `in a rebuild that holds the tenders the market is judged once, while they are, and finds what storing them finds`() throws {
        let shipped = try Self.procurementPack()
        let judged = Tally()
        let patterns = try #require(shipped.evaluators.last)
        let rules = RuleSet(
            rules: shipped.rules, evaluators: shipped.evaluators.dropLast() + [Counting(inner: patterns, judged: judged)],
            calendar: shipped.calendar, ladder: shipped.ladder, fingerprint: "test")
        let log = try ScratchLog()
        try log.ingest(text: try Self.tenderLines().joined(separator: "\n") + "\n")
        let engine = try log.engine(rules)
        engine.flushEvery = 38
        let result = try engine.audit(asOf: Self.asOf)
        #expect(result.eventsRead == 1061)
        #expect(judged.count.withLock { $0 } == 1)
        #expect(engine.keysJudgedAhead == 1)
        #expect(try engine.projection.staleKeys().isEmpty)
        // Without room to hold the tenders, nothing is judged ahead.
        let storing = try AuditEngine(log: log.store, rules: shipped, projectionPath: log.directory + "/storing.audit")
        storing.flushEvery = 38
        storing.holdingBudget = 0
        let stored = try storing.audit(asOf: Self.asOf)
        #expect(storing.keysJudgedAhead == 0)
        #expect(result.findings.map(\.finding) == stored.findings.map(\.finding))
        #expect(result.findings.count(where: { $0.finding.rule == "procurement.bidding_patterns" }) == 6)
    }

    /// Holds every event's subject as a key, judged at the end of a rebuild, and throws when
    /// it judges one of them, as a process killed while it judges the held keys would stop.
    struct HeldTripwire: RuleEvaluator {
        let rule: Rule
        let key: String?
        let eventTypes: Set<String>? = nil
        var judgesAtEndOfCatchUp: Bool { true }
        var holdsKeysThroughRebuild: Bool { true }

        func facts(for event: AuditEvent, calendar: WorkCalendar) throws -> [KeyedFact] {
            [KeyedFact(key: event.subject, fact: Fact(event, role: 0))]
        }

        func findings(key: String, facts: [Fact], calendar: WorkCalendar) throws -> [Finding] {
            if key == self.key { throw Tripwire.Killed() }
            return []
        }
    }

    @Test func `a rebuild killed while it judges the held tenders, the market judged ahead, starts again on the next audit`() throws {
        let shipped = try Self.procurementPack()
        let wire = Self.tripwireRule
        func rules(trippingAt key: String?) -> RuleSet {
            RuleSet(
                rules: shipped.rules + [wire], evaluators: shipped.evaluators + [HeldTripwire(rule: wire, key: key)],
                calendar: shipped.calendar, ladder: shipped.ladder, fingerprint: "test")
        }
        let lines = try Self.tenderLines()
        let subjects = Set(lines.compactMap { $0.firstMatch(of: #/"subject":"([^"]+)"/#).map { String($0.output.1) } })
        let log = try ScratchLog()
        try log.ingest(text: lines.joined(separator: "\n") + "\n")
        let dying = try log.engine(rules(trippingAt: subjects.max() ?? ""))
        dying.flushEvery = 100
        #expect(throws: Tripwire.Killed.self) { try dying.catchUp() }
        // Every event stored but the held tenders', and the tenders' findings, but none of the
        // market judged ahead: it is still stale.
        #expect(try dying.projection.meta("position") == "1061")
        #expect(try dying.projection.meta("holding") == "1")
        #expect(try dying.projection.staleKeys().map { "\($0.rule) \($0.key)" } == ["2 log"])
        #expect(try dying.projection.cardCounts(visibleAt: Self.asOf, dept: nil).map(\.rule) == [0, 1])

        let next = try log.engine(rules(trippingAt: nil))
        let result = try next.audit(asOf: Self.asOf)
        #expect(result.eventsRead == 1061)
        #expect(next.keysJudgedAhead == 1)
        let clean = try ScratchLog()
        try clean.ingest(text: lines.joined(separator: "\n") + "\n")
        let expected = try clean.engine(shipped).audit(asOf: Self.asOf)
        #expect(result.findings.map(\.finding) == expected.findings.map(\.finding))
        #expect(try next.projection.meta("holding") == "0")
        #expect(try next.projection.staleKeys().isEmpty)
    }

    @Test func `a tender folded once for the deemed collusion and the red flags gives each rule the findings it finds alone`() throws {
        let rules = try Self.procurementPack()
        let log = try ScratchLog()
        try log.ingest(text: try Self.tenderLines().joined(separator: "\n") + "\n")
        let engine = try log.engine(rules)
        _ = try engine.audit(asOf: Self.asOf)
        let subjects = Set(
            try Self.tenderLines().compactMap { $0.firstMatch(of: #/"subject":"(tender:[^"]+)"/#).map { String($0.output.1) } })
        var rows = StoredFacts()
        for subject in subjects.sorted() { try engine.projection.read(RuleKey(rule: 0, key: subject), id: nil, into: &rows) }
        let collector = FactCollector(rules: rules)
        let tenders = rows.decoded()
        var counts: [String: Int] = [:]
        for (key, facts) in tenders {
            let together = try collector.judgements(key, facts: facts)
            #expect(together.map(\.key.rule) == [0, 1])
            for (each, judgement) in together {
                guard case .findings(let findings) = judgement else {
                    Issue.record("\(each.key) not judged")
                    continue
                }
                let evaluator = rules.evaluators[each.rule]
                #expect(findings == (try evaluator.findings(key: each.key, facts: facts, calendar: rules.calendar)))
                // Another tender's fold is not taken for this one's.
                if let other = tenders.first(where: { $0.key != key }) {
                    let wrong = evaluator.folded(key: other.key.key, facts: other.facts)
                    #expect(findings == (try evaluator.findings(key: each.key, facts: facts, folded: wrong, calendar: rules.calendar)))
                }
                counts[evaluator.rule.id, default: 0] += findings.count
            }
        }
        #expect(counts == ["procurement.deemed_collusion": 15, "procurement.red_flags": 9])
    }
}
