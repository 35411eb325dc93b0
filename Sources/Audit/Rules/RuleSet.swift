import EventLog

/// Everything an audit judges by: the rules of the loaded packs, the work calendar and
/// the escalation ladder, with a fingerprint that changes whenever any of them does.
public struct RuleSet: Sendable {
    public let rules: [Rule]
    let evaluators: [any RuleEvaluator]
    public let calendar: WorkCalendar
    public let ladder: EscalationLadder
    /// SHA-256 over the packs', calendar's and ladder's bytes: projections built under
    /// another fingerprint are thrown away and rebuilt.
    public let fingerprint: String

    /// The kinds of rule this version understands.
    public static let kinds = ["deadline", "requires", "sequence", "check", "duplicate", "window", "outlier", "join", "late_entry", "collusion"]

    /// Loads packs from `path` (a directory of `*.json` packs, a `Rules/` directory with
    /// `packs/` inside, or one pack file), the calendar and the escalation ladder.
    ///
    /// - Parameters:
    ///   - path: packs as above.
    ///   - rulesDirectory: where `calendars/` and `escalation.json` are (default: beside `packs/`).
    ///   - fallbackRulesDirectory: where they are when `rulesDirectory` is not given and the
    ///     packs' own directory has no such calendar — a single pack file kept anywhere,
    ///     such as one `ironcage screens calibrate` wrote (the CLI passes `./Rules`).
    ///   - calendarName: the calendar file's name without `.json`.
    /// - Throws: `RuleError` naming the file, rule and key at fault; `CalendarError`; `IOError`.
    public static func load(
        path: String, rulesDirectory: String? = nil, fallbackRulesDirectory: String? = nil, calendarName: String = "cn"
    ) throws -> RuleSet {
        let files = try packFiles(at: path)
        var root = rulesDirectory ?? defaultRulesDirectory(for: path)
        if rulesDirectory == nil, let fallback = fallbackRulesDirectory, fallback != root,
            (try? FileContents.read(root + "/calendars/\(calendarName).json")) == nil
        {
            root = fallback
        }
        var digest = SHA256()
        var rules: [Rule] = []
        for file in files {
            let bytes = try FileContents.read(file)
            digest.update(bytes)
            rules += try RulePackParser.parse(bytes, file: file)
        }
        var seen: Set<String> = []
        for rule in rules {
            guard seen.insert(rule.id).inserted else {
                throw RuleError(file: rule.file, rule: rule.id, key: "id", message: "the same id is used by another rule")
            }
        }
        let calendarPath = root + "/calendars/\(calendarName).json"
        let calendar = try WorkCalendar.load(path: calendarPath)
        digest.update(try FileContents.read(calendarPath))
        let ladderPath = root + "/escalation.json"
        let ladder: EscalationLadder
        if let bytes = try? FileContents.read(ladderPath) {
            ladder = try EscalationLadder.parse(bytes, file: ladderPath)
            digest.update(bytes)
        } else {
            ladder = .guiyang
        }
        let evaluators = try rules.map(Self.evaluator)
        return RuleSet(rules: rules, evaluators: evaluators, calendar: calendar, ladder: ladder, fingerprint: digest.finalize().hex)
    }

    static func evaluator(for rule: Rule) throws -> any RuleEvaluator {
        switch rule.kind {
        case "deadline": try DeadlineEvaluator(rule: rule)
        case "requires": try RequiresEvaluator(rule: rule)
        case "sequence": try SequenceEvaluator(rule: rule)
        case "check": try CheckEvaluator(rule: rule)
        case "duplicate": try DuplicateEvaluator(rule: rule)
        case "window": try WindowEvaluator(rule: rule)
        case "outlier": try OutlierEvaluator(rule: rule)
        case "join": try JoinEvaluator(rule: rule)
        case "late_entry": try LateEntryEvaluator(rule: rule)
        case "collusion": try CollusionRule.evaluator(for: rule)
        default:
            throw RuleError(file: rule.file, rule: rule.id, key: "kind", message: "unknown kind '\(rule.kind)' (use \(kinds.joined(separator: ", ")))")
        }
    }

    private static func packFiles(at path: String) throws -> [String] {
        if path.hasSuffix(".json") { return [path] }
        for directory in [path + "/packs", path] {
            if let names = try? listDirectory(directory) {
                let packs = names.filter { $0.hasSuffix(".json") }.sorted().map { directory + "/" + $0 }
                if !packs.isEmpty { return packs }
            }
        }
        throw RuleError(file: path, message: "no rule packs here (expected *.json files in \(path)/packs or \(path))")
    }

    private static func defaultRulesDirectory(for path: String) -> String {
        var directory = path
        if directory.hasSuffix(".json") { directory = String(directory[..<(directory.lastIndex(of: "/") ?? directory.startIndex)]) }
        if directory.hasSuffix("/packs") { directory.removeLast("/packs".count) }
        if directory.isEmpty { directory = "." }
        return directory
    }

    /// The rules of one pack, or all when `pack` is nil.
    public func rules(inPack pack: String?) -> [Rule] {
        pack.map { name in rules.filter { $0.pack == name } } ?? rules
    }

    /// The rule with this id.
    public func rule(_ id: String) -> Rule? { rules.first { $0.id == id } }
}
