import EventLog

/// `collusion`: a tender's bids, or the market's, show rigging traces.
///
/// One kind with several modes (`params.mode`), each its own evaluator:
/// - `screens`: the price screens of a tender's bids and a calibrated score
///   (`PriceScreenEvaluator`).
///
/// Per-tender modes key every tender event by the tender's subject and fold a `Tender`
/// when judging it.
enum CollusionRule {
    /// The evaluator for a `collusion` rule's mode.
    ///
    /// - Throws: `RuleError` naming `params.mode` when it is missing or unknown, or the
    ///   parameter at fault.
    static func evaluator(for rule: Rule) throws -> any RuleEvaluator {
        let mode = rule.params["mode"]?.stringValue
        switch mode {
        case "screens": return try PriceScreenEvaluator(rule: rule)
        default:
            throw RuleError(file: rule.file, rule: rule.id, key: "params.mode", message: "expected screens")
        }
    }
}
