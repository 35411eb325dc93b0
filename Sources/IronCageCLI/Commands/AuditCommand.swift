import Audit
import EventLog

/// `ironcage audit`: judge the log against the rule packs as of an instant.
enum AuditCommand: Command {
    static let spec = CommandSpec(
        path: ["audit"],
        abstract: "Judge the log against the rule packs and list the findings.",
        discussion: """
            Evaluates as of --as-of (default now) over the events that happened up to then, so
            the same log and instant always give the same findings. Projections are kept in
            <db>.audit and caught up from where they stopped: an audit after new events reads
            only the new events. Each finding shows its card (yellow near a limit, red past it),
            its state (open, explained, escalated, dismissed, rectified), who it has climbed to
            on the escalation ladder, and the seqs of the events that prove it.
            Exit status: 0 whether or not anything was found; 65 for bad rule packs.
            """,
        options: [
            .database, AuditOptions.rules, AuditOptions.calendar, AuditOptions.asOf,
            .value("pack", "name", help: "Only this pack's findings."),
            .value("dept", "dept", help: "Only this department's findings."),
            .value("level", "red|yellow", help: "Only findings showing this card."),
            .flag("all", help: "Also list findings no longer active (rectified; yellow ones explained or dismissed)."),
            AuditOptions.language,
            .format(["table", "json", "ndjson"], default: "table"),
        ]
    )

    static func run(_ arguments: ParsedArguments, in context: CommandContext) throws -> ExitStatus {
        let format = try arguments.choice("format", from: ["table", "json", "ndjson"], default: "table")
        let language = try AuditOptions.language(arguments, context)
        let rules = try AuditOptions.loadRules(arguments, context)
        let asOf = try AuditOptions.asOf(arguments, calendar: rules.calendar)
        if let pack = arguments.value("pack"), rules.rules(inPack: pack).isEmpty {
            throw UsageError("--pack: no pack named '\(pack)' (loaded: \(Set(rules.rules.map(\.pack)).sorted().joined(separator: ", ")))")
        }
        let level = try arguments.value("level").map { text -> FindingLevel in
            guard let level = FindingLevel(rawValue: text) else { throw UsageError("--level takes red or yellow, not '\(text)'") }
            return level
        }
        let store = try EventStore(path: context.databasePath(arguments), create: false)
        let engine = try AuditEngine(log: store, rules: rules)
        let progress = ProgressLine(sink: context.stderr, label: "audit")
        let listing = try engine.listing(asOf: asOf) { done, total in progress.update("\(grouped(done)) / \(grouped(total)) events") }
        progress.finish()
        for problem in listing.problems {
            context.stderr.writeLine("warning: \(problem.keys) key\(problem.keys == 1 ? "" : "s") not judged: \(problem.message)")
        }
        let filter = FindingFilter(
            rules: arguments.value("pack").map { Set(rules.rules(inPack: $0).map(\.id)) }, dept: arguments.value("dept"), level: level,
            includeInactive: arguments.flag("all"))
        let calendar = rules.calendar
        // Findings are streamed from the projections as they are written, not gathered first.
        switch format {
        case "json":
            let count = try listing.count(filter).findings
            context.stdout.write(
                #"{"as_of":"\#(asOf.string(offsetSeconds: calendar.utcOffsetSeconds))","mode":"\#(listing.mode.rawValue)","events_read":\#(listing.eventsRead),"count":\#(count),"findings":["#)
            var separator = ""
            try listing.forEach(filter) { item in
                context.stdout.write(separator + json(item, language: language, calendar: calendar))
                separator = ","
            }
            context.stdout.writeLine("]}")
        case "ndjson":
            try listing.forEach(filter) { context.stdout.writeLine(json($0, language: language, calendar: calendar)) }
        default:
            // A table sizes its columns to every row: these are gathered.
            var findings: [AuditedFinding] = []
            try listing.forEach(filter) { findings.append($0) }
            context.stdout.write(table(findings, asOf: asOf, language: language, calendar: calendar))
        }
        return .success
    }

    static func table(_ findings: [AuditedFinding], asOf: Instant, language: Language, calendar: WorkCalendar) -> String {
        let zh = language == .zh
        let red = findings.count { $0.level == .red }
        var out = zh
            ? "截至 \(asOf.string(offsetSeconds: calendar.utcOffsetSeconds))：\(findings.count) 条发现，红牌 \(red)，黄牌 \(findings.count - red)\n"
            : "as of \(asOf.string(offsetSeconds: calendar.utcOffsetSeconds)): \(findings.count) finding\(findings.count == 1 ? "" : "s"), \(red) red, \(findings.count - red) yellow\n"
        guard !findings.isEmpty else { return out }
        var table = TextTable(headers: zh
            ? ["编号", "牌", "规则", "对象", "部门", "经办人", "状态", "证据 seq", "说明"]
            : ["id", "card", "rule", "subject", "dept", "actor", "state", "evidence", "what"])
        for item in findings {
            var state = item.state.status.label.text(language)
            if let to = item.state.escalatedTo { state += zh ? "→\(to.zh)" : " → \(to.en)" }
            let evidence = item.finding.evidence.prefix(6).map(String.init).joined(separator: ",") + (item.finding.evidence.count > 6 ? ",…" : "")
            table.add([
                item.finding.id, item.level.label.text(language), item.rule.name.text(language), item.finding.subject, item.finding.dept,
                item.finding.actor ?? "—", state, evidence, item.message(language, calendar: calendar),
            ])
        }
        out += table.render()
        return out
    }

    static func json(_ item: AuditedFinding, language: Language, calendar: WorkCalendar) -> String {
        let finding = item.finding
        func local(_ instant: Instant) -> String { JSONText.string(instant.string(offsetSeconds: calendar.utcOffsetSeconds)) }
        var fields = [
            #""id":\#(JSONText.string(finding.id))"#, #""rule":\#(JSONText.string(finding.rule))"#,
            #""pack":\#(JSONText.string(item.rule.pack))"#,
            #""rule_name":{"zh":\#(JSONText.string(item.rule.name.zh)),"en":\#(JSONText.string(item.rule.name.en))}"#,
            #""basis":{"zh":\#(JSONText.string(item.rule.basis.zh)),"en":\#(JSONText.string(item.rule.basis.en))}"#,
            #""severity":"\#(finding.severity.rawValue)""#, #""level":"\#(item.level.rawValue)""#, #""code":"\#(finding.code)""#,
            #""message":\#(JSONText.string(item.message(language, calendar: calendar)))"#,
            #""subject":\#(JSONText.string(finding.subject))"#, #""dept":\#(JSONText.string(finding.dept))"#,
            #""actor":\#(finding.actor.map(JSONText.string) ?? "null")"#, #""began":\#(local(finding.began))"#,
            #""due":\#(finding.due.map(local) ?? "null")"#, #""evidence":[\#(finding.evidence.map(String.init).joined(separator: ","))]"#,
        ]
        var state = [#""status":"\#(item.state.status.rawValue)""#, #""active":\#(item.state.active)"#]
        if let to = item.state.escalatedTo { state.append(#""escalated_to":{"zh":\#(JSONText.string(to.zh)),"en":\#(JSONText.string(to.en))}"#) }
        if let last = item.state.last {
            state.append(#""last":{"action":"\#(last.action.rawValue)","by":\#(JSONText.string(last.by)),"at":\#(local(last.at)),"reason":\#(JSONText.string(last.reason)),"seq":\#(last.seq)}"#)
        }
        fields.append(#""state":{\#(state.joined(separator: ","))}"#)
        return "{" + fields.joined(separator: ",") + "}"
    }
}
