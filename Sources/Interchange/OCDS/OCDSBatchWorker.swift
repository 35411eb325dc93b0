import EventLog

/// Maps the releases of one ``OCDSBatch`` at a time.
///
/// `@unchecked Sendable`: an importer makes one worker per mapping thread and hands it
/// to that thread, which alone uses it from then on.
final class OCDSBatchWorker: @unchecked Sendable {
    /// The batch being mapped: lines in, envelopes and problems out.
    private var batch = OCDSBatch()
    private var mapper: OCDSReleaseMapper
    /// The longest line read, for problems about longer ones.
    private let maximumLineLength: Int

    init(options: OCDSImportOptions, maximumLineLength: Int) {
        self.mapper = OCDSReleaseMapper(options: options)
        self.maximumLineLength = maximumLineLength
    }

    /// Maps every entry of a batch, filling its output, problems and summary.
    func map(_ batch: inout OCDSBatch) {
        swap(&self.batch, &batch)
        run()
        swap(&self.batch, &batch)
    }

    /// Maps every entry of ``batch``.
    private func run() {
        for entry in batch.entries {
            if let length = entry.tooLong {
                refuse(line: entry.line, OCDSRefusal(field: nil, reason: .lineTooLong(length: length, limit: maximumLineLength)))
                continue
            }
            batch.text.withUnsafeBytes { text in
                let bytes = UnsafeRawBufferPointer(rebasing: text[entry.range])
                do throws(JSONParseError) {
                    try mapper.tape.parse(bytes)
                    top(line: entry.line)
                } catch {
                    let error = Self.parseError(bytes, error)
                    var line = entry.line
                    if entry.isDocument {
                        // Name the line the problem is on, counting from the document's first.
                        line += bytes[..<min(error.byteOffset, bytes.count)].reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
                    }
                    refuse(line: line, OCDSRefusal(field: nil, reason: .invalidJSON(error)))
                }
            }
        }
    }

    /// The error ``EventLog/JSONParser`` gives for a text the tape refused, so that
    /// messages name the same byte as everywhere else in IronCage.
    static func parseError(_ bytes: UnsafeRawBufferPointer, _ tapeError: JSONParseError) -> JSONParseError {
        do {
            _ = try JSONParser.parse(bytes)
            return tapeError
        } catch {
            return error
        }
    }

    /// Handles the top-level value of the tape: a release, a package, or an array of releases.
    private func top(line: Int) {
        let tape = mapper.tape
        let root = JSONTape.root
        switch tape.kind(root) {
        case .object where tape.member(root, "ocid") == nil:
            if let releases = tape.member(root, "releases"), tape.kind(releases) == .array {
                for release in tape.elements(releases) { map(release, line: line) }
            } else if let records = tape.member(root, "records"), tape.kind(records) == .array {
                for (index, record) in tape.elements(records).enumerated() {
                    if let release = tape.member(record, "compiledRelease"), tape.kind(release) != .null {
                        map(release, line: line)
                    } else {
                        refuse(line: line, .missing("records[\(index)].compiledRelease"))
                    }
                }
            } else {
                map(root, line: line)
            }
        case .array:
            for release in tape.elements(root) { map(release, line: line) }
        default:
            map(root, line: line)
        }
    }

    /// Maps one release and notes what is wrong with it.
    private func map(_ release: Int, line: Int) {
        batch.summary.records += 1
        do {
            batch.summary.written += try mapper.map(release, into: &batch.output)
            for (field, reason) in mapper.warnings {
                note(OCDSBatch.Problem(line: line, release: batch.summary.records, field: field, reason: reason))
            }
        } catch {
            note(OCDSBatch.Problem(line: line, release: batch.summary.records, field: error.field, reason: error.reason))
        }
    }

    /// Counts and notes a release refused before it could be read.
    private func refuse(line: Int, _ refusal: OCDSRefusal) {
        batch.summary.records += 1
        note(OCDSBatch.Problem(line: line, release: batch.summary.records, field: refusal.field, reason: refusal.reason))
    }

    private func note(_ problem: OCDSBatch.Problem) {
        batch.summary.count(ImportProblem(line: problem.line, reason: problem.reason))
        batch.problems.append(problem)
    }
}
