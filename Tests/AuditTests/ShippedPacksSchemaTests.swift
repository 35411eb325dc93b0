import Audit
import EventLog
import Foundation
import Testing

/// The event vocabulary documented in `Rules/schemas/*.json`: for each event type, its
/// data fields.
struct Vocabulary {
    struct Field {
        var type: String
        var required: Bool
        var values: [JSONValue]?
        var items: String?
        var fields: [String: Field]
    }

    /// Event type → data field → field.
    var events: [String: [String: Field]] = [:]
    /// Event type → the schema file that documents it.
    var files: [String: String] = [:]

    static let directory = CalendarFixtures.repositoryRoot + "/Rules/schemas"

    static func load() throws -> Vocabulary {
        var vocabulary = Vocabulary()
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".json") }.sorted()
        for name in names {
            let value = try JSONParser.parse(try FileContents.read(directory + "/" + name))
            let events = try required(value["events"]?.objectValue, "\(name): events")
            #expect(value["schema"]?.stringValue.map { $0 + ".json" } == name, "\(name): schema names its file")
            for (type, spec) in events.members {
                #expect(vocabulary.events[type] == nil, "\(type) documented twice")
                #expect(spec["about"]?["zh"]?.stringValue != nil && spec["about"]?["en"]?.stringValue != nil, "\(type): about {zh, en}")
                #expect(spec["subject"]?.stringValue != nil, "\(type): subject")
                let data = try required(spec["data"]?.objectValue, "\(type): data")
                vocabulary.events[type] = try fields(data, in: type)
                vocabulary.files[type] = name
            }
        }
        return vocabulary
    }

    private static func fields(_ object: JSONObject, in type: String) throws -> [String: Field] {
        var result: [String: Field] = [:]
        for (name, spec) in object.members {
            let kind = try required(spec["type"]?.stringValue, "\(type).\(name): type")
            #expect(["string", "integer", "number", "boolean", "array", "object", "date", "month", "instant"].contains(kind), "\(type).\(name): \(kind)")
            result[name] = Field(
                type: kind, required: spec["required"]?.boolValue ?? false, values: spec["values"]?.arrayValue,
                items: spec["items"]?.stringValue, fields: try spec["fields"]?.objectValue.map { try fields($0, in: "\(type).\(name)") } ?? [:])
        }
        return result
    }

    /// What is wrong with `value` as `field`, or nil.
    static func problem(_ value: JSONValue, _ field: Field, at path: String) -> String? {
        func conforms(_ value: JSONValue, to type: String) -> Bool {
            switch (type, value) {
            case ("string", .string): return true
            case ("number", .number): return true
            case ("integer", .number(let literal)): return Int64(literal) != nil
            case ("boolean", .bool): return true
            case ("array", .array), ("object", .object): return true
            case ("date", .string(let text)): return CalendarDate(iso: text) != nil
            case ("month", .string(let text)): return text.count == 7 && CalendarDate(iso: text + "-01") != nil
            case ("instant", .string(let text)): return Instant(rfc3339: text) != nil
            default: return false
            }
        }
        guard conforms(value, to: field.type) else { return "\(path): not a \(field.type)" }
        if let values = field.values, !values.contains(value) { return "\(path): \(value) is not one of the documented values" }
        if let items = field.items, let elements = value.arrayValue, !elements.allSatisfy({ conforms($0, to: items) }) {
            return "\(path): elements are not all \(items)"
        }
        if let object = value.objectValue {
            return problems(object, field.fields, at: path).first
        }
        return nil
    }

    /// What is wrong with a data object against documented fields.
    static func problems(_ data: JSONObject, _ fields: [String: Field], at path: String) -> [String] {
        var found: [String] = []
        for (name, value) in data.members {
            guard let field = fields[name] else {
                found.append("\(path).\(name): not documented")
                continue
            }
            if let problem = problem(value, field, at: "\(path).\(name)") { found.append(problem) }
        }
        for (name, field) in fields where field.required && data[name] == nil {
            found.append("\(path).\(name): required but missing")
        }
        return found
    }
}

