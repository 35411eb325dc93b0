public import EventLog
public import Foundation

/// Reads OCDS releases as a stream and writes the trading vocabulary's envelopes for
/// them, ready for `ironcage ingest`; see ``OCDSReleaseMapper`` for the mapping.
///
/// Accepted input (https://standard.open-contracting.org/1.1/en/schema/packages/):
///
/// - JSON lines, one value per line, blank lines ignored, each value a release (an
///   object with `ocid`; normally a compiled release), a release package
///   (`{"releases": […]}`), a record package (`{"records": [{"compiledRelease": …}]}`)
///   or an array of releases, as bulk downloads of compiled releases commonly come;
///   lines of any length up to ``maximumLineLength``;
/// - one JSON document over many lines (a pretty-printed package or release): when the
///   first non-blank line is not a whole JSON value but could begin one, the input is
///   read whole and parsed as one document.
///
/// Releases are counted from 1 in input order, package members included; a problem
/// names the release's line (for a document over many lines, its first line), the
/// release's number and the field, never a value. A release that cannot be mapped
/// is skipped whole and the others still flow.
///
/// Speed: lines are read into batches of about 2 MiB, and one thread per core maps
/// one batch each while the next are read (releases are read with ``JSONTape``, not
/// as trees); output and problems still come in input order. Memory holds two rounds
/// of batches with their output — a few megabytes per core — whatever the input's
/// size, or the one document.
///
/// Not `Sendable`: one importer reads one source.
public final class OCDSImporter {
    /// The longest line read; a longer one is reported and skipped.
    public static let maximumLineLength = 1 << 28
    /// The input a batch holds before it is handed to a worker (tests make it small).
    var batchBytes = 1 << 21

    /// The options in force.
    public let options: OCDSImportOptions
    /// What was read and written so far: records are releases.
    public private(set) var summary = ImportSummary()

    private let reader: ChunkedLineReader
    /// How many threads map batches; 1 maps them on the calling thread.
    private let threads: Int
    /// Maps on the calling thread: documents, and everything when ``threads`` is 1.
    private let inline: OCDSBatchWorker
    /// For telling a document over many lines from JSON lines.
    private var probe = JSONTape()

    /// Creates an importer.
    ///
    /// - Parameters:
    ///   - source: The OCDS JSON (decompress before: `zcat releases.jsonl.gz |`).
    ///   - options: The department and time zone.
    ///   - maximumLineLength: The longest line read.
    ///   - threads: How many threads map releases (default: one per core).
    /// - Throws: ``MappingError`` when no department is set.
    public init(
        source: some ByteSource, options: OCDSImportOptions, maximumLineLength: Int = OCDSImporter.maximumLineLength,
        threads: Int = ProcessInfo.processInfo.activeProcessorCount
    ) throws(MappingError) {
        try options.validated()
        self.options = options
        self.reader = ChunkedLineReader(source: source, maximumLineLength: maximumLineLength)
        self.threads = max(1, min(threads, 16))
        self.inline = OCDSBatchWorker(options: options, maximumLineLength: maximumLineLength)
    }

    /// Reads the whole input.
    ///
    /// The calling thread reads lines into batches and queues them; one thread per core
    /// takes the next batch whenever it is free and maps it; the calling thread writes
    /// the mapped batches and reports their problems in input order, staying at most
    /// two batches per thread ahead.
    ///
    /// - Parameters:
    ///   - write: Receives envelope lines — canonical JSON, each ending in a line feed —
    ///     in batches of whole releases.
    ///   - report: Receives each problem, in input order.
    /// - Returns: What was read and written.
    /// - Throws: What `write` or the source throw.
    public func run(write: (UnsafeRawBufferPointer) throws -> Void, report: (ImportProblem) -> Void) throws -> ImportSummary {
        var sawValue = false
        var ended = false
        var document: (line: Int, text: [UInt8])?

        /// Fills a batch with the following lines; stops at its size, at the end, or at
        /// a document.
        func fill(_ batch: inout OCDSBatch) throws {
            batch.removeAll()
            while !ended, batch.text.count < batchBytes {
                switch try reader.next() {
                case .line(let number, var bytes):
                    // RFC 8259 §8.1 lets a parser ignore a byte-order mark; Windows tools write one.
                    if number == 1, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = UnsafeRawBufferPointer(rebasing: bytes[3...]) }
                    guard !Self.isBlank(bytes) else { continue }
                    if !sawValue {
                        sawValue = true
                        if Self.opensContainer(bytes), Self.endsEarly(bytes, &probe) {
                            document = (number, Array(bytes) + [UInt8(ascii: "\n")] + (try reader.readRest()))
                            ended = true
                            continue
                        }
                    }
                    batch.append(line: number, bytes)
                case .tooLong(let number, let length):
                    sawValue = true
                    batch.entries.append(OCDSBatch.Entry(line: number, range: 0..<0, tooLong: length))
                case .timedOut:
                    continue
                case .end:
                    ended = true
                }
            }
        }

        /// Writes a mapped batch and reports its problems, in order.
        func finish(_ batch: OCDSBatch) throws {
            for problem in batch.problems {
                let reported = ImportProblem(
                    line: problem.line, record: .release(summary.records + problem.release), field: problem.field, reason: problem.reason)
                summary.count(reported)
                report(reported)
            }
            summary.records += batch.summary.records
            summary.written += batch.summary.written
            if !batch.output.isEmpty { try batch.output.withUnsafeBytes { try write($0) } }
        }

        var spare: [OCDSBatch] = []
        if threads == 1 {
            var batch = OCDSBatch()
            while !ended {
                try fill(&batch)
                inline.map(&batch)
                try finish(batch)
            }
        } else {
            let queue = OCDSBatchQueue()
            for _ in 0..<threads {
                let worker = OCDSBatchWorker(options: options, maximumLineLength: reader.maximumLineLength)
                queue.threadStarted()
                let thread = Thread {
                    while let (sequence, batch) = queue.take() {
                        var mapped = batch
                        worker.map(&mapped)
                        queue.finished(mapped, sequence: sequence)
                    }
                    queue.threadEnded()
                }
                thread.name = "ironcage import ocds"
                thread.start()
            }
            defer { queue.close() }
            var queued = 0
            var written = 0
            while !ended {
                var batch = spare.popLast() ?? OCDSBatch()
                try fill(&batch)
                guard !batch.isEmpty else { break }
                queue.put(batch, sequence: queued)
                queued += 1
                // Write what is mapped, in order; wait when far enough ahead.
                while written < queued, let mapped = queue.takeMapped(written, wait: queued - written >= 2 * threads) {
                    try finish(mapped)
                    spare.append(mapped)
                    written += 1
                }
            }
            while written < queued, let mapped = queue.takeMapped(written, wait: true) {
                try finish(mapped)
                written += 1
            }
        }
        if let document {
            var batch = OCDSBatch()
            batch.text = document.text
            batch.entries = [OCDSBatch.Entry(line: document.line, range: 0..<document.text.count, isDocument: true)]
            inline.map(&batch)
            try finish(batch)
        }
        return summary
    }

    /// Whether a line is the start of a JSON text that does not end on it.
    private static func endsEarly(_ line: UnsafeRawBufferPointer, _ probe: inout JSONTape) -> Bool {
        do {
            try probe.parse(line)
            return false
        } catch {
            return OCDSBatchWorker.parseError(line, error).reason == .unexpectedEnd
        }
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
