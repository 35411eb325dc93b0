import Audit
import EventLog

/// `ironcage screens evaluate --labels FILE --rules PACK`.
enum ScreensEvaluateCommand: Command {
    static let spec = CommandSpec(
        path: ["screens", "evaluate"],
        abstract: "Measure a price-screen rule on labelled tenders in the log.",
        discussion: """
            Judges every labelled tender of the log with the pack's `collusion` rule in mode
            `screens`, exactly as the audit would (flagged: the score reached the threshold or a
            screen passed its own), and compares with the labels: the confusion matrix,
            precision, recall, specificity, balanced accuracy and accuracy. Tenders with fewer
            bids than the rule's min_bids cannot be screened; they are counted apart. Measure a
            pack on tenders it was not calibrated on.
            Exit status: 0; 65 for a bad label file or a pack without a price-screen rule.
            """,
        options: [
            .database, ScreensCommand.labelsOption, AuditOptions.rules, ScreensCommand.ruleOption, AuditOptions.calendar,
            .format(["text", "json"], default: "text"),
        ]
    )

    static func run(_ arguments: ParsedArguments, in context: CommandContext) throws -> ExitStatus {
        let format = try arguments.choice("format", from: ["text", "json"], default: "text")
        let rule = try ScreensCommand.screenRule(arguments, context)
        let labels = try ScreensCommand.labels(arguments, context)
        let tenders = try ScreensCommand.tenders(labels, market: rule.readsHistory, arguments, context)
        let evaluation = ScreenEvaluation(rule: rule, labels: labels, tenders: tenders)
        let confusion = evaluation.confusion
        if format == "json" {
            context.stdout.writeLine(
                #"{"rule":\#(JSONText.string(rule.rule.id)),"labelled":\#(labels.entries.count),"screened":\#(confusion.total),"absent":\#(evaluation.absent),"unscreened":{"collusive":\#(evaluation.unscreenedCollusive),"competitive":\#(evaluation.unscreenedCompetitive)},\#(ScreensCommand.jsonMembers(confusion))}"#
            )
            return .success
        }
        let unscreened = evaluation.unscreenedCollusive + evaluation.unscreenedCompetitive
        context.stdout.writeLine(
            "\(rule.rule.id) on \(labels.entries.count) labelled tenders: \(confusion.total) screened, \(unscreened) with fewer than \(rule.minimumBids) bids (\(evaluation.unscreenedCollusive) collusive), \(evaluation.absent) not in the log"
        )
        var table = TextTable(headers: ["", "flagged", "not flagged"], rightAligned: [1, 2])
        table.add(["collusive", String(confusion.truePositives), String(confusion.falseNegatives)])
        table.add(["competitive", String(confusion.falsePositives), String(confusion.trueNegatives)])
        context.stdout.write(table.render())
        context.stdout.writeLine(ScreensCommand.figuresLine(confusion))
        return .success
    }
}
