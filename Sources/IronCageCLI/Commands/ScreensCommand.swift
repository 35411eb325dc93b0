import Audit
import EventLog

/// `ironcage screens`: calibrate, evaluate and show the price screens of tenders.
enum ScreensCommand: Command {
    static let spec = CommandSpec(
        path: ["screens"],
        abstract: "Price screens of tenders: calibrate a score on known cases, evaluate it, show a tender.",
        discussion: """
            The screens are statistics of a tender's bid prices that competition authorities use
            to flag bid rigging (coefficient of variation, spread, the gap between the two lowest
            bids, relative distance, kurtosis, skewness, the Kolmogorov-Smirnov distance to a
            uniform, and the same over subsets of the bids). A `collusion` rule in mode `screens`
            combines them into one explained score; `calibrate` fits it to tenders whose outcome
            is known and writes a pack that `ironcage audit --rules PACK` uses.
            """,
        subcommands: [ScreensCalibrateCommand.spec, ScreensEvaluateCommand.spec, ScreensShowCommand.spec]
    )
    static let subcommands: [any Command.Type] = [ScreensCalibrateCommand.self, ScreensEvaluateCommand.self, ScreensShowCommand.self]

    static func run(_ arguments: ParsedArguments, in context: CommandContext) throws -> ExitStatus { .usage }

    static let labelsOption = OptionSpec.value(
        "labels", "file", help: "Known outcomes: one SUBJECT<TAB>0|1 per line (1 collusive,\n0 competitive); # starts a comment line.")

    /// Reads `--labels`.
    ///
    /// - Throws: `UsageError` without it, `IOError` when unreadable, `CommandFailure`
    ///   (exit 65) naming the bad line.
    static func labels(_ arguments: ParsedArguments, _ context: CommandContext) throws -> ScreenLabels {
        guard let path = arguments.value("labels") else { throw UsageError("Missing expected option '--labels <file>'") }
        let bytes = try FileContents.read(context.resolve(path))
        do {
            return try ScreenLabels.parse(bytes, file: path)
        } catch {
            throw CommandFailure("labels: \(error)", status: .dataError)
        }
    }

    /// The labelled tenders of the log; with `market`, every tender of the log, for the
    /// bidders' histories (`hist.*`), which read the whole market as the audit does.
    static func tenders(
        _ labels: ScreenLabels, market: Bool, _ arguments: ParsedArguments, _ context: CommandContext
    ) throws -> [String: Tender] {
        let store = try EventStore(path: context.databasePath(arguments), create: false)
        return try ScreenCalibration.tenders(in: store, subjects: market ? nil : Set(labels.entries.map(\.subject)))
    }

    /// The price-screen rule of the loaded packs: the one named by `--rule`, else the only one.
    ///
    /// - Throws: `CommandFailure` (exit 65) when there is none or several and no `--rule`.
    /// A pack file is read on its own (screens need no calendar); a directory is loaded as
    /// `audit` loads it.
    static func screenRule(_ arguments: ParsedArguments, _ context: CommandContext) throws -> PriceScreenEvaluator {
        let path = arguments.value("rules") ?? "Rules"
        let candidates: [PriceScreenEvaluator]
        if path.hasSuffix(".json") {
            do {
                candidates = try PriceScreenEvaluator.rules(inPackFile: context.resolve(path))
            } catch let error as RuleError {
                throw CommandFailure("rules: \(error)", status: .dataError)
            }
        } else {
            let rules = try AuditOptions.loadRules(arguments, context)
            do {
                candidates = try rules.rules.filter { $0.kind == "collusion" && $0.params["mode"]?.stringValue == "screens" }
                    .map { try PriceScreenEvaluator(rule: $0) }
            } catch let error as RuleError {
                throw CommandFailure("rules: \(error)", status: .dataError)
            }
        }
        if let id = arguments.value("rule") {
            guard let rule = candidates.first(where: { $0.rule.id == id }) else {
                throw CommandFailure(
                    "no price-screen rule '\(id)' in \(path) (there: \(candidates.map(\.rule.id).joined(separator: ", ")))",
                    status: .dataError)
            }
            return rule
        }
        guard let rule = candidates.first else {
            throw CommandFailure(
                "no collusion rule in mode screens in \(path): calibrate one with `ironcage screens calibrate`", status: .dataError)
        }
        guard candidates.count == 1 else {
            throw CommandFailure(
                "several price-screen rules in \(path); choose one with --rule (\(candidates.map(\.rule.id).joined(separator: ", ")))",
                status: .dataError)
        }
        return rule
    }

    static let ruleOption = OptionSpec.value("rule", "id", help: "The price-screen rule to use when the packs hold several.")

    /// A number for JSON output: `null` when absent or not finite.
    static func json(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "null" }
        return value == 0 ? "0" : value.description
    }

    /// A ratio for people: three decimals, or `—` when undefined.
    static func figure(_ value: Double?) -> String {
        guard let value else { return "—" }
        return screenFigure((value * 1000).rounded() / 1000)
    }

    /// The confusion matrix and its figures as JSON members.
    static func jsonMembers(_ confusion: ScreenConfusion) -> String {
        #""confusion":{"true_positives":\#(confusion.truePositives),"false_positives":\#(confusion.falsePositives),"true_negatives":\#(confusion.trueNegatives),"false_negatives":\#(confusion.falseNegatives)},"precision":\#(json(confusion.precision)),"recall":\#(json(confusion.recall)),"specificity":\#(json(confusion.specificity)),"balanced_accuracy":\#(json(confusion.balancedAccuracy)),"accuracy":\#(json(confusion.accuracy))"#
    }

    /// The figures of a confusion matrix on one line.
    static func figuresLine(_ confusion: ScreenConfusion) -> String {
        "precision \(figure(confusion.precision))  recall \(figure(confusion.recall))  specificity \(figure(confusion.specificity))  balanced accuracy \(figure(confusion.balancedAccuracy))  accuracy \(figure(confusion.accuracy))"
    }
}
