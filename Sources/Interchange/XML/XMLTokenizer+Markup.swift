/// Tags, declarations and sections (XML 1.0 §2.5–§2.8, §3.1).
extension XMLTokenizer {
    /// Reads `<name attr="value" …>` or `<name … />` starting at `start`.
    func readStartTag() throws -> XMLToken {
        while true {
            if let token = try parseStartTag() { return token }
            // The tag runs past the buffered input: read more and parse it again.
            guard try fill() else { throw error(.unexpectedEnd(inside: openElementName)) }
        }
    }

    /// Parses the start tag at `start` in one pass over the buffered input.
    ///
    /// - Returns: The token, or `nil` when the tag is not complete in the buffer yet.
    private func parseStartTag() throws -> XMLToken? {
        let bytes = UnsafeRawBufferPointer(buffer)
        let limit = end
        func malformed(_ detail: String) -> XMLError {
            XMLError(line: lineNumber(at: start), reason: .malformed(detail))
        }
        var i = start + 1
        let nameStart = i
        while i < limit, !isNameTerminator(bytes[i]) { i += 1 }
        guard i < limit else { return nil }
        guard i > nameStart else { throw malformed("a tag without a name") }
        let nameRange = nameStart..<i
        var ranges = pendingAttributes
        pendingAttributes = []
        ranges.removeAll(keepingCapacity: true)
        defer { pendingAttributes = ranges }
        scratchCount = 0
        var isEmpty = false
        while true {
            let beforeSpace = i
            while i < limit, isWhiteSpace(bytes[i]) { i += 1 }
            guard i < limit else { return nil }
            if bytes[i] == UInt8(ascii: ">") { break }
            if bytes[i] == UInt8(ascii: "/") {
                guard i + 1 < limit else { return nil }
                guard bytes[i + 1] == UInt8(ascii: ">") else { throw malformed("'/' not followed by '>' in a tag") }
                isEmpty = true
                i += 1
                break
            }
            guard i > beforeSpace else { throw malformed("attributes must be separated by white space") }
            let attributeStart = i
            while i < limit, !isNameTerminator(bytes[i]) { i += 1 }
            guard i < limit else { return nil }
            guard i > attributeStart else { throw malformed("an attribute without a name") }
            let attributeName = attributeStart..<i
            while i < limit, isWhiteSpace(bytes[i]) { i += 1 }
            guard i < limit else { return nil }
            guard bytes[i] == UInt8(ascii: "=") else { throw malformed("an attribute without '=' and a quoted value") }
            i += 1
            while i < limit, isWhiteSpace(bytes[i]) { i += 1 }
            guard i < limit else { return nil }
            let quote = bytes[i]
            guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
                throw malformed("an attribute value without quotes")
            }
            i += 1
            let valueStart = i
            var needsDecoding = false
            while i < limit {
                let byte = bytes[i]
                if byte == quote { break }
                if byte <= UInt8(ascii: "<") {
                    switch byte {
                    case UInt8(ascii: "&"), 0x09, 0x0A, 0x0D: needsDecoding = true
                    case UInt8(ascii: "<"): throw malformed("'<' in an attribute value")
                    default: break
                    }
                }
                i += 1
            }
            guard i < limit else { return nil }
            ranges.append((attributeName, valueStart..<i, needsDecoding))
            i += 1
        }
        // The whole tag is here: `bytes[i]` is its '>'.
        line = lineNumber(at: start)
        switch part {
        case .prolog: part = .root
        case .root: break
        case .epilog: throw XMLError(line: line, reason: .contentOutsideRoot)
        }
        for index in ranges.indices where ranges[index].inScratch {
            ranges[index].value = try decode(UnsafeRawBufferPointer(rebasing: bytes[ranges[index].value]), normalizingWhiteSpace: true)
        }
        if ranges.count > 1 { try checkUniqueAttributeNames(ranges, in: bytes) }
        name = UnsafeRawBufferPointer(rebasing: bytes[nameRange])
        attributes.removeAll(keepingCapacity: true)
        let decoded = UnsafeRawBufferPointer(scratch)
        for pending in ranges {
            let value =
                pending.inScratch
                ? UnsafeRawBufferPointer(rebasing: decoded[pending.value])
                : UnsafeRawBufferPointer(rebasing: bytes[pending.value])
            attributes.append(XMLAttribute(name: UnsafeRawBufferPointer(rebasing: bytes[pending.name]), value: value))
        }
        if !isEmpty {
            openNames.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[nameRange]))
            openLengths.append(nameRange.count)
        } else if openLengths.isEmpty {
            part = .epilog
        }
        start = i + 1
        return .startElement(isEmpty: isEmpty)
    }

    /// Reads `</name>` and checks that it closes the open element.
    func readEndTag() throws -> XMLToken {
        let close = try find(">", from: 2)
        line = lineNumber(at: start)
        var nameEnd = start + close
        while nameEnd > start + 2, isWhiteSpace(buffer[nameEnd - 1]) { nameEnd -= 1 }
        let found = UnsafeRawBufferPointer(rebasing: buffer[(start + 2)..<nameEnd])
        guard let length = openLengths.last else {
            throw XMLError(line: line, reason: .malformed("end tag </\(String(decoding: found, as: UTF8.self))> without a start tag"))
        }
        let matches = openNames.withUnsafeBytes { names in
            found.count == length && found.elementsEqual(UnsafeRawBufferPointer(rebasing: names[(names.count - length)...]))
        }
        guard matches else {
            throw XMLError(
                line: line,
                reason: .mismatchedEndTag(expected: openElementName ?? "", found: String(decoding: found, as: UTF8.self)))
        }
        openNames.removeLast(length)
        openLengths.removeLast()
        if openLengths.isEmpty { part = .epilog }
        name = found
        start += close + 1
        return .endElement
    }

    /// Skips `<?target …?>`, checking the encoding the XML declaration names.
    func skipProcessingInstruction() throws {
        let isDeclaration: Bool
        while end - start < 6, try fill() {}
        if end - start >= 6 {
            let head = UnsafeRawBufferPointer(rebasing: buffer[start..<(start + 6)])
            isDeclaration = head.prefix(5).elementsEqual("<?xml".utf8) && isWhiteSpace(head[5])
        } else {
            isDeclaration = false
        }
        guard isDeclaration else {
            try skip(through: "?>", from: 2)
            return
        }
        let close = try find("?>", from: 2)
        let declaration = UnsafeRawBufferPointer(rebasing: buffer[start..<(start + close)])
        if let encoding = Self.pseudoAttribute("encoding", in: declaration) {
            let lowered = String(decoding: encoding.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
            guard ["utf-8", "utf8", "us-ascii", "ascii"].contains(lowered) else {
                throw error(.unsupportedEncoding(String(decoding: encoding, as: UTF8.self)))
            }
        }
        start += close + 2
    }

    /// Reads `<!-- … -->` (skipped), `<![CDATA[ … ]]>` (text) or `<!DOCTYPE …>` (skipped).
    ///
    /// - Returns: `.text` for a CDATA section inside the root, `nil` otherwise.
    func readDeclarationOrSection() throws -> XMLToken? {
        while end - start < 9, try fill() {}
        let head = UnsafeRawBufferPointer(rebasing: buffer[start..<min(end, start + 9)])
        if head.starts(with: "<!--".utf8) {
            try skip(through: "-->", from: 4)
            return nil
        }
        if head.starts(with: "<![CDATA[".utf8) {
            let close = try find("]]>", from: 9)
            line = lineNumber(at: start)
            guard part == .root else { throw XMLError(line: line, reason: .contentOutsideRoot) }
            let raw = UnsafeRawBufferPointer(rebasing: buffer[(start + 9)..<(start + close)])
            if raw.contains(0x0D) {
                scratchCount = 0
                text = UnsafeRawBufferPointer(rebasing: scratch[try decode(raw, normalizingWhiteSpace: false, references: false)])
            } else {
                text = raw
            }
            start += close + 3
            return .text
        }
        if head.starts(with: "<!DOCTYPE".utf8) {
            guard part == .prolog else { throw error(.malformed("a document type declaration after the root element began")) }
            try skipDocumentType()
            return nil
        }
        throw error(.malformed("'<!' that starts no comment, CDATA section or DOCTYPE"))
    }

    /// Skips a document type declaration, internal subset and all.
    private func skipDocumentType() throws {
        var k = 9
        var quote: UInt8 = 0
        var brackets = 0
        while true {
            while start + k < end {
                let byte = buffer[start + k]
                k += 1
                if quote != 0 {
                    if byte == quote { quote = 0 }
                    continue
                }
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "'"): quote = byte
                case UInt8(ascii: "["): brackets += 1
                case UInt8(ascii: "]"): brackets -= 1
                case UInt8(ascii: ">") where brackets <= 0:
                    start += k
                    return
                default: break
                }
            }
            guard try fill() else { throw error(.unexpectedEnd(inside: nil)) }
        }
    }

    /// Refuses a tag that names one attribute twice (XML 1.0 §3.1, "Unique Att Spec").
    private func checkUniqueAttributeNames(
        _ ranges: [(name: Range<Int>, value: Range<Int>, inScratch: Bool)], in bytes: UnsafeRawBufferPointer
    ) throws {
        for i in 1..<ranges.count {
            let a = UnsafeRawBufferPointer(rebasing: bytes[ranges[i].name])
            for j in 0..<i where a.equals(UnsafeRawBufferPointer(rebasing: bytes[ranges[j].name])) {
                throw XMLError(line: line, reason: .malformed("attribute '\(String(decoding: a, as: UTF8.self))' appears twice"))
            }
        }
    }

    /// The value of `name="…"` in an XML declaration.
    static func pseudoAttribute(_ name: String, in declaration: UnsafeRawBufferPointer) -> [UInt8]? {
        let bytes = Array(declaration)
        let key = Array(name.utf8)
        var i = 0
        while i + key.count < bytes.count {
            if bytes[i..<(i + key.count)].elementsEqual(key), i > 0, isWhiteSpace(bytes[i - 1]) {
                var j = i + key.count
                while j < bytes.count, isWhiteSpace(bytes[j]) { j += 1 }
                guard j < bytes.count, bytes[j] == UInt8(ascii: "=") else { return nil }
                j += 1
                while j < bytes.count, isWhiteSpace(bytes[j]) { j += 1 }
                guard j < bytes.count, bytes[j] == UInt8(ascii: "\"") || bytes[j] == UInt8(ascii: "'") else { return nil }
                let quote = bytes[j]
                guard let close = bytes[(j + 1)...].firstIndex(of: quote) else { return nil }
                return Array(bytes[(j + 1)..<close])
            }
            i += 1
        }
        return nil
    }
}

/// XML's white space: space, tab, line feed, carriage return (XML 1.0 §2.3, `S`).
@inline(__always)
func isWhiteSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
}

/// Where a name ends inside a tag.
@inline(__always)
func isNameTerminator(_ byte: UInt8) -> Bool {
    isWhiteSpace(byte) || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "=")
}
