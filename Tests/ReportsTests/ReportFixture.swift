import Audit
import EventLog
import Foundation
import Reports

/// A log built event by event in a scratch directory, with a small rule pack and the real
/// `cn` calendar, for exact figures.
final class ReportFixture {
    static let repositoryRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0 ..< 3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static let pack = #"""
        {"pack":"t","name":{"zh":"测试","en":"test"},"rules":[
         {"id":"t.decide","name":{"zh":"许可决定超过3个工作日","en":"Decision past 3 working days"},"kind":"deadline","severity":"high",
          "basis":{"zh":"测试依据","en":"test basis"},
          "params":{"start":{"type":"application.accepted"},"stop":{"type":{"in":["application.approved","application.rejected"]}},"limit":{"workdays":3}}},
         {"id":"t.reason","name":{"zh":"不予许可未说明理由","en":"Refusal without a reason"},"kind":"check","severity":"medium",
          "basis":{"zh":"《行政许可法》第三十八条第二款","en":"Administrative Licensing Law art. 38(2)"},
          "params":{"when":{"type":"application.rejected"},"violation":{"data.reason":{"exists":false}}}},
         {"id":"t.late","name":{"zh":"补录","en":"Late entry"},"kind":"late_entry","severity":"medium","basis":{"zh":"全程留痕","en":"every act recorded"},
          "params":{"lag_hours":72}}
        ]}
        """#

    let directory: String
    let store: EventStore
    let rules: RuleSet

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ironcage-reports-\(UUID().uuidString)").path
        let rulesDirectory = directory + "/rules"
        try FileManager.default.createDirectory(atPath: rulesDirectory + "/packs", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: rulesDirectory + "/calendars", withIntermediateDirectories: true)
        try Self.pack.write(toFile: rulesDirectory + "/packs/t.json", atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(atPath: Self.repositoryRoot + "/Rules/calendars/cn.json", toPath: rulesDirectory + "/calendars/cn.json")
        store = try EventStore(path: directory + "/log.db")
        rules = try RuleSet.load(path: rulesDirectory)
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    private var serial = 0

    /// Appends one event, recorded an hour after it happened unless `recorded` is given.
    @discardableResult
    func add(
        _ type: String, _ subject: String, at: String, dept: String, actor: String? = "clerk:1", data: String = "{}", recorded: String? = nil
    ) throws -> Int64 {
        serial += 1
        let actorPart = actor.map { #","actor":"# + Self.json($0) } ?? ""
        let line = #"{"id":"E-\#(serial)","type":"\#(type)","at":"\#(at)","dept":\#(Self.json(dept))\#(actorPart),"subject":\#(Self.json(subject)),"data":\#(data)}"#
        let envelope = try Array(line.utf8).withUnsafeBytes { try Envelope.parse(line: $0).get() }
        let when = try recorded.map { text in try Self.instant(text) } ?? Instant(millisecondsSinceEpoch: envelope.instant.millisecondsSinceEpoch + 3_600_000)
        let outcome = try store.append([envelope], recorded: when)
        return outcome.head.size
    }

    static func instant(_ text: String) throws -> Instant {
        guard let instant = Instant(rfc3339: text) else { throw FixtureError(description: "bad instant \(text)") }
        return instant
    }

    /// A JSON string literal (the test's text is printable; quotes and backslashes escaped).
    static func json(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// A snapshot as of an instant, with fresh projections beside the log.
    func snapshot(asOf: String) throws -> OversightSnapshot {
        let engine = try AuditEngine(log: store, rules: rules)
        return try OversightSnapshot(engine: engine, census: try EventCensus(log: store), asOf: try Self.instant(asOf))
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
}
