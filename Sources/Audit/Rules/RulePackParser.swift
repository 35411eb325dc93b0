import EventLog

/// Reads one pack file:
/// `{"pack": "police", "name": {"zh": …, "en": …}, "rules": [{"id", "name", "kind", "severity", "basis", "level"?, "params"}]}`.
enum RulePackParser {
    static func parse(_ bytes: [UInt8], file: String) throws -> [Rule] {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            throw RuleError(file: file, message: "not valid JSON: \(error)")
        }
        guard let object = value.objectValue else { throw RuleError(file: file, message: "a pack is a JSON object") }
        let allowed: Set = ["pack", "name", "about", "rules"]
        if let unknown = object.keys.first(where: { !allowed.contains($0) }) {
            throw RuleError(file: file, key: unknown, message: "unknown key (use pack, name, about, rules)")
        }
        guard let pack = object["pack"]?.stringValue, !pack.isEmpty else { throw RuleError(file: file, key: "pack", message: "required: the pack's name") }
        guard let list = object["rules"]?.arrayValue else { throw RuleError(file: file, key: "rules", message: "required: a list of rules") }
        return try list.enumerated().map { index, element in try rule(element, index: index, pack: pack, file: file) }
    }

    private static func rule(_ value: JSONValue, index: Int, pack: String, file: String) throws -> Rule {
        guard let object = value.objectValue else { throw RuleError(file: file, key: "rules[\(index)]", message: "a rule is a JSON object") }
        guard let id = object["id"]?.stringValue, !id.isEmpty else {
            throw RuleError(file: file, key: "rules[\(index)].id", message: "required")
        }
        func fail(_ key: String, _ message: String) -> RuleError { RuleError(file: file, rule: id, key: key, message: message) }
        let allowed: Set = ["id", "name", "kind", "severity", "basis", "level", "params"]
        if let unknown = object.keys.first(where: { !allowed.contains($0) }) {
            throw fail(unknown, "unknown key (use \(allowed.sorted().joined(separator: ", ")))")
        }
        func text(_ key: String) throws -> LocalizedText {
            guard let zh = object[key]?["zh"]?.stringValue, !zh.isEmpty, let en = object[key]?["en"]?.stringValue, !en.isEmpty else {
                throw fail(key, "required: {\"zh\": …, \"en\": …}")
            }
            return LocalizedText(zh: zh, en: en)
        }
        guard let kind = object["kind"]?.stringValue else { throw fail("kind", "required (\(RuleSet.kinds.joined(separator: ", ")))") }
        guard let severityText = object["severity"]?.stringValue, let severity = Severity(rawValue: severityText) else {
            throw fail("severity", "required: low, medium, high or critical")
        }
        var level: FindingLevel = severity >= .high ? .red : .yellow
        if let levelValue = object["level"] {
            guard let text = levelValue.stringValue, let parsed = FindingLevel(rawValue: text) else { throw fail("level", "red or yellow") }
            level = parsed
        }
        guard let params = object["params"]?.objectValue else { throw fail("params", "required: an object") }
        return Rule(id: id, pack: pack, name: try text("name"), kind: kind, severity: severity, basis: try text("basis"), level: level, file: file, params: params)
    }
}
