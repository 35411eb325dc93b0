import EventLog

/// `ironcage verify`: recompute the hash chain and name the first broken `seq`.
enum VerifyCommand: Command {
    static let spec = CommandSpec(
        path: ["verify"],
        abstract: "Recompute the log's hash chain and report the first place it breaks.",
        discussion: """
            Checks every event against the chain head stored with it, that seqs run 1, 2, 3 …
            without gaps, and that the recorded head matches. With --checkpoint it also proves
            the log is an append-only extension of that checkpoint, which catches truncation
            and a tail rewritten with a recomputed chain.
            Exit status: 0 when intact, 1 when anything is wrong.
            """,
        options: [
            .database,
            .value("checkpoint", "file", help: "A checkpoint written earlier by `ironcage checkpoint`."),
            .value("key", "file", help: "The checkpoint's HMAC key file; its signature is checked."),
            .format(["text", "json"], default: "text"),
        ]
    )

    static func run(_ arguments: ParsedArguments, in context: CommandContext) throws -> ExitStatus {
        let format = try arguments.choice("format", from: ["text", "json"], default: "text")
        let store = try EventStore(path: context.databasePath(arguments), create: false)
        let checkpoint = try arguments.value("checkpoint").map { try Checkpoint.read(from: context.resolve($0)) }
        let key = try arguments.value("key").map { try KeyFile.read(context.resolve($0)) }
        if key != nil && checkpoint == nil { throw UsageError("--key goes with --checkpoint") }
        let progress = ProgressLine(sink: context.stderr, label: "verify")
        let report = try LogVerifier(store: store).verify(against: checkpoint, key: key) { done, total in
            progress.update("\(grouped(done)) / \(grouped(total)) events")
        }
        progress.finish()
        if format == "json" {
            context.stdout.writeLine(json(report))
        } else {
            context.stdout.write(text(report))
        }
        return report.isIntact ? .success : .failure
    }

    static func text(_ report: VerificationReport) -> String {
        var out = ""
        if report.isIntact {
            out += "intact: \(grouped(report.eventsChecked)) events, head \(report.head.hex)\n"
        } else if let first = report.firstProblem {
            out += "BROKEN at seq \(first.seq): \(first.kind.rawValue): \(first.detail)\n"
            for problem in report.problems.dropFirst() { out += "  \(problem)\n" }
            if report.truncated { out += "  … more problems not listed\n" }
        }
        out += "log \(report.logID): \(grouped(report.recordedSize)) events recorded\n"
        if let checkpoint = report.checkpoint {
            let signed = checkpoint.signature == nil ? "unsigned" : (report.signatureChecked ? "signature valid" : "signature not checked (no --key)")
            let verdict = report.problems.contains { $0.kind == .checkpoint } ? "NOT extended" : "extended append-only"
            out += "checkpoint at size \(grouped(checkpoint.size)) (\(checkpoint.time.utcString), \(signed)): \(verdict)\n"
        }
        return out
    }

    static func json(_ report: VerificationReport) -> String {
        let problems = report.problems.map { problem in
            #"{"seq":\#(problem.seq),"kind":"\#(problem.kind.rawValue)","detail":\#(JSONText.string(problem.detail))}"#
        }
        var fields = [
            #""intact":\#(report.isIntact)"#, #""log_id":\#(JSONText.string(report.logID))"#,
            #""size":\#(report.recordedSize)"#, #""events_checked":\#(report.eventsChecked)"#,
            #""head":"\#(report.head.hex)""#, #""problems":[\#(problems.joined(separator: ","))]"#,
            #""problems_truncated":\#(report.truncated)"#,
        ]
        if let first = report.firstProblem { fields.append(#""first_bad_seq":\#(first.seq)"#) }
        if let checkpoint = report.checkpoint {
            fields.append(#""checkpoint":{"size":\#(checkpoint.size),"head":"\#(checkpoint.head.hex)","signature_checked":\#(report.signatureChecked)}"#)
        }
        return "{" + fields.joined(separator: ",") + "}"
    }
}
