import Audit
import EventLog

/// `ironcage screens calibrate --labels FILE --out PACK`.
enum ScreensCalibrateCommand: Command {
    static let spec = CommandSpec(
        path: ["screens", "calibrate"],
        abstract: "Fit a tender score to labelled tenders in the log and write it as a rule pack.",
        discussion: """
            Reads the labelled tenders from the log (their bid.submitted events and, for the
            bid/estimate screens, tender.published), computes their screens, and fits a score:
            logistic regression with an L2 penalty on screens chosen by forward selection (or
            those of --features), or gradient-boosted decision stumps; `auto` averages the
            stumps with the better (in cross-validation) of that logistic regression and the
            plain one on the literature's seven screens. Both are sums of one contribution per screen, which the audit's
            findings list. The screens include the bidders' histories in the log's earlier
            tenders (hist.*: how often they met, how they shared the wins), computed from every
            tender of the log without labels; a pack that reads them judges the whole market at
            once. --no-history leaves them out. The threshold maximises the cross-validated balanced accuracy.
            Classes are weighted to count equally. Folds are fixed by a hash of the subject, so
            the same log and labels give the same pack. The pack holds one `collusion` rule in
            mode `screens`: `ironcage audit --rules PACK` uses it, `screens evaluate` measures it.
            Exit status: 0; 65 for a bad label file or labels that cannot be fitted.
            """,
        options: [
            .database, ScreensCommand.labelsOption,
            .value("out", "file", help: "The pack to write (replaced)."),
            .value("min-bids", "n", help: "Screen tenders with at least n competing bids (default: 4)."),
            .value("model", "auto|logistic|boosted", help: "The model (default: auto)."),
            .value(
                "features", "list",
                help:
                    "Comma-separated screens the model reads (default: the logistic\nselects among all, the stumps read all; see `ironcage screens show`)."
            ),
            .flag("no-history", help: "Price screens only: leave out the bidders' histories (hist.*)."),
            .value("history-days", "n", help: "Histories count the tenders of the n days before each one\n(default: every earlier tender)."),
            .value("l2", "x", help: "The logistic regression's L2 penalty (default: 1)."),
            .value("rounds", "n", help: "Boosting rounds (default: 100)."),
            .value("folds", "k", help: "Cross-validation folds (default: 5)."),
            .value("pack", "name", help: "The pack's name (default: screens); its rule is <name>.price_screens."),
            .format(["text", "json"], default: "text"),
        ]
    )

