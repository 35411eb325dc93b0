#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif
public import EventLog

/// A streaming XML 1.0 tokenizer: reads a document of any size in constant memory and
/// hands out elements, attributes and text one token at a time.
///
/// Written for XES (IEEE 1849), which is plain XML with elements and attributes, so it
/// covers what such files use and checks what well-formedness needs:
///
/// - start, end and empty-element tags, with matching end tags checked and attribute
///   names unique per tag (XML 1.0 §3.1);
/// - references: the five predefined entities and decimal and hexadecimal character
///   references (§4.1, §4.6); other entities would need the DTD and are errors;
/// - attribute values normalised: a literal tab, line feed or carriage return (or
///   CR LF) becomes a space, a character reference keeps its character (§3.3.3);
///   line ends in text become line feeds (§2.11);
/// - CDATA sections, as text (§2.7); comments (§2.5), processing instructions (§2.6)
///   and the document type declaration (§2.8, internal subset included) are skipped;
/// - the XML declaration: the document must be UTF-8 (or declare US-ASCII, a
///   subset); a UTF-8 byte-order mark is skipped, a UTF-16 one refused (§4.3.3);
/// - one root element; only white space, comments and processing instructions around it.
///
/// Names are taken as written (any bytes up to white space, `/`, `>` or `=`); element
/// and attribute names are compared byte for byte, without namespace processing. Text
/// and values are not checked for UTF-8 here — consumers check the values they use.
///
/// Memory holds the longest tag, CDATA section or XML declaration (up to
/// ``maximumTokenLength``), not the document: text and comments stream through.
///
/// The source is read through an existential: one call per 256 KiB or more, so
/// nothing is lost by not specialising the tokenizer for each kind of source.
///
/// Not `Sendable`; token details point into its buffers and are valid until the next
/// call to ``next()``. One tokenizer belongs to one loop on one thread, so its stored
/// properties are marked `@exclusivity(unchecked)`: the runtime access checks the
/// compiler would otherwise add to every use of a class's stored property took about
/// a fifth of `import xes` time in profiles (`perf record`, 262,000 events), while
/// the static checks still apply.
public final class XMLTokenizer {
    /// The longest tag, CDATA section or declaration accepted, in bytes.
    public let maximumTokenLength: Int
    /// The element name of the current start or end tag.
    @exclusivity(unchecked) public internal(set) var name = UnsafeRawBufferPointer(start: nil, count: 0)
    /// The attributes of the current start tag, in document order.
    @exclusivity(unchecked) public internal(set) var attributes: [XMLAttribute] = []
    /// The current piece of text.
    @exclusivity(unchecked) public internal(set) var text = UnsafeRawBufferPointer(start: nil, count: 0)
    /// The line where the current token starts, from 1.
    @exclusivity(unchecked) public internal(set) var line = 1
    /// How many elements are open after the current token.
    public var depth: Int { openLengths.count }

    @exclusivity(unchecked) var source: any ByteSource
    @exclusivity(unchecked) var buffer: UnsafeMutableRawBufferPointer
    /// Unconsumed input is `buffer[start..<end]`; a token always begins at `start`.
    @exclusivity(unchecked) var start = 0
    @exclusivity(unchecked) var end = 0
    @exclusivity(unchecked) var exhausted = false
    /// Decoded values and text, when they differ from the input bytes.
    @exclusivity(unchecked) var scratch: UnsafeMutableRawBufferPointer
    @exclusivity(unchecked) var scratchCount = 0
    /// Attribute ranges of the tag being read, turned into ``attributes`` at its end.
    @exclusivity(unchecked) var pendingAttributes: [(name: Range<Int>, value: Range<Int>, inScratch: Bool)] = []
    /// Names of the open elements, concatenated, and their lengths.
    @exclusivity(unchecked) var openNames: [UInt8] = []
    @exclusivity(unchecked) var openLengths: [Int] = []
    @exclusivity(unchecked) var part = DocumentPart.prolog
    /// Line number at `buffer[countedTo]`.
    @exclusivity(unchecked) private var lineAtCounted = 1
    @exclusivity(unchecked) private var countedTo = 0
    /// Whether the start of the input was checked for a byte-order mark.
    private var checkedByteOrderMark = false

    /// Where the tokenizer is in the document.
    enum DocumentPart {
        /// Before the root element.
        case prolog
        /// Inside it.
        case root
        /// After it.
        case epilog
    }

