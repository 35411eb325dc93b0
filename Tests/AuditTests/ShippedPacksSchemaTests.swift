import Audit
import EventLog
import Foundation
import Testing

/// The event vocabulary documented in `Rules/schemas/*.json`, as ingest reads it, plus
/// the checks only the shipped files need: every file names itself, every type has an
/// `about` in both languages and a `subject`, and the samples use documented fields only.
struct Vocabulary {
    let schemas: EventSchemas
    var events: [String: [String: EventSchemas.Field]] { schemas.events }

    static let directory = CalendarFixtures.repositoryRoot + "/Rules/schemas"

    static func load() throws -> Vocabulary {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".json") }.sorted()
        for name in names {
            let value = try JSONParser.parse(try FileContents.read(directory + "/" + name))
            let events = try required(value["events"]?.objectValue, "\(name): events")
            #expect(value["schema"]?.stringValue.map { $0 + ".json" } == name, "\(name): schema names its file")
            for (type, spec) in events.members {
                #expect(spec["about"]?["zh"]?.stringValue != nil && spec["about"]?["en"]?.stringValue != nil, "\(type): about {zh, en}")
                #expect(spec["subject"]?.stringValue != nil, "\(type): subject")
            }
        }
        return Vocabulary(schemas: try EventSchemas.load(directory: directory))
    }

    /// What is wrong with an event's payload: what ingest would refuse, and fields the
    /// vocabulary does not document (ingest keeps those; the samples must not have any).
    func problems(type: String, data: JSONObject, at path: String) -> [String] {
        guard let fields = events[type] else { return ["\(path): \(type) is not documented"] }
        var found = Self.undocumented(data, fields, at: path + " data")
        if let rejection = schemas.problem(type: type, data: data) { found.append("\(path): \(rejection)") }
        return found
    }

    private static func undocumented(_ data: JSONObject, _ fields: [String: EventSchemas.Field], at path: String) -> [String] {
        data.members.flatMap { name, value -> [String] in
            guard let field = fields[name] else { return ["\(path).\(name): not documented"] }
            guard let inner = value.objectValue, !field.fields.isEmpty else { return [] }
            return undocumented(inner, field.fields, at: "\(path).\(name)")
        }
    }
}

@Suite("Shipped packs: files, vocabulary, escalation")
struct ShippedPacksSchemaTests {
    @Test("39 rules in seven packs load and check; ids are <pack>.<name>; every basis cites its source in both languages")
    func packs() throws {
        let rules = try ShippedRules.set.get()
        #expect(rules.rules.count == 39)
        let perPack = Dictionary(grouping: rules.rules, by: \.pack).mapValues(\.count)
        #expect(perPack == ["integrity": 5, "licensing": 6, "money": 10, "police": 10, "procurement": 3, "services": 3, "trading": 2])
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
            problems += vocabulary.problems(type: envelope.type, data: envelope.dataObject() ?? .empty, at: envelope.id)
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
