import EventLog

/// The RFC 8259 grammar for ``JSONTape``: appends a node per value and checks what
/// ``EventLog/JSONParser`` checks.
///
/// UTF-8 is checked inside strings only, and only in strings with a byte above 0x7F:
/// outside strings any such byte breaks the grammar anyway. So the tape refuses the
/// same texts as ``EventLog/JSONParser``, though not always naming the same problem
/// (which checks UTF-8 first); its callers ask ``EventLog/JSONParser`` for the message.
struct JSONTapeScanner {
    private let bytes: UnsafeRawBufferPointer
    private let end: Int
    /// The next byte to read.
    private(set) var index = 0

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
        self.end = bytes.count
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while index < end {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    /// Reads one value and its descendants.
    mutating func value(into nodes: inout [JSONTape.Node], depth: Int) throws(JSONParseError) {
        skipWhitespace()
        guard index < end else { throw JSONParseError(.unexpectedEnd, at: index) }
        switch bytes[index] {
        case UInt8(ascii: "\""):
            nodes.append(try string())
            nodes[nodes.count - 1].next = nodes.count
        case UInt8(ascii: "{"):
            try object(into: &nodes, depth: depth)
        case UInt8(ascii: "["):
            try array(into: &nodes, depth: depth)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let start = index
            try number()
            nodes.append(JSONTape.Node(kind: .number, start: start, end: index, next: nodes.count + 1))
        case UInt8(ascii: "t"):
            try literal("true")
            nodes.append(JSONTape.Node(kind: .true, next: nodes.count + 1))
        case UInt8(ascii: "f"):
            try literal("false")
            nodes.append(JSONTape.Node(kind: .false, next: nodes.count + 1))
        case UInt8(ascii: "n"):
            try literal("null")
            nodes.append(JSONTape.Node(kind: .null, next: nodes.count + 1))
        default:
            throw JSONParseError(.expectedValue, at: index)
        }
    }

    private mutating func literal(_ word: StaticString) throws(JSONParseError) {
        let count = word.utf8CodeUnitCount
        guard index + count <= end else { throw JSONParseError(.invalidLiteral, at: index) }
        for i in 0..<count where bytes[index + i] != word.utf8Start[i] { throw JSONParseError(.invalidLiteral, at: index) }
        index += count
    }

    @inline(__always)
    /// RFC 8259 §6: `[ minus ] int [ frac ] [ exp ]`.
    private mutating func number() throws(JSONParseError) {
        index = try JSONLexis.endOfNumber(in: bytes, at: index)
    }

    /// Reads the string whose opening quote is under `index` (RFC 8259 §7).
    private mutating func string() throws(JSONParseError) -> JSONTape.Node {
        let open = index
        var i = open + 1
        var escaped = false
        let highs: UInt64 = 0x8080_8080_8080_8080
        // Every byte of the string OR-ed together: a high bit means UTF-8 to check.
        var seen: UInt64 = 0
        if let base = bytes.baseAddress {
            // Eight bytes at a time while none is a quote, a backslash or a control character.
            let ones: UInt64 = 0x0101_0101_0101_0101
            while i + 8 <= end {
                let word = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                seen |= word
                let quotes = word ^ (ones &* 0x22)
                let backslashes = word ^ (ones &* 0x5C)
                let special = ((quotes &- ones) & ~quotes) | ((backslashes &- ones) & ~backslashes) | ((word &- ones &* 0x20) & ~word)
                if special & highs != 0 { break }
                i += 8
            }
        }
        while i < end {
            let byte = bytes[i]
            seen |= UInt64(byte)
            if byte == UInt8(ascii: "\"") {
                if seen & highs != 0,
                    let bad = UTF8Validation.firstInvalidByteOffset(in: UnsafeRawBufferPointer(rebasing: bytes[(open + 1)..<i]))
                {
                    throw JSONParseError(.invalidUTF8, at: open + 1 + bad)
                }
                index = i + 1
                return JSONTape.Node(kind: .string, escaped: escaped, start: open + 1, end: i)
            }
            if byte < 0x20 { throw JSONParseError(.controlCharacterInString, at: i) }
            if byte == UInt8(ascii: "\\") {
                escaped = true
                guard i + 1 < end else { throw JSONParseError(.unterminatedString, at: open) }
                switch bytes[i + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                    UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    i += 2
                case UInt8(ascii: "u"):
                    i = try JSONLexis.unicodeEscape(in: bytes, at: i).next
                default:
                    throw JSONParseError(.invalidEscape, at: i)
                }
                continue
            }
            i += 1
        }
        throw JSONParseError(.unterminatedString, at: open)
    }

    private mutating func array(into nodes: inout [JSONTape.Node], depth: Int) throws(JSONParseError) {
        guard depth <= JSONParser.maximumDepth else { throw JSONParseError(.nestingTooDeep, at: index) }
        let me = nodes.count
        nodes.append(JSONTape.Node(kind: .array))
        index += 1
        skipWhitespace()
        guard index < end else { throw JSONParseError(.unexpectedEnd, at: index) }
        var count = 0
        if bytes[index] == UInt8(ascii: "]") {
            index += 1
        } else {
            while true {
                try value(into: &nodes, depth: depth + 1)
                count += 1
                skipWhitespace()
                guard index < end else { throw JSONParseError(.unexpectedEnd, at: index) }
                if bytes[index] == UInt8(ascii: "]") {
                    index += 1
                    break
                }
                guard bytes[index] == UInt8(ascii: ",") else { throw JSONParseError(.expectedCommaOrArrayEnd, at: index) }
                let comma = index
                index += 1
                skipWhitespace()
                if index < end, bytes[index] == UInt8(ascii: "]") { throw JSONParseError(.trailingComma, at: comma) }
            }
        }
        nodes[me].count = count
        nodes[me].next = nodes.count
    }

    private mutating func object(into nodes: inout [JSONTape.Node], depth: Int) throws(JSONParseError) {
        guard depth <= JSONParser.maximumDepth else { throw JSONParseError(.nestingTooDeep, at: index) }
        let me = nodes.count
        nodes.append(JSONTape.Node(kind: .object))
        index += 1
        skipWhitespace()
        guard index < end else { throw JSONParseError(.unexpectedEnd, at: index) }
        var count = 0
        if bytes[index] == UInt8(ascii: "}") {
            index += 1
        } else {
            while true {
                skipWhitespace()
                guard index < end else { throw JSONParseError(.unexpectedEnd, at: index) }
                guard bytes[index] == UInt8(ascii: "\"") else { throw JSONParseError(.expectedKey, at: index) }
                var key = try string()
                key.next = nodes.count + 1
                nodes.append(key)
                skipWhitespace()
                guard index < end else { throw JSONParseError(.unexpectedEnd, at: index) }
                guard bytes[index] == UInt8(ascii: ":") else { throw JSONParseError(.expectedColon, at: index) }
                index += 1
                try value(into: &nodes, depth: depth + 1)
                count += 1
                skipWhitespace()
                guard index < end else { throw JSONParseError(.unexpectedEnd, at: index) }
                if bytes[index] == UInt8(ascii: "}") {
                    index += 1
                    break
                }
                guard bytes[index] == UInt8(ascii: ",") else { throw JSONParseError(.expectedCommaOrObjectEnd, at: index) }
                let comma = index
                index += 1
                skipWhitespace()
                if index < end, bytes[index] == UInt8(ascii: "}") { throw JSONParseError(.trailingComma, at: comma) }
            }
        }
        nodes[me].count = count
        nodes[me].next = nodes.count
        if count > 1 { try checkUniqueKeys(nodes, object: me) }
    }

    /// Refuses an object with a key twice (compared after decoding escapes, as
    /// ``EventLog/JSONParser`` compares them), at the second occurrence.
    ///
    /// Keys go into a small hash table on the stack, so an object costs time in
    /// proportion to its members; an object with an escaped key (rare) is checked
    /// pair by pair on decoded keys instead.
    private func checkUniqueKeys(_ nodes: [JSONTape.Node], object: Int) throws(JSONParseError) {
        let count = nodes[object].count
        if count <= 8 {
            // Most objects are this small: compare the hashes of every pair.
            let duplicate: Int? = withUnsafeTemporaryAllocation(of: (hash: UInt64, node: Int).self, capacity: count) { keys in
                var index = object + 1
                for position in 0..<count {
                    let key = nodes[index]
                    if key.escaped { return pairwiseDuplicate(nodes, object: object) }
                    let hash = hash(key)
                    for earlier in 0..<position where keys[earlier].hash == hash && same(nodes[keys[earlier].node], key) {
                        return index
                    }
                    keys[position] = (hash, index)
                    index = nodes[index + 1].next
                }
                return nil
            }
            if let duplicate { throw JSONParseError(.duplicateKey, at: nodes[duplicate].start - 1) }
            return
        }
        var size = 16
        while size < 2 * count { size *= 2 }
        let duplicate: Int? = withUnsafeTemporaryAllocation(of: Int.self, capacity: size) { table in
            table.initialize(repeating: -1)
            var index = object + 1
            for _ in 0..<count {
                let key = nodes[index]
                if key.escaped { return pairwiseDuplicate(nodes, object: object) }
                var slot = Int(truncatingIfNeeded: hash(key) >> 40) & (size - 1)
                while table[slot] >= 0 {
                    if same(nodes[table[slot]], key) { return index }
                    slot = (slot + 1) & (size - 1)
                }
                table[slot] = index
                index = nodes[index + 1].next
            }
            return nil
        }
        if let duplicate { throw JSONParseError(.duplicateKey, at: nodes[duplicate].start - 1) }
    }

    /// The first key equal to an earlier one, comparing every pair.
    private func pairwiseDuplicate(_ nodes: [JSONTape.Node], object: Int) -> Int? {
        var keys: [Int] = []
        var index = object + 1
        for _ in 0..<nodes[object].count {
            if keys.contains(where: { same(nodes[$0], nodes[index]) }) { return index }
            keys.append(index)
            index = nodes[index + 1].next
        }
        return nil
    }

    /// A hash of an unescaped key's bytes: its length and its first and last eight bytes.
    @inline(__always)
    private func hash(_ key: JSONTape.Node) -> UInt64 {
        let length = key.end - key.start
        var first: UInt64 = 0
        var last: UInt64 = 0
        if let base = bytes.baseAddress, length >= 8 {
            first = base.loadUnaligned(fromByteOffset: key.start, as: UInt64.self)
            last = base.loadUnaligned(fromByteOffset: key.end - 8, as: UInt64.self)
        } else {
            for offset in 0..<length { first |= UInt64(bytes[key.start + offset]) << (8 * UInt64(offset)) }
        }
        return (first ^ (last << 29 | last >> 35) ^ UInt64(length)) &* 0x9E37_79B9_7F4A_7C15
    }

    private func same(_ a: JSONTape.Node, _ b: JSONTape.Node) -> Bool {
        let left = UnsafeRawBufferPointer(rebasing: bytes[a.start..<a.end])
        let right = UnsafeRawBufferPointer(rebasing: bytes[b.start..<b.end])
        if !a.escaped, !b.escaped {
            return left.count == right.count && left.first == right.first && left.elementsEqual(right)
        }
        return JSONTape.decode(left) == JSONTape.decode(right)
    }
}