    /// Creates a tokenizer.
    ///
    /// - Parameters:
    ///   - source: Where the document's bytes come from.
    ///   - maximumTokenLength: The longest tag or section accepted (64 MiB by default).
    public init(source: some ByteSource, maximumTokenLength: Int = 64 << 20) {
        precondition(maximumTokenLength >= 1 << 12, "the token limit must be at least 4 KiB")
        self.source = source
        self.maximumTokenLength = maximumTokenLength
        self.buffer = .allocate(byteCount: min(1 << 18, maximumTokenLength), alignment: 8)
        self.scratch = .allocate(byteCount: 1 << 12, alignment: 8)
    }

    deinit {
        buffer.deallocate()
        scratch.deallocate()
    }

    /// The next token.
    ///
    /// - Returns: The token; its details are in ``name``, ``attributes``, ``text`` and
    ///   ``line`` until the next call.
    /// - Throws: ``XMLError`` when the document is not well-formed (the import cannot
    ///   go on after it), or the source's error when reading fails.
    public func next() throws -> XMLToken {
        if !checkedByteOrderMark { try skipByteOrderMark() }
        while true {
            if start == end, try !fill() {
                switch part {
                case .root: throw error(.unexpectedEnd(inside: openElementName))
                case .prolog: throw error(.noRootElement)
                case .epilog: return .end
                }
            }
            if buffer[start] != UInt8(ascii: "<") {
                if let token = try readText() { return token }
                continue
            }
            if end - start < 2, try !fill() { throw error(.unexpectedEnd(inside: openElementName)) }
            switch buffer[start + 1] {
            case UInt8(ascii: "/"):
                return try readEndTag()
            case UInt8(ascii: "?"):
                try skipProcessingInstruction()
            case UInt8(ascii: "!"):
                if let token = try readDeclarationOrSection() { return token }
            default:
                return try readStartTag()
            }
        }
    }

    /// The innermost open element's name, for messages.
    var openElementName: String? {
        guard let length = openLengths.last else { return nil }
        return String(decoding: openNames[(openNames.count - length)...], as: UTF8.self)
    }

    /// An error at the current token's line.
    func error(_ reason: XMLError.Reason) -> XMLError {
        XMLError(line: lineNumber(at: start), reason: reason)
    }

