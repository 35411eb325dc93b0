/// What `LineReader.next(timeoutMilliseconds:)` found.
public enum LineEvent {
    /// A complete line (without its "\n" or "\r\n"), valid until the next call.
    case line(number: Int, bytes: UnsafeRawBufferPointer)
    /// A line longer than the limit; its bytes were skipped (and handed to the overflow handler).
    case tooLong(number: Int, length: Int)
    /// Nothing complete arrived within the timeout.
    case timedOut
    /// The input is exhausted.
    case end
}

/// Splits a byte stream into lines without holding more than one line in memory.
///
/// A line longer than `maximumLineLength` is never buffered whole: its bytes are passed
/// to `overflow` as they stream past (so a rejects file can still receive it verbatim) and
/// the reader reports `.tooLong` once its newline arrives. A last line without a newline
/// counts as a line. Line numbers count from 1 and include blank lines.
///
/// Not `Sendable`: one reader belongs to one loop.
///
/// - Complexity: O(n) over the input; memory O(`maximumLineLength`).
public final class LineReader<Source: ByteSource> {
    public private(set) var source: Source
    public let maximumLineLength: Int
    /// Receives the bytes of over-long lines, newline excluded, in pieces.
    public var overflow: ((UnsafeRawBufferPointer) -> Void)?

    private let buffer: UnsafeMutableRawBufferPointer
    /// Unconsumed bytes are `buffer[start..<end]`.
    private var start = 0
    private var end = 0
    private var exhausted = false
    private var lineNumber = 0
    /// Bytes of the current over-long line seen so far, or nil when not inside one.
    private var skipping: Int?

    /// - Parameters:
    ///   - source: where the bytes come from.
    ///   - maximumLineLength: the longest accepted line, newline excluded (1 MiB by default).
    public init(source: Source, maximumLineLength: Int = 1 << 20) {
        precondition(maximumLineLength > 0, "the line limit must be positive")
        self.source = source
        self.maximumLineLength = maximumLineLength
        // Room for one whole line plus its newline and a little slack for reads.
        self.buffer = .allocate(byteCount: maximumLineLength + (1 << 16), alignment: 8)
    }

    deinit {
        buffer.deallocate()
    }

    /// The next line, or why there is none yet.
    ///
    /// - Parameter timeoutMilliseconds: how long to wait for more input when no complete
    ///   line is buffered; nil waits as long as it takes.
    /// - Throws: `IOError` from the source.
    public func next(timeoutMilliseconds: Int? = nil) throws -> LineEvent {
        while true {
            if let event = takeBufferedLine() { return event }
            if exhausted {
                if let length = skipping {
                    skipping = nil
                    return .tooLong(number: lineNumber, length: length)
                }
                if start < end {
                    // A final line with no newline.
                    lineNumber += 1
                    let line = UnsafeRawBufferPointer(rebasing: buffer[start ..< end])
                    start = end
                    return .line(number: lineNumber, bytes: trimmingCarriageReturn(line))
                }
                return .end
            }
            compact()
            let free = UnsafeMutableRawBufferPointer(rebasing: buffer[end...])
            switch try source.read(into: free, timeoutMilliseconds: timeoutMilliseconds) {
            case .bytes(let count): end += count
            case .timedOut: return .timedOut
            case .end: exhausted = true
            }
        }
    }

    /// Returns a complete buffered line, or moves an over-long prefix to `overflow`.
    private func takeBufferedLine() -> LineEvent? {
        let pending = UnsafeRawBufferPointer(rebasing: buffer[start ..< end])
        if let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
            let line = UnsafeRawBufferPointer(rebasing: pending[..<newline])
            start += newline + 1
            if let skipped = skipping {
                skipping = nil
                overflow?(line)
                return .tooLong(number: lineNumber, length: skipped + line.count)
            }
            lineNumber += 1
            if line.count > maximumLineLength + 1 || (line.count == maximumLineLength + 1 && line.last != UInt8(ascii: "\r")) {
                overflow?(line)
                return .tooLong(number: lineNumber, length: line.count)
            }
            return .line(number: lineNumber, bytes: trimmingCarriageReturn(line))
        }
        // No newline yet. Once the pending bytes pass the limit, stop buffering them.
        if skipping != nil || pending.count > maximumLineLength + 1 {
            if skipping == nil { lineNumber += 1 }
            overflow?(pending)
            skipping = (skipping ?? 0) + pending.count
            start = end
        }
        return nil
    }

    private func trimmingCarriageReturn(_ line: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        if line.last == UInt8(ascii: "\r") {
            return UnsafeRawBufferPointer(rebasing: line.dropLast())
        }
        return line
    }

    /// Moves unconsumed bytes to the front so the next read has room.
    private func compact() {
        guard start > 0 else { return }
        let count = end - start
        if count > 0, let base = buffer.baseAddress {
            base.copyMemory(from: base + start, byteCount: count)
        }
        start = 0
        end = count
    }
}