@Suite("Shipped packs: files, vocabulary, escalation")
struct ShippedPacksSchemaTests {
    @Test("37 rules in seven packs load and check; ids are <pack>.<name>; every basis cites its source in both languages")
    func packs() throws {
        let rules = try ShippedRules.set.get()
        #expect(rules.rules.count == 37)
        let perPack = Dictionary(grouping: rules.rules, by: \.pack).mapValues(\.count)
        #expect(perPack == ["integrity": 5, "licensing": 6, "money": 8, "police": 10, "procurement": 3, "services": 3, "trading": 2])
        for rule in rules.rules {
            #expect(rule.id.hasPrefix(rule.pack + "."), "\(rule.id)")
            #expect(rule.file.hasSuffix("/packs/\(rule.pack).json"), "\(rule.id) in \(rule.file)")
            #expect(rule.basis.zh.contains("《") && rule.basis.zh.contains("》"), "\(rule.id): basis names a law or policy")
            #expect(!rule.basis.en.isEmpty && !rule.name.en.isEmpty && !rule.name.zh.isEmpty, "\(rule.id)")
        }
    }

    @Test("the escalation ladder is Guiyang's: 3 working days → 分管领导, 5 → 单位副职负责人, 7 → 纪检监察机关")
    func ladder() throws {
        let rules = try ShippedRules.set.get()
        #expect(rules.ladder == EscalationLadder.guiyang)
        #expect(rules.ladder.steps.map(\.afterWorkdays) == [3, 5, 7])
        #expect(rules.ladder.steps.map(\.to.zh) == ["分管领导", "单位副职负责人", "纪检监察机关"])
    }

    @Test("every event of the sample streams follows the documented vocabulary")
    func samplesFollowVocabulary() throws {
        let vocabulary = try Vocabulary.load()
        var problems: [String] = []
        var types: Set<String> = []
        for line in try SampleLog.allLines() {
            let envelope = parseEnvelope(line)
            types.insert(envelope.type)
            guard let fields = vocabulary.events[envelope.type] else {
                problems.append("\(envelope.id): \(envelope.type) is not documented")
                continue
            }
            problems += Vocabulary.problems(envelope.dataObject() ?? .empty, fields, at: "\(envelope.id) \(envelope.type) data")
        }
        #expect(Array(problems.prefix(20)) == [])
        #expect(types.count == 48)
    }

    @Test("every event type and data field a shipped rule reads is documented")
    func rulesReadTheVocabulary() throws {
        let vocabulary = try Vocabulary.load()
        let rules = try ShippedRules.set.get()
        for rule in rules.rules {
            var types: Set<String> = []
            var fields: Set<String> = []
            Self.collect(.object(rule.params), types: &types, fields: &fields)
            for type in types.sorted() {
                #expect(vocabulary.events[type] != nil, "\(rule.id) reads \(type), which no schema documents")
            }
            guard !types.isEmpty else { continue }  // late_entry reads every type
            for field in fields.sorted() {
                #expect(types.contains { vocabulary.events[$0]?[field] != nil }, "\(rule.id) reads data.\(field), documented for none of \(types.sorted())")
            }
        }
    }

    /// The event types (`"type"` members of filters) and top-level data fields (`data.x…`
    /// in keys and values) anywhere in a rule's params.
    static func collect(_ value: JSONValue, types: inout Set<String>, fields: inout Set<String>) {
        func field(_ text: String) {
            guard text.hasPrefix("data.") else { return }
            var name = String(text.dropFirst(5).prefix { $0 != "." })
            if name.hasSuffix("[]") { name.removeLast(2) }
            fields.insert(name)
        }
        switch value {
        case .object(let object):
            for (key, member) in object.members {
                if key == "type" {
                    if let type = member.stringValue { types.insert(type) }
                    for type in member["in"]?.arrayValue ?? [] { if let text = type.stringValue { types.insert(text) } }
                }
                field(key)
                collect(member, types: &types, fields: &fields)
            }
        case .array(let elements):
            for element in elements { collect(element, types: &types, fields: &fields) }
        case .string(let text):
            field(text)
        default:
            break
        }
    }
}
