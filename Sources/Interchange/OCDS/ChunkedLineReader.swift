#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import EventLog

/// Splits a byte stream into lines, reading it 1 MiB at a time, for inputs whose lines
/// are long and many (OCDS releases of several kilobytes, millions of them).
///
/// It behaves as ``EventLog/LineReader`` does — lines numbered from 1 counting blank
/// ones, `\n` or `\r\n` ends, a last line without one, a line over the limit reported
/// as `.tooLong` without being held — but finds line ends with `memchr`, reads in
/// bounded chunks (so memory follows the lines, not the limit), and can hand over the
/// rest of the input whole (``readRest()``), for a document over many lines.
///
/// Not `Sendable`: one reader belongs to one loop.
final class ChunkedLineReader {
    /// The longest line, line end excluded.
    let maximumLineLength: Int
    private var source: any ByteSource
    private static let chunk = 1 << 20
    private var buffer: UnsafeMutableRawBufferPointer
    /// Unread bytes are `buffer[start..<end]`.
    private var start = 0
    private var end = 0
    private var exhausted = false
    private var lineNumber = 0
    /// Bytes of the over-long line being skipped, when inside one.
    private var skipping: Int?

    /// - Parameters:
    ///   - source: Where the bytes come from.
    ///   - maximumLineLength: The longest line returned; longer ones are skipped.
    init(source: some ByteSource, maximumLineLength: Int) {
        precondition(maximumLineLength > 0, "the line limit must be positive")
        self.source = source
        self.maximumLineLength = maximumLineLength
        self.buffer = .allocate(byteCount: Self.chunk, alignment: 8)
    }

    deinit {
        buffer.deallocate()
    }

    /// The next line (valid until the next call), or `.tooLong`, or `.end`.
    ///
    /// - Throws: `IOError` from the source.
    func next() throws -> LineEvent {
        while true {
            if let base = buffer.baseAddress, start < end, let found = memchr(base + start, 0x0A, end - start) {
                let newline = UnsafeRawPointer(found) - UnsafeRawPointer(base)
                let line = UnsafeRawBufferPointer(rebasing: buffer[start..<newline])
                start = newline + 1
                if let skipped = skipping {
                    skipping = nil
                    return .tooLong(number: lineNumber, length: skipped + line.count)
                }
                lineNumber += 1
                let content = Self.trimmingCarriageReturn(line)
                if content.count > maximumLineLength { return .tooLong(number: lineNumber, length: line.count) }
                return .line(number: lineNumber, bytes: content)
            }
            if exhausted {
                if let skipped = skipping {
                    skipping = nil
                    return .tooLong(number: lineNumber, length: skipped + end - start)
                }
                guard start < end else { return .end }
                lineNumber += 1
                let line = Self.trimmingCarriageReturn(UnsafeRawBufferPointer(rebasing: buffer[start..<end]))
                let length = end - start
                start = end
                if line.count > maximumLineLength { return .tooLong(number: lineNumber, length: length) }
                return .line(number: lineNumber, bytes: line)
            }
            // No line end yet: past the limit, stop holding the line.
            if skipping != nil || end - start > maximumLineLength + 1 {
                if skipping == nil { lineNumber += 1 }
                skipping = (skipping ?? 0) + end - start
                start = 0
                end = 0
            }
            try fill()
        }
    }

    /// The input not yet returned, to its end.
    ///
    /// - Throws: `IOError` from the source.
    func readRest() throws -> [UInt8] {
        var rest = Array(UnsafeRawBufferPointer(rebasing: buffer[start..<end]))
        start = end
        while !exhausted {
            start = 0
            end = 0
            try fill()
            rest.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[0..<end]))
            start = end
        }
        return rest
    }

    /// Reads up to a chunk more, first moving unread bytes to the front and growing
    /// the buffer when they fill it.
    private func fill() throws {
        if start > 0 {
            let count = end - start
            if count > 0, let base = buffer.baseAddress { base.copyMemory(from: base + start, byteCount: count) }
            start = 0
            end = count
        }
        if end == buffer.count {
            let grown = UnsafeMutableRawBufferPointer.allocate(byteCount: buffer.count * 2, alignment: 8)
            if let base = grown.baseAddress, let old = buffer.baseAddress { base.copyMemory(from: old, byteCount: end) }
            buffer.deallocate()
            buffer = grown
        }
        let room = UnsafeMutableRawBufferPointer(rebasing: buffer[end..<min(buffer.count, end + Self.chunk)])
        while true {
            switch try source.read(into: room, timeoutMilliseconds: nil) {
            case .bytes(let count):
                end += count
                return
            case .timedOut:
                continue
            case .end:
                exhausted = true
                return
            }
        }
    }

    private static func trimmingCarriageReturn(_ line: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        line.last == UInt8(ascii: "\r") ? UnsafeRawBufferPointer(rebasing: line.dropLast()) : line
    }
}
