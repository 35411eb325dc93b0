import Dispatch
import EventLog
import Foundation

/// Maps the releases of one ``OCDSBatch`` at a time, inline or on a thread of its own.
///
/// A worker with a thread (``startThread()``) waits for ``hand()`` to give it its
/// batch, maps it, and signals; the importer takes the batch back after ``collect()``.
/// Its own threads rather than a dispatch queue: an import may run where every thread
/// of the shared pool waits (inside Swift concurrency, as tests do), and its work must
/// not queue behind them.
///
/// `@unchecked Sendable`: the batch is touched by the importer's thread only between
/// ``collect()`` and ``hand()``, and by the worker's thread only in between; the two
/// semaphores order those accesses.
final class OCDSBatchWorker: @unchecked Sendable {
    /// The batch: lines in, envelopes and problems out.
    var batch = OCDSBatch()
    private var mapper: OCDSReleaseMapper
    /// The longest line read, for problems about longer ones.
    private let maximumLineLength: Int
    private let handed = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private var stopping = false
    private var hasThread = false

    init(options: OCDSImportOptions, maximumLineLength: Int) {
        self.mapper = OCDSReleaseMapper(options: options)
        self.maximumLineLength = maximumLineLength
    }

    /// Starts the worker's thread, which maps each batch handed to it.
    func startThread() {
        hasThread = true
        let thread = Thread { [self] in
            while true {
                handed.wait()
                if stopping { break }
                run()
                finished.signal()
            }
            finished.signal()
        }
        thread.name = "ironcage import ocds"
        thread.start()
    }

    /// Lets the worker map ``batch``: on its thread when it has one, else now.
    func hand() {
        if hasThread { handed.signal() } else { run() }
    }

    /// Waits until the batch handed is mapped.
    func collect() {
        if hasThread { finished.wait() }
    }

    /// Ends the worker's thread, waiting for it.
    func stopThread() {
        guard hasThread else { return }
        stopping = true
        handed.signal()
        finished.wait()
        hasThread = false
    }

    /// Maps every entry of the batch.
    func run() {
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
