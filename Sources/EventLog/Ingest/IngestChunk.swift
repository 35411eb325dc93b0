/// A stretch of input read and validated by `BatchReader`: at most one batch of good
/// envelopes and, in input order, the lines refused on the way.
struct IngestChunk: Sendable {
    /// A good line: where it came from, for acknowledgements and conflict reports.
    struct Origin: Sendable {
        var line: Int
        /// The line as received, kept only when a rejects file wants conflicts verbatim.
        var raw: [UInt8]?
    }

    /// Something to report about input that is not appended, in input order.
    enum Refusal: Sendable {
        /// A refused line, with its bytes when a rejects file wants them.
        case line(IngestRejection, raw: [UInt8]?)
        /// Bytes of an over-long line, copied for the rejects file as they streamed past.
        case overLongBytes([UInt8])
        /// The end of an over-long line: its rejection.
        case overLong(IngestRejection)
    }

    /// Lines read, blank lines included.
    var lines = 0
    /// Blank lines among them.
    var blank = 0
    /// The envelopes to append, in input order.
    var envelopes: [Envelope] = []
    /// Where each of `envelopes` came from.
    var origins: [Origin] = []
    var refusals: [Refusal] = []
    /// Bytes held in `.overLongBytes` refusals.
    var overLongByteCount = 0
    /// Why reading stopped: the envelopes are then not appended, as they were never
    /// acknowledged, and the error is the ingest's.
    var failure: (any Error)?
    /// Whether this is the input's last chunk.
    var isLast = false
}
