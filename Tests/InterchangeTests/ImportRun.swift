import EventLog
@testable import Interchange

/// What one in-memory import produced: the envelope lines, the problems, the summary.
struct ImportRun {
    var lines: [String] = []
    var problems: [ImportProblem] = []
    var summary = ImportSummary()

    /// The problems as the CLI prints them after the file name: `line: description [code]`.
    var reports: [String] { problems.map { "\($0.line): \($0) [\($0.code)]" } }

    /// Imports an XES document held in a string.
    static func xes(_ document: String, _ options: XESImportOptions, chunkSize: Int = 1 << 16) throws -> ImportRun {
        let importer = try XESImporter(source: MemorySource(document, chunkSize: chunkSize), options: options)
        var run = ImportRun()
        var bytes: [UInt8] = []
        run.summary = try importer.run(write: { bytes.append(contentsOf: $0) }, report: { run.problems.append($0) })
        run.lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
        return run
    }

    /// Imports CSV bytes with a mapping given as JSON text.
    static func csv(_ bytes: [UInt8], mapping: String, chunkSize: Int = 1 << 16) throws -> ImportRun {
        let parsed = try CSVMapping(MappingObject.parse(Array(mapping.utf8), file: "test.map.json"))
        let importer = CSVImporter(source: MemorySource(bytes, chunkSize: chunkSize), mapping: parsed)
        var run = ImportRun()
        var output: [UInt8] = []
        run.summary = try importer.run(write: { output.append(contentsOf: $0) }, report: { run.problems.append($0) })
        run.lines = String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init)
        return run
    }

    /// Imports CSV text.
    static func csv(_ text: String, mapping: String, chunkSize: Int = 1 << 16) throws -> ImportRun {
        try csv(Array(text.utf8), mapping: mapping, chunkSize: chunkSize)
    }
}

/// XES options with a department, as most tests need.
func xesOptions(_ configure: (inout XESImportOptions) -> Void = { _ in }) -> XESImportOptions {
    var options = XESImportOptions()
    options.dept = "gy.zwfw"
    options.subjectPrefix = "app:"
    configure(&options)
    return options
}

/// Wraps events in a minimal XES log with one trace named `T-1`.
func xesLog(trace: String = #"<string key="concept:name" value="T-1"/>"#, _ events: String) -> String {
    """
    <?xml version="1.0" encoding="UTF-8"?>
    <log xes.version="1849-2016">
    <trace>
    \(trace)
    \(events)
    </trace>
    </log>
    """
}

extension ImportRun {
    /// Imports OCDS JSON held in a string, for department `gy.ggzy`.
    static func ocds(
        _ text: String, zone: ImportTimeZone? = nil, chunkSize: Int = 1 << 16, maximumLineLength: Int = OCDSImporter.maximumLineLength,
        threads: Int = 2, batchBytes: Int? = nil
    ) throws -> ImportRun {
        var options = OCDSImportOptions()
        options.dept = "gy.ggzy"
        options.timeZone = zone
        let importer = try OCDSImporter(
            source: MemorySource(text, chunkSize: chunkSize), options: options, maximumLineLength: maximumLineLength, threads: threads)
        if let batchBytes { importer.batchBytes = batchBytes }
        var run = ImportRun()
        var output: [UInt8] = []
        run.summary = try importer.run(write: { output.append(contentsOf: $0) }, report: { run.problems.append($0) })
        run.lines = String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init)
        return run
    }
}

/// A JSON text written over several lines for legibility, as one line.
func oneLine(_ json: String) throws -> String {
    String(decoding: CanonicalJSON.bytes(of: try JSONParser.parse(json)), as: UTF8.self)
}