    static func run(_ arguments: ParsedArguments, in context: CommandContext) throws -> ExitStatus {
        let format = try arguments.choice("format", from: ["text", "json"], default: "text")
        guard let out = arguments.value("out") else { throw UsageError("Missing expected option '--out <file>'") }
        var options = ScreenCalibration.Options()
        let modelText = try arguments.choice("model", from: ScreenCalibration.ModelChoice.allCases.map(\.rawValue), default: "auto")
        options.model = ScreenCalibration.ModelChoice(rawValue: modelText) ?? .auto
        if let list = arguments.value("features") {
            options.features = list.split(separator: ",").map { String($0).trimmingSpaces() }
            options.selectsFeatures = false
            if let unknown = options.features.first(where: { PriceScreens.position(of: $0) == nil }) {
                throw UsageError("--features: '\(unknown)' is not a screen (screens: \(PriceScreens.names.joined(separator: ", ")))")
            }
            guard !options.features.isEmpty, Set(options.features).count == options.features.count else {
                throw UsageError("--features takes distinct screen names separated by commas")
            }
        }
        if arguments.flag("no-history") {
            guard arguments.value("features") == nil else { throw UsageError("--no-history and --features: give one of them") }
            options.features = PriceScreens.priceNames
        }
        if let text = arguments.value("l2") {
            guard let l2 = Double(text), l2.isFinite, l2 > 0 else { throw UsageError("--l2 takes a number above 0, not '\(text)'") }
            options.l2 = l2
        }
        options.rounds = try arguments.integer("rounds", in: 1...10_000) ?? options.rounds
        options.folds = try arguments.integer("folds", in: 2...100) ?? options.folds
        let minimumBids = try arguments.integer("min-bids", in: 4...100_000) ?? 4
        let historyDays = try arguments.integer("history-days", in: 1...36_500)
        let packName = arguments.value("pack") ?? "screens"
        guard !packName.isEmpty, !packName.contains("/") else { throw UsageError("--pack takes a name such as 'screens'") }

        let labels = try ScreensCommand.labels(arguments, context)
        let tenders = try ScreensCommand.tenders(labels, market: options.features.contains(where: PriceScreens.isHistory), arguments, context)
        let (samples, absent, unscreened) = ScreenCalibration.samples(
            labels: labels, tenders: tenders, minimumBids: minimumBids, historyDays: historyDays)
        let outcome: ScreenCalibration.Outcome
        do {
            outcome = try ScreenCalibration.calibrate(samples, options: options)
        } catch let error as ScreenCalibrationError {
            throw CommandFailure("calibrate: \(error)", status: .dataError)
        }
        let model = outcome.model
        let about =
            "Calibrated by `ironcage screens calibrate` on \(outcome.samples) labelled tenders (\(outcome.positives) collusive) with at least \(minimumBids) bids; \(outcome.candidate), threshold chosen by \(options.folds)-fold cross-validation (balanced accuracy \(ScreensCommand.figure(outcome.crossValidated.last?.balancedAccuracy)))."
        let text = ScreenCalibration.pack(
            name: packName, model: model, minimumBids: minimumBids, about: about, historyDays: historyDays)
        try FileContents.writeAtomically(Array(text.utf8), to: context.resolve(out))

        // Each feature's contributions over the samples: what the model makes of it.
        let contributions = samples.map { model.contributions(model.inputs($0.screens)) }
        let ranges = model.features.indices.map { j in
            (contributions.map { $0[j] }.min() ?? 0, contributions.map { $0[j] }.max() ?? 0)
        }
        let ruleID = packName + ".price_screens"
        if format == "json" {
            let cross = outcome.crossValidated.map { #""\#($0.candidate)":\#(ScreensCommand.json($0.balancedAccuracy))"# }
            let features = model.features.indices.map { j in
                var members = [#""name":\#(JSONText.string(model.features[j]))"#]
                if model.kind != .boostedStumps {
                    members += [
                        #""mean":\#(ScreensCommand.json(model.means[j]))"#, #""scale":\#(ScreensCommand.json(model.scales[j]))"#,
                        #""weight":\#(ScreensCommand.json(model.weights[j]))"#,
                    ]
                }
                if model.kind != .logistic {
                    members.append(#""stumps":\#(model.stumps.count { $0.feature == j })"#)
                }
                members += [
                    #""min_contribution":\#(ScreensCommand.json(ranges[j].0))"#,
                    #""max_contribution":\#(ScreensCommand.json(ranges[j].1))"#,
                ]
                return "{" + members.joined(separator: ",") + "}"
            }
            context.stdout.writeLine(
                #"{"labelled":\#(labels.entries.count),"absent":\#(absent.count),"unscreened":\#(unscreened.count),"tenders":\#(outcome.samples),"positives":\#(outcome.positives),"model":"\#(model.kind.rawValue)","candidate":\#(JSONText.string(outcome.candidate)),"cross_validated":{\#(cross.joined(separator: ","))},"threshold":\#(ScreensCommand.json(model.threshold)),"intercept":\#(ScreensCommand.json(model.intercept)),"training":{\#(ScreensCommand.jsonMembers(outcome.training))},"features":[\#(features.joined(separator: ","))],"out":\#(JSONText.string(out)),"rule":\#(JSONText.string(ruleID))}"#
            )
            return .success
        }
        context.stdout.writeLine(
            "calibrated on \(outcome.samples) tenders (\(outcome.positives) collusive) of \(labels.entries.count) labelled: \(absent.count) not in the log, \(unscreened.count) with fewer than \(minimumBids) bids"
        )
        let cross = outcome.crossValidated.map { "\($0.candidate) \(ScreensCommand.figure($0.balancedAccuracy))" }.joined(
            separator: ", ")
        context.stdout.writeLine("cross-validated balanced accuracy (\(options.folds) folds): \(cross) → \(outcome.candidate)")
        let flagged = outcome.training.truePositives + outcome.training.falsePositives
        context.stdout.writeLine(
            "threshold \(screenFigure(model.threshold)) (intercept \(screenFigure(model.intercept))); on these tenders: \(flagged) flagged, \(ScreensCommand.figuresLine(outcome.training))"
        )
        var table: TextTable
        if model.kind == .logistic {
            table = TextTable(headers: ["screen", "mean", "scale", "weight", "contributions"], rightAligned: [1, 2, 3])
            for j in model.features.indices {
                table.add([
                    model.features[j], screenFigure(model.means[j]), screenFigure(model.scales[j]), screenFigure(model.weights[j]),
                    "\(screenFigure(ranges[j].0)) … \(screenFigure(ranges[j].1))",
                ])
            }
        } else if model.kind == .blend {
            table = TextTable(headers: ["screen", "mean", "scale", "weight", "stumps", "contributions"], rightAligned: [1, 2, 3, 4])
            for j in model.features.indices {
                table.add([
                    model.features[j], screenFigure(model.means[j]), screenFigure(model.scales[j]), screenFigure(model.weights[j]),
                    String(model.stumps.count { $0.feature == j }), "\(screenFigure(ranges[j].0)) … \(screenFigure(ranges[j].1))",
                ])
            }
        } else {
            table = TextTable(headers: ["screen", "stumps", "contributions"], rightAligned: [1])
            for j in model.features.indices {
                table.add([
                    model.features[j], String(model.stumps.count { $0.feature == j }),
                    "\(screenFigure(ranges[j].0)) … \(screenFigure(ranges[j].1))",
                ])
            }
        }
        context.stdout.write(table.render())
        context.stdout.writeLine("wrote \(out): rule \(ruleID)")
        return .success
    }
}

extension String {
    /// The string without leading and trailing spaces.
    fileprivate func trimmingSpaces() -> String {
        var text = Substring(self)
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return String(text)
    }
}
