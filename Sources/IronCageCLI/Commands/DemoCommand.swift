import Audit
import EventLog
import Foundation

/// `ironcage demo`: the whole job on the bundled samples, in a scratch directory.
enum DemoCommand: Command {
    static let spec = CommandSpec(
        path: ["demo"],
        abstract: "Build a fresh log from the bundled samples, verify it, show a trail and stats, audit it, and write a report.",
        discussion: """
            Ingests Samples/*.ndjson (the department streams and the procurement collusion
            cases, then malformed.ndjson to show how bad lines are reported), verifies the
            chain, writes a checkpoint, shows one
            subject's trail and the log's statistics, audits it, and writes the monthly report
            (Markdown, HTML, CSV, JSON) to <dir>/reports. Nothing outside the scratch directory
            is touched.
            """,
        options: [
            .value("samples", "dir", help: "Where the sample streams are (default: ./Samples)."),
            .value("dir", "dir", help: "Scratch directory (default: a new one under $TMPDIR or /tmp)."),
            .value("subject", "subject", help: "Whose trail to show (default: case:2026-0083)."),
            .value("rules", "path", help: "Rule packs for the audit (default: ./Rules)."),
            .value("lang", "zh|en", help: "Language of the audit and the report (default: from LANG)."),
            .value("period", "period", help: "The report's period (default: 2026-10, the samples' busiest month)."),
        ]
    )

    static func run(_ arguments: ParsedArguments, in context: CommandContext) throws -> ExitStatus {
        let samples = context.resolve(arguments.value("samples") ?? "Samples")
        let files = try sampleStreams(in: samples)
        let scratch = try arguments.value("dir").map(context.resolve) ?? makeScratchDirectory(context)
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        let database = scratch + "/ironcage.db"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }
        let out = context.stdout
        // The sample streams are checked against the vocabulary documented beside the packs.
        let rulesDirectory = context.resolve(arguments.value("rules") ?? "Rules")
        var isDirectory: ObjCBool = false
        let schemas = FileManager.default.fileExists(atPath: rulesDirectory + "/schemas", isDirectory: &isDirectory) && isDirectory.boolValue
            ? ["--schemas", rulesDirectory + "/schemas"] : []

        out.writeLine("== IronCage demo: scratch directory \(scratch)\n")
        out.writeLine("== 1. Departments pipe their streams into the log (ingest)")
        for file in files where !file.hasSuffix("/malformed.ndjson") {
            out.writeLine("$ ironcage ingest \(relative(file, to: context)) --backfill \"sample stream\"")
            guard try step(["ingest", file, "--db", database, "--backfill", "demo: sample stream loaded after the fact", "--as", "user:demo"] + schemas, context) == .success else {
                throw CommandFailure("sample stream \(file) was not accepted whole", status: .dataError)
            }
        }
        let malformed = samples + "/malformed.ndjson"
        if FileManager.default.fileExists(atPath: malformed) {
            out.writeLine("\n== 2. Bad input never stops good input: each bad line is named, with its reason")
            out.writeLine("$ ironcage ingest \(relative(malformed, to: context)) --rejects \(scratch)/rejects.ndjson")
            _ = try step(["ingest", malformed, "--db", database, "--rejects", scratch + "/rejects.ndjson"] + schemas, context)
            out.writeLine("(exit status 65: some lines were refused; the good ones are stored)")
        }
        out.writeLine("\n== 3. Anyone can check that nothing was altered (verify)")
        out.writeLine("$ ironcage verify")
        guard try step(["verify", "--db", database], context) == .success else {
            throw CommandFailure("the demo log failed verification", status: .failure)
        }
        out.writeLine("$ ironcage checkpoint --out \(scratch)/checkpoint.json")
        _ = try step(["checkpoint", "--db", database, "--out", scratch + "/checkpoint.json"], context)

        let subject = arguments.value("subject") ?? "case:2026-0083"
        out.writeLine("\n== 4. An inspector traces one subject (trail)")
        out.writeLine("$ ironcage trail \(subject)")
        _ = try step(["trail", subject, "--db", database], context)

        out.writeLine("\n== 5. What the log holds (stats)")
        out.writeLine("$ ironcage stats")
        _ = try step(["stats", "--db", database], context)

        let rules = rulesDirectory
        let language = arguments.value("lang") ?? Language.fromEnvironment(context.environment).rawValue
        out.writeLine("\n== 6. The audit: what inspectors must look at (red = past the limit or a clear breach)")
        out.writeLine("$ ironcage audit --lang \(language)")
        guard try step(["audit", "--db", database, "--rules", rules, "--lang", language], context) == .success else {
            throw CommandFailure("the demo audit failed", status: .dataError)
        }
        let period = arguments.value("period") ?? "2026-10"
        let reports = scratch + "/reports"
        out.writeLine("\n== 7. The monthly report, written to files (what an inspector's office reads; a scheduler writes them with --every)")
        out.writeLine("$ ironcage report --period \(period) --lang \(language) --out-dir \(reports)")
        guard try step(["report", "--db", database, "--rules", rules, "--period", period, "--lang", language, "--out-dir", reports], context) == .success else {
            throw CommandFailure("the demo report failed", status: .dataError)
        }
        out.writeLine("Open \(reports)/ironcage-report-\(period).\(language).html in a browser, or print it.")
        out.writeLine("\nThe log is at \(database); try: ironcage verify --db \(database)")
        return .success
    }

    /// Runs another command in the same context.
    /// Its diagnostics go to stdout too, so the demo reads as one transcript.
    private static func step(_ words: [String], _ context: CommandContext) throws -> ExitStatus {
        let saved = context.stderr
        context.stderr = context.stdout
        defer { context.stderr = saved }
        let status = IronCage.run(words, context: context)
        return ExitStatus(rawValue: status) ?? .software
    }

    private static func sampleStreams(in directory: String) throws -> [String] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw CommandFailure("no samples at \(directory): run the demo from the project's top directory, or pass --samples DIR", status: .noInput)
        }
        let streams = names.filter { $0.hasSuffix(".ndjson") }.sorted().map { directory + "/" + $0 }
        guard !streams.isEmpty else { throw CommandFailure("no .ndjson files in \(directory)", status: .noInput) }
        return streams
    }

    private static func makeScratchDirectory(_ context: CommandContext) throws -> String {
        let base = context.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        let path = base + "/ironcage-demo-" + String(UInt32.random(in: 0 ... .max), radix: 16)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    private static func relative(_ path: String, to context: CommandContext) -> String {
        let prefix = context.currentDirectory.hasSuffix("/") ? context.currentDirectory : context.currentDirectory + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
