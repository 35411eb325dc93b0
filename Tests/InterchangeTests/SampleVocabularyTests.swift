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
}
