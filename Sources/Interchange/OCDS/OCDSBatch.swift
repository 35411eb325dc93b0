/// Lines of OCDS input handed to a worker, and what it made of them.
///
/// The importer reads lines on one thread and maps batches of them on as many as the
/// machine has cores; batches are written and their problems reported in input
/// order. Releases are numbered within a batch here and renumbered by the importer,
/// which alone knows how many came before.
struct OCDSBatch {
    /// One line (or one document over many lines) of the input.
    struct Entry {
        /// Its first line number in the input.
        var line: Int
        /// Where it is in ``OCDSBatch/text``.
        var range: Range<Int>
        /// A line too long to read, with its length (its bytes are not kept).
        var tooLong: Int?
        /// Whether this is a whole document over many lines.
        var isDocument = false
    }

    /// A problem, with its release counted from 1 within the batch.
    struct Problem {
        var line: Int
        var release: Int
        var field: String?
        var reason: ImportProblem.Reason
    }

    // Input.
    /// The bytes of the lines, one after another.
    var text: [UInt8] = []
    var entries: [Entry] = []

    // Output.
    /// Canonical envelope lines.
    var output: [UInt8] = []
    var problems: [Problem] = []
    /// Releases read, envelopes written, releases refused, warnings.
    var summary = ImportSummary()

    /// Whether the batch has nothing to map.
    var isEmpty: Bool { entries.isEmpty }

    /// Adds a line.
    mutating func append(line: Int, _ bytes: UnsafeRawBufferPointer) {
        let start = text.count
        text.append(contentsOf: bytes)
        entries.append(Entry(line: line, range: start..<text.count))
    }

    /// Forgets input and output, keeping the storage.
    mutating func removeAll() {
        text.removeAll(keepingCapacity: true)
        entries.removeAll(keepingCapacity: true)
        output.removeAll(keepingCapacity: true)
        problems.removeAll(keepingCapacity: true)
        summary = ImportSummary()
    }
}
