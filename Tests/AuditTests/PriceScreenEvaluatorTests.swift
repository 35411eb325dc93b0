@testable import Audit
import EventLog
import Testing

/// `collusion` in mode `screens`: a finding per tender, with every screen and contribution.
@Suite struct PriceScreenEvaluatorTests {
    static func rule(_ params: String) throws -> Rule {
        let pack =
            #"{"pack":"t","rules":[{"id":"t.screens","name":{"zh":"报价筛查","en":"price screens"},"kind":"collusion","severity":"medium","level":"yellow","basis":{"zh":"《招标投标法实施条例》第四十条","en":"art. 40"},"params":\#(params)}]}"#
        return try #require(try RulePackParser.parse(Array(pack.utf8), file: "t.json").first)
    }

    static func event(_ seq: Int64, _ type: String, _ data: String, subject: String = "tender:T1") -> AuditEvent {
        let object = (try? JSONParser.parse(Array(data.utf8)))?.objectValue ?? .empty
        let at = Instant(millisecondsSinceEpoch: 1_790_000_000_000 + seq * 60_000)
        return AuditEvent(
            seq: seq, id: "E\(seq)", type: type, at: at, recorded: at, dept: "gy.ggzy", actor: nil, subject: subject, data: object)
    }

    /// A notice (estimate 1000) and five bids 900, 905, 910, 915, 990: CV 0.040386,
    /// DIFFP 5/900, SPD 0.1 (SciPy 1.17.1 for the CV).
    static let events = [
        event(1, "tender.published", #"{"estimate":1000,"ceiling":1050}"#),
        event(2, "bid.submitted", #"{"bidder":"org:A","amount":905}"#),
        event(3, "bid.submitted", #"{"bidder":"org:B","amount":990}"#),
        event(4, "bid.submitted", #"{"bidder":"org:C","amount":900}"#),
        event(5, "bid.submitted", #"{"bidder":"org:D","amount":915}"#),
        event(6, "bid.submitted", #"{"bidder":"org:E","amount":910}"#),
        event(7, "case.accepted", "{}"),
    ]

    static func model(threshold: Int = -1) -> String {
        #"{"kind":"logistic","features":["cv","diffp"],"means":[0.1,0.05],"scales":[0.05,0.02],"weights":[-2,1],"intercept":-0.5,"threshold":\#(threshold)}"#
    }

    func findings(_ evaluator: PriceScreenEvaluator, _ events: [AuditEvent]) throws -> [Finding] {
        let calendar = try CalendarFixtures.cn.get()
        let keyed = try events.flatMap { try evaluator.facts(for: $0, calendar: calendar) }
        #expect(Set(keyed.map(\.key)).count <= 1)
        guard let key = keyed.first?.key else { return [] }
        return try evaluator.findings(key: key, facts: keyed.map(\.fact).sorted(by: Fact.chronological), calendar: calendar)
    }

    @Test func `a score at the threshold: every screen and each contribution in the details`() throws {
        let evaluator = try PriceScreenEvaluator(
            rule: Self.rule(#"{"mode":"screens","thresholds":{"cv":{"below":0.05},"spd":{"above":0.5}},"model":\#(Self.model())}"#))
        let found = try findings(evaluator, Self.events)
        let finding = try #require(found.first)
        #expect(found.count == 1)
        #expect(finding.code == "price_screens")
        #expect(finding.subject == "tender:T1")
        #expect(finding.level == .yellow)
        #expect(finding.evidence == [1, 2, 3, 4, 5, 6])
        let d = finding.details
        // contributions: −2 × (0.040386 − 0.1)/0.05 = +2.384579; (0.005556 − 0.05)/0.02 = −2.222222.
        #expect(d["score"] == "-0.3376")
        #expect(d["threshold"] == "-1")
        #expect(d["probability"] == "0.4164")
        #expect(d["contribution.cv"] == "+2.3846")
        #expect(d["contribution.diffp"] == "-2.2222")
        #expect(d["passed"] == "cv<0.05")
        #expect(d["bids"] == "5")
        #expect(d["screen.cv"] == "0.04039")
        #expect(d["screen.spd"] == "0.1")
        #expect(d["screen.diffp"] == "0.005556")
        #expect(d["screen.low.ref"] == "0.9")
        #expect(d["screen.high.ref"] == "0.99")
        #expect(d["screen.loo.min.spd"] == "0.01667")
        #expect(PriceScreens.names.allSatisfy { d["screen." + $0] != nil })
        #expect(d.count == 5 + PriceScreens.names.count + 2)
        #expect(
            AuditedFinding.screensMessage(d).en
                == "bid price screens score -0.3376, at or above the threshold -1 (5 bids); chiefly coefficient of variation cv=0.04039 (+2.3846); past their thresholds: cv<0.05"
        )
        #expect(
            AuditedFinding.screensMessage(d).zh
                == "投标报价筛查得分 -0.3376，达到阈值 -1（5 个报价）；主要因素：变异系数 cv=0.04039（+2.3846）；越过阈值：cv<0.05")
    }

    @Test func `the finding keeps its id as bids arrive (anchored on the notice)`() throws {
        let evaluator = try PriceScreenEvaluator(rule: Self.rule(#"{"mode":"screens","thresholds":{"spd":{"below":0.2}}}"#))
        let before = try #require(try findings(evaluator, Self.events).first)
        let after = try #require(
            try findings(evaluator, Self.events + [Self.event(8, "bid.submitted", #"{"bidder":"org:F","amount":920}"#)]).first)
        #expect(before.id == after.id)
        #expect(after.details["bids"] == "6")
        #expect(before.details["score"] == nil)
        #expect(AuditedFinding.screensMessage(before.details).en == "bid price screens (5 bids); past their thresholds: spd<0.2")
    }

    @Test func `near misses stay silent`() throws {
        let evaluator = try PriceScreenEvaluator(
            rule: Self.rule(#"{"mode":"screens","thresholds":{"cv":{"below":0.04}},"model":\#(Self.model(threshold: 0))}"#))
        // CV 0.0404 is not below 0.04; the score −0.34 is below 0.
        #expect(try findings(evaluator, Self.events).isEmpty)
        // Three bids: not screened, whatever the prices.
        let strict = try PriceScreenEvaluator(rule: Self.rule(#"{"mode":"screens","thresholds":{"cv":{"below":1}}}"#))
        #expect(try findings(strict, Array(Self.events.prefix(4))).isEmpty)
        // A withdrawn bid does not compete: four left, still screened; a fifth withdrawn: not.
        let withdrawn = Self.events + [Self.event(9, "bid.withdrawn", #"{"bidder":"org:B"}"#)]
        #expect(try findings(strict, withdrawn).first?.details["bids"] == "4")
        #expect(try findings(strict, withdrawn + [Self.event(10, "bid.withdrawn", #"{"bidder":"org:A"}"#)]).isEmpty)
    }

    @Test func `bids that name no bidder each count`() throws {
        let evaluator = try PriceScreenEvaluator(rule: Self.rule(#"{"mode":"screens","thresholds":{"cv":{"below":1}}}"#))
        let nameless = (1...4).map { Self.event(Int64($0), "bid.submitted", #"{"amount":\#(100 + $0)}"#) }
        #expect(try findings(evaluator, nameless).first?.details["bids"] == "4")
    }

    @Test(arguments: [
        (#"{"mode":"screens"}"#, "params.model", "give a model (ironcage screens calibrate writes one), thresholds, or both"),
        (
            #"{"mode":"screens","min_bids":3,"thresholds":{"cv":{"below":1}}}"#, "params.min_bids",
            "expected a whole number from 4 to 100000"
        ),
        (
            #"{"mode":"screens","thresholds":{"cvv":{"below":1}}}"#, "params.thresholds.cvv",
            "not a screen (screens: " + PriceScreens.names.joined(separator: ", ") + ")"
        ),
        (#"{"mode":"screens","thresholds":{"cv":{"under":1}}}"#, "params.thresholds.cv.under", "unknown bound (use below or above)"),
        (#"{"mode":"screens","thresholds":{"cv":{"below":1}},"modle":{}}"#, "params.modle", "unknown parameter"),
        (#"{"mode":"screens","model":{"kind":"forest"}}"#, "params.model.kind", "expected logistic, boosted_stumps or blend"),
        (
            #"{"mode":"screens","model":{"kind":"logistic","features":["cv"],"means":[0],"scales":[0],"weights":[1],"intercept":0,"threshold":0}}"#,
            "params.model.scales[0]", "must be above 0"
        ),
        (
            #"{"mode":"screens","model":{"kind":"logistic","features":["cv"],"means":[0,1],"scales":[1],"weights":[1],"intercept":0,"threshold":0}}"#,
            "params.model.means", "needs one number per feature (1)"
        ),
        (
            #"{"mode":"screens","model":{"kind":"boosted_stumps","features":["cv"],"stumps":[{"feature":"ks","split":0,"at_or_below":0,"above":0,"missing":0}],"intercept":0,"threshold":0}}"#,
            "params.model.stumps[0].feature", "must name one of the model's features"
        ),
        (
            #"{"mode":"screens","model":{"kind":"logistic","features":["cv"],"means":[0],"scales":[1],"weights":[1],"intercept":0}}"#,
            "params.model.threshold", "required: the score from which a tender is flagged"
        ),
    ])
    func `bad parameters name the key`(params: String, key: String, message: String) throws {
        let rule = try Self.rule(params)
        #expect(throws: RuleError(file: "t.json", rule: "t.screens", key: key, message: message)) { try RuleSet.evaluator(for: rule) }
    }

    @Test func `a collusion rule needs a known mode`() throws {
        let rule = try Self.rule(#"{"mode":"guess"}"#)
        #expect(throws: RuleError(file: "t.json", rule: "t.screens", key: "params.mode", message: "expected deemed, flags, patterns or screens")) {
            try RuleSet.evaluator(for: rule)
        }
    }
}
