public import EventLog

/// Reads OCDS releases as a stream and writes the trading vocabulary's envelopes for
/// them, ready for `ironcage ingest`; see ``OCDSReleaseMapper`` for the mapping.
///
/// Accepted input (https://standard.open-contracting.org/1.1/en/schema/packages/):
///
/// - JSON lines, one value per line, blank lines ignored, each value a release (an
///   object with `ocid`; normally a compiled release), a release package
///   (`{"releases": […]}`), a record package (`{"records": [{"compiledRelease": …}]}`)
///   or an array of releases — what OCDS bulk downloads and Kingfisher Collect
///   write; lines of any length up to ``maximumLineLength``;
/// - one JSON document over many lines (a pretty-printed package or release): when the
///   first non-blank line is not a whole JSON value but could begin one, the input is
///   read whole and parsed as one document.
///
/// Releases are counted from 1 in input order, package members included; a problem
/// names the release's line (for a document over many lines, its first line), the
/// release's number and the field, never a value. A release that cannot be mapped
/// is skipped whole and the others still flow; memory holds one line (or the one
/// document) and one release's events.
///
/// Not `Sendable`: one importer reads one source.
public final class OCDSImporter {
    /// The longest line read; a longer one is reported and skipped.
    public static let maximumLineLength = 1 << 28

    /// The options in force.
    public let options: OCDSImportOptions
    /// What was read and written so far: records are releases.
    public private(set) var summary = ImportSummary()

    private let reader: LineReader<ErasedSource>
    private var parser = JSONParser()
    private var mapper: OCDSReleaseMapper
    private var output: [UInt8] = []
    private var report: (ImportProblem) -> Void = { _ in }

    /// Creates an importer.
    ///
    /// - Parameters:
    ///   - source: The OCDS JSON (decompress before: `zcat releases.jsonl.gz |`).
    ///   - options: The department and time zone.
    ///   - maximumLineLength: The longest line read.
    /// - Throws: ``MappingError`` when no department is set.
    public init(source: some ByteSource, options: OCDSImportOptions, maximumLineLength: Int = OCDSImporter.maximumLineLength) throws(MappingError) {
        try options.validated()
        self.options = options
        self.reader = LineReader(source: ErasedSource(base: source), maximumLineLength: maximumLineLength)
        self.mapper = OCDSReleaseMapper(options: options)
        output.reserveCapacity(1 << 17)
    }

    /// Reads the whole input.
    ///
    /// - Parameters:
    ///   - write: Receives envelope lines — canonical JSON, each ending in a line feed —
    ///     in batches of whole releases.
    ///   - report: Receives each problem, in input order.
    /// - Returns: What was read and written.
    /// - Throws: What `write` or the source throw.
    public func run(write: (UnsafeRawBufferPointer) throws -> Void, report: @escaping (ImportProblem) -> Void) throws -> ImportSummary {
        self.report = report
        defer { self.report = { _ in } }
        func flush() throws {
            guard !output.isEmpty else { return }
            try output.withUnsafeBytes { try write($0) }
            output.removeAll(keepingCapacity: true)
        }
        var sawValue = false
        loop: while true {
            switch try reader.next() {
            case .line(let number, let bytes):
                guard !Self.isBlank(bytes) else { continue }
                let parsed: Result<JSONValue, JSONParseError>
                do {
                    parsed = .success(try parser.parse(bytes))
                } catch {
                    parsed = .failure(error)
                }
                if !sawValue, case .failure(let error) = parsed, error.reason == .unexpectedEnd, Self.opensContainer(bytes) {
                    try readDocument(startingWith: bytes, line: number)
                    break loop
                }
                sawValue = true
                switch parsed {
                case .success(let value): top(value, line: number)
                case .failure(let error): refuse(line: number, OCDSRefusal(field: nil, reason: .invalidJSON(error)))
                }
            case .tooLong(let number, let length):
                sawValue = true
                refuse(line: number, OCDSRefusal(field: nil, reason: .lineTooLong(length: length, limit: reader.maximumLineLength)))
            case .timedOut:
                continue
            case .end:
                break loop
            }
            if output.count >= 1 << 16 { try flush() }
        }
        try flush()
        return summary
    }

    /// Reads the rest of the input as one JSON document that begins with `first`.
    private func readDocument(startingWith first: UnsafeRawBufferPointer, line: Int) throws {
        var document = Array(first)
        document.append(UInt8(ascii: "\n"))
        reader.overflow = { document.append(contentsOf: $0) }
        defer { reader.overflow = nil }
        loop: while true {
            switch try reader.next() {
            case .line(_, let bytes):
                document.append(contentsOf: bytes)
                document.append(UInt8(ascii: "\n"))
            case .tooLong:
                document.append(UInt8(ascii: "\n"))
            case .timedOut:
                continue
            case .end:
                break loop
            }
        }
        do {
            let value = try parser.parse(document)
            top(value, line: line)
        } catch {
            // Name the line the problem is on, counting from the document's first.
            let newlines = document[..<min(error.byteOffset, document.count)].reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
            refuse(line: line + newlines, OCDSRefusal(field: nil, reason: .invalidJSON(error)))
        }
    }

    /// Handles one top-level value: a release, a package, or an array of releases.
    private func top(_ value: JSONValue, line: Int) {
        switch value {
        case .object(let object) where object["ocid"] == nil:
            if case .array(let releases)? = object["releases"] {
                for release in releases { map(release, line: line) }
            } else if case .array(let records)? = object["records"] {
                for (index, record) in records.enumerated() {
                    if let release = record["compiledRelease"], !release.isNull {
                        map(release, line: line)
                    } else {
                        refuse(line: line, .missing("records[\(index)].compiledRelease"))
                    }
                }
            } else {
                map(value, line: line)
            }
        case .array(let releases):
            for release in releases { map(release, line: line) }
        default:
            map(value, line: line)
        }
    }

    /// Maps one release and reports what is wrong with it.
    private func map(_ release: JSONValue, line: Int) {
        summary.records += 1
        do {
            summary.written += try mapper.map(release, into: &output)
            for (field, reason) in mapper.warnings {
                let problem = ImportProblem(line: line, record: .release(summary.records), field: field, reason: reason)
                summary.count(problem)
                report(problem)
            }
        } catch {
            let problem = ImportProblem(line: line, record: .release(summary.records), field: error.field, reason: error.reason)
            summary.count(problem)
            report(problem)
        }
    }

    /// Counts and reports a release refused before it could be read.
    private func refuse(line: Int, _ refusal: OCDSRefusal) {
        summary.records += 1
        let problem = ImportProblem(line: line, record: .release(summary.records), field: refusal.field, reason: refusal.reason)
        summary.count(problem)
        report(problem)
    }

    /// Whether a line holds only JSON white space.
    private static func isBlank(_ line: UnsafeRawBufferPointer) -> Bool {
        line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }

    /// Whether the line's first non-blank byte opens an object or an array.
    private static func opensContainer(_ line: UnsafeRawBufferPointer) -> Bool {
        let first = line.first { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0D) }
        return first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
    }
}

/// A byte source of any type, so the importer is not generic over its source.
private struct ErasedSource: ByteSource {
    var base: any ByteSource

    mutating func read(into buffer: UnsafeMutableRawBufferPointer, timeoutMilliseconds: Int?) throws -> ReadOutcome {
        try base.read(into: buffer, timeoutMilliseconds: timeoutMilliseconds)
    }
}
