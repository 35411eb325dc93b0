import EventLog
import Foundation
import Testing

@testable import Interchange

/// The shipped samples, imported with their mappings, speak the vocabulary the rule
/// packs read (`Rules/schemas/`): every required `data` field is there and every
/// closed field holds an allowed value.
@Suite("Interchange samples against Rules/schemas")
struct SampleVocabularyTests {
    /// Every event type the schemas document, with its required fields and closed values.
    static func vocabulary() throws -> [String: (required: [String], closed: [String: [JSONValue]])] {
        let directory = repositoryRoot + "/Rules/schemas"
        var result: [String: (required: [String], closed: [String: [JSONValue]])] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory) where name.hasSuffix(".json") {
            let schema = try JSONParser.parse([UInt8](Data(contentsOf: URL(fileURLWithPath: directory + "/" + name))))
            for (type, event) in schema["events"]?.objectValue?.members ?? [] {
                var required: [String] = []
                var closed: [String: [JSONValue]] = [:]
                for (field, spec) in event["data"]?.objectValue?.members ?? [] {
                    if spec["required"]?.boolValue == true { required.append(field) }
                    if let values = spec["values"]?.arrayValue { closed[field] = values }
                }
                result[type] = (required, closed)
            }
        }
        return result
    }

    /// The envelopes of both samples.
    static func importedSamples() throws -> [Envelope] {
        var options = XESImportOptions()
        try options.apply(MappingObject.parse(Array(try Data(contentsOf: URL(fileURLWithPath: interchangeSamples + "/permits.map.json"))), file: nil))
        let xes = try ImportRun.xes(try String(contentsOfFile: interchangeSamples + "/permits.xes", encoding: .utf8), options)
        let csv = try ImportRun.csv(
            [UInt8](Data(contentsOf: URL(fileURLWithPath: interchangeSamples + "/hotline.csv"))),
            mapping: try String(contentsOfFile: interchangeSamples + "/hotline.map.json", encoding: .utf8))
        return try (xes.lines + csv.lines).map { try Envelope.parse(line: $0).get() }
    }

    @Test("every imported event of a documented type has its required fields and allowed values")
    func followsVocabulary() throws {
        let vocabulary = try Self.vocabulary()
        let envelopes = try Self.importedSamples()
        #expect(envelopes.count == 26)
        var documented = 0
        for envelope in envelopes {
            guard let rules = vocabulary[envelope.type] else { continue }
            documented += 1
            let data = envelope.dataObject() ?? .empty
            for field in rules.required {
                #expect(data[field] != nil, "\(envelope.id) (\(envelope.type)) lacks data.\(field)")
            }
            for (field, values) in rules.closed {
                if let value = data[field] { #expect(values.contains(value), "\(envelope.id): data.\(field) is not an allowed value") }
            }
        }
        // All but the archived and scanned events (names the mapping leaves to the slug rules).
        #expect(documented == 24)
    }

    @Test("every event imported from the OCDS sample is documented in trading.json, with its required fields, allowed values and no other fields")
    func ocdsSampleFollowsVocabulary() throws {
        let vocabulary = try Self.vocabulary()
        let schema = try JSONParser.parse([UInt8](Data(contentsOf: URL(fileURLWithPath: repositoryRoot + "/Rules/schemas/trading.json"))))
        let run = try ImportRun.ocds(try String(contentsOfFile: interchangeSamples + "/tenders.ocds.jsonl", encoding: .utf8))
        let envelopes = try run.lines.map { try Envelope.parse(line: $0).get() }
        #expect(envelopes.count == 30)
        for envelope in envelopes {
            let documented = try #require(schema["events"]?[envelope.type]?["data"]?.objectValue, "\(envelope.type) is not in trading.json")
            let rules = try #require(vocabulary[envelope.type])
            let data = envelope.dataObject() ?? .empty
            for field in rules.required {
                #expect(data[field] != nil, "\(envelope.id) (\(envelope.type)) lacks data.\(field)")
            }
            for (field, values) in rules.closed {
                if let value = data[field] { #expect(values.contains(value), "\(envelope.id): data.\(field) is not an allowed value") }
            }
            for (field, value) in data.members {
                #expect(documented[field] != nil, "\(envelope.id): data.\(field) is not documented")
                for (inner, _) in value.objectValue?.members ?? [] {
                    #expect(documented[field]?["fields"]?[inner] != nil, "\(envelope.id): data.\(field).\(inner) is not documented")
                }
            }
        }
    }
}
