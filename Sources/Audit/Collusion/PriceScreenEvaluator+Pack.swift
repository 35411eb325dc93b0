import EventLog

/// Price-screen rules read straight from a pack file.
extension PriceScreenEvaluator {
    /// The `collusion` rules in mode `screens` of one pack file, without loading a work
    /// calendar (screens count no days): for `ironcage screens evaluate|show`, which may run
    /// where no `Rules/` directory is.
    ///
    /// - Throws: `IOError` when unreadable; `RuleError` naming the file, rule and key at fault.
    public static func rules(inPackFile path: String) throws -> [PriceScreenEvaluator] {
        try RulePackParser.parse(try FileContents.read(path), file: path)
            .filter { $0.kind == "collusion" && $0.params["mode"]?.stringValue == "screens" }
            .map { try PriceScreenEvaluator(rule: $0) }
    }
}
