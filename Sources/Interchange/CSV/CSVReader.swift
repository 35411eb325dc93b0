public import EventLog

/// Reads CSV records as a stream, as RFC 4180 §2 defines them, with the leniency real
/// exports need.
///
/// - Fields are separated by the delimiter (`,` unless the mapping says otherwise),
///   records by CR LF — or a lone LF or CR, which spreadsheets on other systems write.
/// - A field in double quotes may hold the delimiter, line breaks and `""` for one
///   quote (§2.5–2.7); its line breaks are kept as written.
/// - A quote inside an unquoted field is kept as a character (RFC 4180 forbids it,
///   spreadsheets write it). Text after a closing quote, or a quote left open at the
///   end of the input, makes the record malformed: it is returned with the reason,
///   for the importer to refuse, and reading carries on with the next record.
/// - A UTF-8 byte-order mark at the start is skipped (Excel writes one); empty lines
///   are skipped.
///
/// Memory holds one record, up to ``maximumRecordLength`` bytes.
///
/// Not `Sendable`; a record's fields point into the reader and are valid until the
/// next call to ``next()``.
public final class CSVReader {
    /// The longest record accepted, in bytes.
    public let maximumRecordLength: Int
    /// The field separator.
    public let delimiter: UInt8
    /// The line where the current record starts, from 1.
    public private(set) var line = 1
    /// Why the current record is malformed, or `nil`.
    public private(set) var malformation: String?

    private var source: any ByteSource
    private let buffer: UnsafeMutableRawBufferPointer
    private var position = 0
    private var end = 0
    private var exhausted = false
    private var startedReading = false
    private var currentLine = 1
    /// The current record's field bytes, concatenated, and where each field ends.
    private var fieldBytes: [UInt8] = []
    private var fieldEnds: [Int] = []
    /// A CR ended the last record; an LF right after it belongs to it.
    private var afterCarriageReturn = false

    /// Creates a reader.
    ///
    /// - Parameters:
    ///   - source: The CSV bytes.
    ///   - delimiter: The field separator (`,`, `;`, a tab).
    ///   - maximumRecordLength: The longest record accepted (1 MiB by default).
    public init(source: some ByteSource, delimiter: UInt8 = UInt8(ascii: ","), maximumRecordLength: Int = 1 << 20) {
        self.source = source
        self.delimiter = delimiter
        self.maximumRecordLength = maximumRecordLength
        self.buffer = .allocate(byteCount: 1 << 16, alignment: 8)
        fieldBytes.reserveCapacity(4096)
    }

    deinit {
        buffer.deallocate()
    }

    /// The number of fields in the current record.
    public var fieldCount: Int { fieldEnds.count }

    /// Lends field `index` (from 0) of the current record to `body`.
    public func withField<R>(_ index: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let start = index == 0 ? 0 : fieldEnds[index - 1]
        return try fieldBytes.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[start..<fieldEnds[index]])) }
    }

    /// Field `index` of the current record as a string (for header names).
    public func fieldString(_ index: Int) -> String {
        withField(index) { String(decoding: $0, as: UTF8.self) }
    }

    private enum State {
        case fieldStart, unquoted, quoted, quoteInQuoted, malformedTail
    }

    /// Reads the next record.
    ///
    /// - Returns: `false` at the end of the input.
    /// - Throws: ``CSVFormatError`` for a record longer than the limit, or the source's error.
    public func next() throws -> Bool {
        fieldBytes.removeAll(keepingCapacity: true)
        fieldEnds.removeAll(keepingCapacity: true)
        malformation = nil
        var state = State.fieldStart
        var sawAnything = false
        line = currentLine
        while true {
            if position == end {
                guard try refill() else { break }
            }
            let byte = buffer[position]
            position += 1
            if afterCarriageReturn {
                afterCarriageReturn = false
                if byte == 0x0A { continue }
            }
            if !sawAnything {
                sawAnything = true
                line = currentLine
            }
            switch state {
            case .fieldStart, .unquoted, .malformedTail:
                if byte == delimiter {
                    endField()
                    state = .fieldStart
                } else if byte == 0x0A || byte == 0x0D {
                    afterCarriageReturn = byte == 0x0D
                    currentLine += 1
                    if fieldBytes.isEmpty, fieldEnds.isEmpty, state == .fieldStart {
                        // An empty line: not a record.
                        sawAnything = false
                        continue
                    }
                    endField()
                    return true
                } else if byte == UInt8(ascii: "\""), state == .fieldStart {
                    state = .quoted
                } else {
                    fieldBytes.append(byte)
                    if state == .fieldStart { state = .unquoted }
                }
            case .quoted:
                if byte == UInt8(ascii: "\"") {
                    state = .quoteInQuoted
                } else {
                    // CR LF, a lone CR and a lone LF each end one line.
                    if byte == 0x0D || (byte == 0x0A && fieldBytes.last != 0x0D) { currentLine += 1 }
                    fieldBytes.append(byte)
                }
            case .quoteInQuoted:
                if byte == UInt8(ascii: "\"") {
                    fieldBytes.append(byte)
                    state = .quoted
                } else if byte == delimiter {
                    endField()
                    state = .fieldStart
                } else if byte == 0x0A || byte == 0x0D {
                    afterCarriageReturn = byte == 0x0D
                    currentLine += 1
                    endField()
                    return true
                } else {
                    malformation = malformation ?? "text after a closing quote"
                    fieldBytes.append(byte)
                    state = .malformedTail
                }
            }
            if fieldBytes.count > maximumRecordLength {
                throw CSVFormatError(line: line, message: "a record longer than \(maximumRecordLength) bytes (an unclosed quote?)")
            }
        }
        guard sawAnything else { return false }
        if state == .quoted { malformation = "a quoted field is not closed before the end of the input" }
        endField()
        return true
    }

    private func endField() {
        fieldEnds.append(fieldBytes.count)
    }

    /// Reads more input.
    private func refill() throws -> Bool {
        guard !exhausted else { return false }
        while true {
            switch try source.read(into: buffer, timeoutMilliseconds: nil) {
            case .bytes(let count):
                position = 0
                end = count
                if !startedReading {
                    startedReading = true
                    try skipByteOrderMark()
                }
                // The mark may have been all there was so far.
                if position < end { return true }
                if exhausted { return false }
            case .timedOut:
                continue
            case .end:
                exhausted = true
                return false
            }
        }
    }

    /// Skips a UTF-8 byte-order mark at the very start, even one split across reads.
    private func skipByteOrderMark() throws {
        let mark: [UInt8] = [0xEF, 0xBB, 0xBF]
        var matched = 0
        while matched < 3 {
            if position == end {
                guard !exhausted else { return }
                switch try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[end...]), timeoutMilliseconds: nil) {
                case .bytes(let count): end += count
                case .timedOut: continue
                case .end:
                    exhausted = true
                    position = 0
                    return
                }
                continue
            }
            guard buffer[position] == mark[matched] else {
                position = 0
                return
            }
            matched += 1
            position += 1
        }
    }
}
