#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import EventLog

/// One JSON text read into a flat list of nodes that point into the text, for reading
/// large documents such as OCDS releases quickly.
///
/// ``EventLog/JSONParser`` builds a tree of `String`s, arrays and sorted objects: right
/// for rule packs and payloads, but a 9 KB compiled release has some 500 values, and
/// allocating, sorting and freeing them took more time than everything else the OCDS
/// import does. A tape allocates nothing per value (its node list is reused from one
/// text to the next): each node records its kind, where its text is, and where the
/// next value after it begins, so a reader skips a whole object in one step. Strings
/// stay in the input until asked for; only those with escapes are decoded.
///
/// The grammar and its limits are ``EventLog/JSONParser``'s (RFC 8259, well-formed
/// UTF-8, unique keys, `\u` surrogates in pairs, depth at most
/// ``EventLog/JSONParser/maximumDepth``): a tape refuses exactly the texts the parser
/// refuses; see ``parse(_:)``.
///
/// Layout: a value is one node; an array's elements follow it, an object's members
/// follow it as key node then value node. ``Node/next`` of a value is the index of the
/// node after its last descendant.
///
/// Not `Sendable`: a tape points into memory its caller owns, and only during the
/// reading of one text.
struct JSONTape {
    /// What a node is.
    enum Kind: UInt8 {
        case null, `false`, `true`, number, string, array, object
    }

    /// One value (or object key).
    struct Node {
        var kind: Kind
        /// For a string: whether it has escapes (so its text must be decoded).
        var escaped = false
        /// For an array or object: how many elements or members.
        var count = 0
        /// For a string, its content (between the quotes); for a number, its literal.
        var start = 0
        var end = 0
        /// The index of the node after this one and its descendants.
        var next = 0
    }

    /// The nodes of the last text parsed; the top-level value is node 0.
    private(set) var nodes: [Node] = []
    /// The text the nodes point into; valid only while the caller keeps it alive.
    private(set) var text = UnsafeRawBufferPointer(start: nil, count: 0)
    /// Decoded bytes of an escaped string.
    private var scratch: [UInt8] = []

    /// The top-level value.
    static let root = 0

    // MARK: Reading

    /// The kind of a node.
    @inline(__always)
    func kind(_ node: Int) -> Kind { nodes[node].kind }

    /// The value of an object's member.
    ///
    /// - Parameters:
    ///   - object: An object node.
    ///   - key: The member's key (ASCII, as OCDS's are).
    /// - Returns: The value's node, or `nil` when the object has no such member (or
    ///   the node is not an object).
    func member(_ object: Int, _ key: StaticString) -> Int? {
        guard nodes[object].kind == .object else { return nil }
        let wanted = UnsafeRawBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount)
        var index = object + 1
        for _ in 0..<nodes[object].count {
            let keyNode = nodes[index]
            if keyNode.escaped {
                if decodedEquals(keyNode, wanted) { return index + 1 }
            } else if keyNode.end - keyNode.start == wanted.count,
                memcmpEquals(keyNode.start, wanted)
            {
                return index + 1
            }
            index = nodes[index + 1].next
        }
        return nil
    }

    /// The nodes of an array's elements (or an object's member values), in order,
    /// found as they are iterated (nothing is allocated).
    func elements(_ container: Int) -> Elements {
        Elements(nodes: nodes, container: container)
    }

    /// No elements at all.
    static let noElements = Elements(nodes: [], container: nil)

    /// The elements of an array (or the member values of an object).
    struct Elements: Sequence {
        fileprivate let nodes: [Node]
        fileprivate let container: Int?

        func makeIterator() -> Iterator {
            guard let container else { return Iterator(nodes: nodes, isObject: false, left: 0, index: 0) }
            return Iterator(nodes: nodes, isObject: nodes[container].kind == .object, left: nodes[container].count, index: container + 1)
        }

        struct Iterator: IteratorProtocol {
            fileprivate let nodes: [Node]
            fileprivate let isObject: Bool
            fileprivate var left: Int
            fileprivate var index: Int

            mutating func next() -> Int? {
                guard left > 0 else { return nil }
                left -= 1
                if isObject { index += 1 }
                let element = index
                index = nodes[index].next
                return element
            }
        }
    }

    /// The text of a string node as written, escapes and all, or of a number node.
    func raw(_ node: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: text[nodes[node].start..<nodes[node].end])
    }

    /// Whether a node is an empty string.
    func isEmptyString(_ node: Int) -> Bool {
        nodes[node].kind == .string && nodes[node].start == nodes[node].end
    }

    /// A string node's value as a `String` (escapes decoded), or a number's literal.
    func string(_ node: Int) -> String {
        let raw = raw(node)
        guard nodes[node].escaped else { return String(decoding: raw, as: UTF8.self) }
        return String(decoding: Self.decode(raw), as: UTF8.self)
    }

    /// Lends a string node's decoded UTF-8 to `body`.
    mutating func withString<R>(_ node: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        guard nodes[node].escaped else { return try body(raw(node)) }
        scratch = Self.decode(raw(node))
        return try scratch.withUnsafeBytes { try body($0) }
    }

    /// Whether the bytes at `start` in the text are `wanted`.
    @inline(__always)
    private func memcmpEquals(_ start: Int, _ wanted: UnsafeRawBufferPointer) -> Bool {
        guard let base = text.baseAddress, let other = wanted.baseAddress else { return wanted.isEmpty }
        return memcmp(base + start, other, wanted.count) == 0
    }

    /// Whether an escaped key decodes to `wanted`.
    private func decodedEquals(_ keyNode: Node, _ wanted: UnsafeRawBufferPointer) -> Bool {
        let decoded = Self.decode(UnsafeRawBufferPointer(rebasing: text[keyNode.start..<keyNode.end]))
        return decoded.elementsEqual(wanted)
    }

    /// Decodes the escapes of a string's content, which ``parse(_:)`` has checked.
    static func decode(_ content: UnsafeRawBufferPointer) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(content.count)
        var i = 0
        while i < content.count {
            let byte = content[i]
            guard byte == UInt8(ascii: "\\") else {
                out.append(byte)
                i += 1
                continue
            }
            let escape = content[i + 1]
            i += 2
            switch escape {
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                // Checked by the scanner, so the escape is well formed.
                guard let (scalar, next) = try? JSONLexis.unicodeEscape(in: content, at: i - 2) else { return out }
                JSONLexis.appendUTF8(scalar, to: &out)
                i = next
            default:
                // `"`, `\` and `/` stand for themselves.
                out.append(escape)
            }
        }
        return out
    }

    // MARK: Parsing

    /// Reads one JSON text.
    ///
    /// - Parameter input: The text; it must stay alive and unchanged while the nodes are read.
    /// - Throws: ``EventLog/JSONParseError`` when the text is not acceptable to
    ///   ``EventLog/JSONParser``. It names the same problem for texts in ASCII; with
    ///   ill-formed UTF-8 the parser may name another (it checks UTF-8 first), so for a
    ///   message, ask ``EventLog/JSONParser`` about the same text.
    mutating func parse(_ input: UnsafeRawBufferPointer) throws(JSONParseError) {
        nodes.removeAll(keepingCapacity: true)
        text = input
        guard !input.isEmpty else { throw JSONParseError(.unexpectedEnd, at: 0) }
        var scanner = JSONTapeScanner(input)
        try scanner.value(into: &nodes, depth: 1)
        scanner.skipWhitespace()
        if scanner.index < input.count { throw JSONParseError(.trailingData, at: scanner.index) }
    }
}
