import EventLog

/// `ironcage stats`: what the log holds.
enum StatsCommand: Command {
    static let spec = CommandSpec(
        path: ["stats"],
        abstract: "Count the log's events by department and type, with time span and size on disk.",
        options: [.database, .format(["table", "json"], default: "table")]
    )

    struct Totals {
        var events = 0
        var byDept: [String: Int] = [:]
        var byType: [String: Int] = [:]
        var firstAt: Instant?
        var lastAt: Instant?
        var firstRecorded: Instant?
        var lastRecorded: Instant?
    }

    static func run(_ arguments: ParsedArguments, in context: CommandContext) throws -> ExitStatus {
        let format = try arguments.choice("format", from: ["table", "json"], default: "table")
        let store = try EventStore(path: context.databasePath(arguments), create: false)
        let head = try store.head()
        let progress = ProgressLine(sink: context.stderr, label: "stats")
        var totals = Totals()
        try store.forEachBody { seq, body in
            let event = try StoredEvent(body: body)
            totals.events += 1
            totals.byDept[event.envelope.dept, default: 0] += 1
            totals.byType[event.envelope.type, default: 0] += 1
            totals.firstAt = min(totals.firstAt ?? event.envelope.instant, event.envelope.instant)
            totals.lastAt = max(totals.lastAt ?? event.envelope.instant, event.envelope.instant)
            totals.firstRecorded = totals.firstRecorded ?? event.recorded
            totals.lastRecorded = event.recorded
            progress.update("\(grouped(seq)) / \(grouped(head.size))")
            return true
        }
        progress.finish()
        let bytes = store.sizeOnDisk()
        if format == "json" {
            context.stdout.writeLine(json(totals, head: head, logID: store.logID, bytes: bytes))
            return .success
        }
        var out = "log \(store.logID): \(grouped(totals.events)) events, \(grouped(bytes)) bytes on disk, head \(head.hash.hex.prefix(16))…\n"
        if let first = totals.firstAt, let last = totals.lastAt {
            out += "happened: \(first.utcString) … \(last.utcString)\n"
        }
        if let first = totals.firstRecorded, let last = totals.lastRecorded {
            out += "recorded: \(first.utcString) … \(last.utcString)\n"
        }
        out += "\n" + countTable("dept", totals.byDept) + "\n" + countTable("type", totals.byType)
        context.stdout.write(out)
        return .success
    }

    /// Rows sorted by count, largest first, then by name.
    private static func sortedCounts(_ counts: [String: Int]) -> [(String, Int)] {
        counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    private static func countTable(_ title: String, _ counts: [String: Int]) -> String {
        var table = TextTable(headers: [title, "events"], rightAligned: [1])
        for (name, count) in sortedCounts(counts) { table.add([name, grouped(count)]) }
        return table.render()
    }

    private static func json(_ totals: Totals, head: ChainHead, logID: String, bytes: Int64) -> String {
        func object(_ counts: [String: Int]) -> String {
            "{" + counts.sorted { $0.key < $1.key }.map { "\(JSONText.string($0.key)):\($0.value)" }.joined(separator: ",") + "}"
        }
        var fields = [
            #""log_id":\#(JSONText.string(logID))"#, #""events":\#(totals.events)"#, #""size":\#(head.size)"#,
            #""head":"\#(head.hash.hex)""#, #""bytes_on_disk":\#(bytes)"#,
            #""by_dept":\#(object(totals.byDept))"#, #""by_type":\#(object(totals.byType))"#,
        ]
        if let first = totals.firstAt, let last = totals.lastAt {
            fields.append(#""happened":{"first":"\#(first.utcString)","last":"\#(last.utcString)"}"#)
        }
        if let first = totals.firstRecorded, let last = totals.lastRecorded {
            fields.append(#""recorded":{"first":"\#(first.utcString)","last":"\#(last.utcString)"}"#)
        }
        return "{" + fields.joined(separator: ",") + "}"
    }
}
