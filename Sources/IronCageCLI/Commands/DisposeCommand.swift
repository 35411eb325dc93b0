import Audit
import EventLog

/// `ironcage dispose FINDING`: record an inspector's decision as an event in the log.
enum DisposeCommand: Command {
    static let spec = CommandSpec(
        path: ["dispose"],
        abstract: "Record an inspector's decision on a finding (appended to the log as a finding.* event).",
        discussion: """
            Actions: explain (an explanation was received), dismiss (not a problem; a reason is
            required), escalate (sent up by hand), rectify (the problem was put right). A red
            finding stays active until rectified (整改不完成，预警不变色).
            """,
        positionals: [PositionalSpec(name: "finding", help: "The finding's id, as `ironcage audit` shows it (F-…).")],
        options: [
            .database, AuditOptions.rules, AuditOptions.calendar,
            .value("action", "explain|dismiss|escalate|rectify", help: "What was decided (required)."),
            .value("reason", "text", help: "Why (required to dismiss)."),
            .value("as", "inspector", help: "Who decides, e.g. inspector:0007 (required)."),
            .value("dept", "dept", help: "The department recording it (default: oversight)."),
            .format(["text", "json"], default: "text"),
        ]
    )

    static func run(_ arguments: ParsedArguments, in context: CommandContext) throws -> ExitStatus {
        let findingID = arguments.positionals[0]
        guard let actionText = arguments.value("action") else { throw UsageError("Missing expected option '--action <explain|dismiss|escalate|rectify>'") }
        guard let action = Disposition.Action(rawValue: actionText) else {
            throw UsageError("--action takes explain, dismiss, escalate or rectify, not '\(actionText)'")
        }
        guard let inspector = arguments.value("as"), !inspector.isEmpty else { throw UsageError("Missing expected option '--as <inspector>'") }
        let reason = arguments.value("reason") ?? ""
        if action == .dismiss && reason.isEmpty { throw UsageError("a dismissal needs --reason") }
        let format = try arguments.choice("format", from: ["text", "json"], default: "text")
        let rules = try AuditOptions.loadRules(arguments, context)
        let store = try EventStore(path: context.databasePath(arguments), create: false)
        let engine = try AuditEngine(log: store, rules: rules)
        try engine.catchUp()
        guard try engine.findingExists(findingID) else {
            throw CommandFailure("no finding \(findingID) in this log (run `ironcage audit` to list them)", status: .dataError)
        }
        let now = Instant.now()
        var data = #"{"finding":\#(JSONText.string(findingID))"#
        if !reason.isEmpty { data += #","reason":\#(JSONText.string(reason))"# }
        data += "}"
        let dept = arguments.value("dept") ?? "oversight"
        let line = #"{"id":\#(JSONText.string("DISP-\(findingID)-\(action.rawValue)-\(now.millisecondsSinceEpoch)"))"#
            + #","type":"\#(action.eventType)","at":"\#(now.utcString)","dept":\#(JSONText.string(dept)),"actor":\#(JSONText.string(inspector)),"subject":\#(JSONText.string("finding:\(findingID)")),"data":\#(data)}"#
        let envelope: Envelope
        switch Envelope.parse(line: line) {
        case .success(let parsed): envelope = parsed
        case .failure(let rejection): throw CommandFailure("cannot record the decision: \(rejection)", status: .dataError)
        }
        let outcome = try store.append([envelope])
        guard case .appended(let seq) = outcome.results.first else {
            throw CommandFailure("the decision was not recorded (a duplicate of an earlier one)", status: .dataError)
        }
        if format == "json" {
            context.stdout.writeLine(#"{"finding":\#(JSONText.string(findingID)),"action":"\#(action.rawValue)","seq":\#(seq),"head":"\#(outcome.head.hash.hex)"}"#)
        } else {
            context.stdout.writeLine("\(findingID): \(action.rawValue) by \(inspector) recorded at seq \(seq)")
        }
        return .success
    }
}
