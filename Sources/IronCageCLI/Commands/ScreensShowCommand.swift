import Audit
import EventLog

/// `ironcage screens show SUBJECT`.
enum ScreensShowCommand: Command {
    static let spec = CommandSpec(
        path: ["screens", "show"],
        abstract: "Show a tender's competing bids, every screen, and with --rules its score.",
        discussion: """
            The competing bids are each bidder's last bid before the opening, withdrawn bids
            left out. The bid/estimate screens need the tender's estimate (or ceiling) from its
            tender.published event. With --rules, the pack's price-screen rule scores the
            tender and shows each screen's contribution to the score.
            """,
        positionals: [PositionalSpec(name: "subject", help: "The tender, e.g. tender:2026-GC-0117.")],
        options: [
            .database, AuditOptions.rules, ScreensCommand.ruleOption, AuditOptions.calendar,
            .value("min-bids", "n", help: "Without --rules: screen with at least n bids (default: 4)."),
            AuditOptions.language, .format(["text", "json"], default: "text"),
        ]
    )

    static func run(_ arguments: ParsedArguments, in context: CommandContext) throws -> ExitStatus {
        let format = try arguments.choice("format", from: ["text", "json"], default: "text")
        let language = try AuditOptions.language(arguments, context)
        let subject = arguments.positionals[0]
        let rule = arguments.value("rules") == nil ? nil : try ScreensCommand.screenRule(arguments, context)
        let minimumBids = try rule?.minimumBids ?? arguments.integer("min-bids", in: 4...100_000) ?? 4
        let store = try EventStore(path: context.databasePath(arguments), create: false)
        guard let tender = try ScreenCalibration.tender(subject, in: store) else {
            throw CommandFailure("no tender events for subject \(subject)", status: .dataError)
        }
        let bids = PriceScreenEvaluator.competingBids(tender)
        let reference = tender.notice?.estimate ?? tender.notice?.ceiling
        // A rule that reads the bidders' histories screens the tender against the whole market.
        var history: [Double?]?
        if rule?.readsHistory == true {
            history = PriceScreenEvaluator.histories(try ScreenCalibration.tenders(in: store).values, days: rule?.historyDays)[subject]
        }
        let assessment = rule?.assess(tender, history: history)
        let screens =
            assessment?.screens ?? PriceScreens(amounts: bids.compactMap(\.amount), reference: reference, minimumBids: minimumBids)
        let contributions = Dictionary(uniqueKeysWithValues: (assessment?.contributions ?? []).map { ($0.screen, $0.contribution) })
        if format == "json" {
            let bidItems = bids.map {
                #"{"seq":\#($0.seq),"bidder":\#(JSONText.string($0.bidder)),"amount":\#(ScreensCommand.json($0.amount))}"#
            }
            var members = [
                #""subject":\#(JSONText.string(subject))"#, #""bids":[\#(bidItems.joined(separator: ","))]"#,
                #""reference":\#(ScreensCommand.json(reference))"#,
            ]
            if let screens {
                let values = zip(PriceScreens.names, screens.values).map { #"\#(JSONText.string($0.0)):\#(ScreensCommand.json($0.1))"# }
                members.append(#""screens":{\#(values.joined(separator: ","))}"#)
            } else {
                members.append(#""screens":null"#)
            }
            if let assessment, let rule {
                let items = assessment.contributions.map { #"\#(JSONText.string($0.screen)):\#(ScreensCommand.json($0.contribution))"# }
                members += [
                    #""rule":\#(JSONText.string(rule.rule.id))"#, #""score":\#(ScreensCommand.json(assessment.score))"#,
                    #""threshold":\#(ScreensCommand.json(assessment.threshold))"#,
                    #""passed":[\#(assessment.passed.map { JSONText.string($0.description) }.joined(separator: ","))]"#,
                    #""contributions":{\#(items.joined(separator: ","))}"#, #""flagged":\#(assessment.flagged)"#,
                ]
            }
            context.stdout.writeLine("{" + members.joined(separator: ",") + "}")
            return .success
        }
        let amounts = bids.map { $0.amountText ?? "?" }.joined(separator: " ")
        context.stdout.writeLine(
            "\(subject): \(bids.count) competing bid\(bids.count == 1 ? "" : "s")"
                + (reference.map { ", estimate \(screenFigure($0))" } ?? ""))
        context.stdout.writeLine("bids: \(amounts)")
        guard let screens else {
            context.stdout.writeLine("fewer than \(minimumBids) bids with an amount: not screened")
            return .success
        }
        var table = TextTable(headers: ["screen", "", "value"] + (assessment == nil ? [] : ["contribution"]), rightAligned: [2, 3])
        for (name, value) in zip(PriceScreens.names, screens.values) {
            var row = [name, PriceScreens.label(of: name).text(language), value.map(screenFigure) ?? "n/a"]
            if assessment != nil { row.append(contributions[name].map { ($0 > 0 ? "+" : "") + screenFigure($0) } ?? "") }
            table.add(row)
        }
        context.stdout.write(table.render())
        if let assessment, let rule, let score = assessment.score, let threshold = assessment.threshold {
            let verdict = assessment.flagged ? "flagged" : "not flagged"
            context.stdout.writeLine("\(rule.rule.id): score \(screenFigure(score)), threshold \(screenFigure(threshold)): \(verdict)")
        }
        if let assessment, !assessment.passed.isEmpty {
            context.stdout.writeLine("past their thresholds: " + assessment.passed.map(\.description).joined(separator: "; "))
        }
        return .success
    }
}