    /// Reads more input after `buffer[start..<end]`, moving it to the front first.
    ///
    /// - Returns: `false` at the end of the input.
    /// - Throws: ``XMLError/Reason/tokenTooLong(limit:)`` when the pending token no
    ///   longer fits, or the source's error.
    func fill() throws -> Bool {
        guard !exhausted else { return false }
        if start > 0 { compact() }
        if end == buffer.count { try grow() }
        while true {
            switch try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[end...]), timeoutMilliseconds: nil) {
            case .bytes(let count):
                end += count
                return true
            case .timedOut:
                continue
            case .end:
                exhausted = true
                return false
            }
        }
    }

    /// Skips a UTF-8 byte-order mark at the very start; refuses a UTF-16 one
    /// (XML 1.0 §4.3.3 and Appendix F).
    private func skipByteOrderMark() throws {
        checkedByteOrderMark = true
        while end < 3, try fill() {}
        if end >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF {
            start = 3
            countedTo = 3
        } else if end >= 2, (buffer[0] == 0xFE && buffer[1] == 0xFF) || (buffer[0] == 0xFF && buffer[1] == 0xFE) {
            throw XMLError(line: 1, reason: .unsupportedEncoding("UTF-16"))
        }
    }

    /// Moves the unconsumed bytes to the front of the buffer.
    private func compact() {
        countLines(upTo: start)
        let count = end - start
        if count > 0, let base = buffer.baseAddress {
            base.copyMemory(from: base + start, byteCount: count)
        }
        countedTo -= start
        end = count
        start = 0
    }

    /// Doubles the buffer, up to the token limit.
    private func grow() throws {
        guard buffer.count < maximumTokenLength else { throw error(.tokenTooLong(limit: maximumTokenLength)) }
        let larger = UnsafeMutableRawBufferPointer.allocate(byteCount: min(buffer.count * 2, maximumTokenLength), alignment: 8)
        if end > 0, let base = buffer.baseAddress {
            larger.baseAddress?.copyMemory(from: base, byteCount: end)
        }
        buffer.deallocate()
        buffer = larger
    }

    /// Makes room for `count` more decoded bytes.
    func reserveScratch(_ count: Int) {
        guard scratchCount + count > scratch.count else { return }
        var size = scratch.count
        while size < scratchCount + count { size *= 2 }
        let larger = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 8)
        if scratchCount > 0, let base = scratch.baseAddress {
            larger.baseAddress?.copyMemory(from: base, byteCount: scratchCount)
        }
        scratch.deallocate()
        scratch = larger
    }

    /// The line number at a buffer offset at or after the last one asked about.
    func lineNumber(at offset: Int) -> Int {
        countLines(upTo: offset)
        return lineAtCounted
    }

    /// Counts the line feeds in `buffer[countedTo..<offset]`.
    private func countLines(upTo offset: Int) {
        guard offset > countedTo, let base = buffer.baseAddress else { return }
        var position = countedTo
        while position < offset,
            let found = memchr(base + position, Int32(UInt8(ascii: "\n")), offset - position)
        {
            lineAtCounted += 1
            position = UnsafeRawPointer(found) - UnsafeRawPointer(base) + 1
        }
        countedTo = offset
    }

    /// Reads character data up to the next `<`, or a piece of it.
    ///
    /// - Returns: `.text`, or `nil` for white space outside the root element.
    private func readText() throws -> XMLToken? {
        var scanned = 0
        var limit: Int
        while true {
            if let base = buffer.baseAddress,
                let found = memchr(base + start + scanned, Int32(UInt8(ascii: "<")), end - start - scanned)
            {
                limit = UnsafeRawPointer(found) - UnsafeRawPointer(base)
                break
            }
            scanned = end - start
            if exhausted {
                limit = end
                break
            }
            if scanned >= buffer.count / 2 {
                limit = safeTextCut()
                if limit > start { break }
            }
            if try !fill() {
                limit = end
                break
            }
        }
        line = lineNumber(at: start)
        let raw = UnsafeRawBufferPointer(rebasing: buffer[start..<limit])
        start = limit
        guard part == .root else {
            guard raw.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else {
                throw XMLError(line: line, reason: .contentOutsideRoot)
            }
            return nil
        }
        if raw.contains(UInt8(ascii: "&")) || raw.contains(0x0D) {
            scratchCount = 0
            let range = try decode(raw, normalizingWhiteSpace: false)
            text = UnsafeRawBufferPointer(rebasing: scratch[range])
        } else {
            text = raw
        }
        return .text
    }

    /// Where a long run of text may be cut: not inside a reference, not between CR and LF.
    private func safeTextCut() -> Int {
        var cut = end
        let lowest = max(start, end - 16)
        var i = end - 1
        while i >= lowest {
            if buffer[i] == UInt8(ascii: ";") { break }
            if buffer[i] == UInt8(ascii: "&") {
                cut = i
                break
            }
            i -= 1
        }
        if cut > start, buffer[cut - 1] == 0x0D { cut -= 1 }
        return cut
    }

    /// Whether the buffered bytes at `index` spell `pattern` (all `length` of them must be buffered).
    private func pattern(_ pattern: StaticString, length: Int, matchesAt index: Int) -> Bool {
        for j in 0..<length where buffer[index + j] != pattern.utf8Start[j] { return false }
        return true
    }

    /// Finds `pattern` in the pending input from `offset` bytes after `start`, reading
    /// more as needed.
    ///
    /// - Returns: The pattern's offset from `start`.
    func find(_ pattern: StaticString, from offset: Int) throws -> Int {
        let length = pattern.utf8CodeUnitCount
        var k = offset
        while true {
            while start + k + length <= end {
                if self.pattern(pattern, length: length, matchesAt: start + k) { return k }
                k += 1
            }
            guard try fill() else { throw error(.unexpectedEnd(inside: openElementName)) }
        }
    }

    /// Skips input up to and including `pattern`, without holding what it skips.
    func skip(through pattern: StaticString, from offset: Int) throws {
        let length = pattern.utf8CodeUnitCount
        var k = offset
        while true {
            while start + k + length <= end {
                if self.pattern(pattern, length: length, matchesAt: start + k) {
                    start += k + length
                    return
                }
                k += 1
            }
            // Keep only what could still begin the pattern.
            let keep = min(length - 1, end - start)
            start = end - keep
            k = 0
            guard try fill() else { throw error(.unexpectedEnd(inside: openElementName)) }
        }
    }
}
