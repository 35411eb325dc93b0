import EventLog
import Foundation

/// `ironcage trail SUBJECT`: one subject's timeline.
enum TrailCommand: Command {
    static let spec = CommandSpec(
        path: ["trail"],
        abstract: "Show everything the log holds about one subject, in order.",
        discussion: "Each event with its seq, when it happened (local time), type, department, actor and data.",
        positionals: [PositionalSpec(name: "subject", help: "The subject, e.g. case:2026-0042 or app:ZW-0193.")],
        options: [
            .database,
            .format(["table", "json", "ndjson"], default: "table"),
            .value("tz", "zone", help: "Time zone for the table's times (default: Asia/Shanghai).\nAn IANA name such as Asia/Urumqi or UTC."),
        ]
    )

    static func run(_ arguments: ParsedArguments, in context: CommandContext) throws -> ExitStatus {
        let format = try arguments.choice("format", from: ["table", "json", "ndjson"], default: "table")
        let zoneName = arguments.value("tz") ?? "Asia/Shanghai"
        guard let zone = TimeZone(identifier: zoneName) else { throw UsageError("--tz: unknown time zone '\(zoneName)'") }
        let subject = arguments.positionals[0]
        let store = try EventStore(path: context.databasePath(arguments), create: false)
        let events = try store.events(subject: subject)
        switch format {
        case "json":
            context.stdout.writeLine("[" + events.map(jsonLine).joined(separator: ",") + "]")
        case "ndjson":
            for event in events { context.stdout.writeLine(jsonLine(event)) }
        default:
            guard !events.isEmpty else {
                context.stderr.writeLine("no events for subject \(subject)")
                return .success
            }
            var table = TextTable(headers: ["seq", "at (\(zoneName))", "type", "dept", "actor", "data"], rightAligned: [0])
            for event in events {
                let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(event.envelope.instant.millisecondsSinceEpoch) / 1000))
                table.add([
                    String(event.seq), event.envelope.instant.string(offsetSeconds: offset), event.envelope.type,
                    event.envelope.dept, event.envelope.actor ?? "—",
                    String(decoding: CanonicalJSON.bytes(of: event.data), as: UTF8.self),
                ])
            }
            context.stdout.write("\(subject): \(events.count) event\(events.count == 1 ? "" : "s")\n")
            context.stdout.write(table.render())
        }
        return .success
    }

    /// The stored body itself: the exact bytes the chain vouches for.
    private static func jsonLine(_ event: StoredEvent) -> String {
        String(decoding: event.envelope.storedBody(seq: event.seq, recorded: event.recorded), as: UTF8.self)
    }
}
