import EventLog

/// `collusion`: a tender's bids, or the market's, show rigging traces.
///
/// One kind with several modes (`params.mode`), each its own evaluator:
/// - `deemed`: what 《招标投标法实施条例》 art. 40 deems collusion among bidders (shared
///   preparers, machines, agents, managers, deposit accounts; identical or regularly
///   spaced prices) and the art. 41 traces of collusion with the buyer, per tender
///   (`DeemedCollusionEvaluator`);
/// - `flags`: Open Contracting's Cardinal red flags, per tender (`RedFlagEvaluator`);
/// - `patterns`: perpetual losers, bid rotation and co-bidding rings across the tenders
///   of a market (`BiddingPatternEvaluator`);
/// - `screens`: the price screens of a tender's bids and a calibrated score
///   (`PriceScreenEvaluator`).
///
/// Per-tender modes key every tender event by the tender's subject and fold a `Tender`
/// when judging it; `patterns` keys a market's bids and awards under one key per scope.
enum CollusionRule {
    /// The evaluator for a `collusion` rule's mode.
    ///
    /// - Throws: `RuleError` naming `params.mode` when it is missing or unknown, or the
    ///   parameter at fault.
    static func evaluator(for rule: Rule) throws -> any RuleEvaluator {
        let mode = rule.params["mode"]?.stringValue
        switch mode {
        case "deemed": return try DeemedCollusionEvaluator(rule: rule)
        case "flags": return try RedFlagEvaluator(rule: rule)
        case "patterns": return try BiddingPatternEvaluator(rule: rule)
        case "screens": return try PriceScreenEvaluator(rule: rule)
        default:
            throw RuleError(file: rule.file, rule: rule.id, key: "params.mode", message: "expected deemed, flags, patterns or screens")
        }
    }
}
