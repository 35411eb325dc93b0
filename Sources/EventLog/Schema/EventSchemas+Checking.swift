/// The documented fields of one object, compiled for a walk over canonical JSON.
struct CompiledFields: Sendable {
    struct Entry: Sendable {
        var name: [UInt8]
        var field: EventSchemas.Field
        /// The closed values' canonical bytes.
        var values: [[UInt8]]?
        var nested: CompiledFields?
    }

    /// In the order of the names' UTF-8 bytes: the order of a canonical object's members.
    var entries: [Entry]

    init(_ fields: [String: EventSchemas.Field]) {
        entries = fields.map { name, field in
            Entry(
                name: Array(name.utf8), field: field, values: field.values?.map { CanonicalJSON.bytes(of: $0) },
                nested: field.fields.isEmpty ? nil : CompiledFields(field.fields))
        }.sorted { $0.name.lexicographicallyPrecedes($1.name) }
    }

    /// Walks the object at the scanner's position (its members sorted, as canonical JSON
    /// keeps them) beside the documented fields, and returns the first problem.
    func problem(in scanner: inout CanonicalScanner, path: String) -> EnvelopeRejection? {
        var next = 0
        func missing(before name: UnsafeRawBufferPointer?) -> EnvelopeRejection? {
            while next < entries.count {
                let entry = entries[next]
                if let name, !entry.name.lexicographicallyPrecedes(name) { return nil }
                next += 1
                if entry.field.required { return EnvelopeRejection(field: path + "." + String(decoding: entry.name, as: UTF8.self), reason: .missingField) }
            }
            return nil
        }
        guard scanner.enterObject() else { return EnvelopeRejection(field: path, reason: .wrongType(expected: "an object")) }
        while let key = scanner.nextKey() {
            if let problem = missing(before: key) { return problem }
            let value = scanner.value()
            guard next < entries.count, entries[next].name.elementsEqual(key) else { continue }
            let entry = entries[next]
            next += 1
            let fieldPath = path + "." + String(decoding: entry.name, as: UTF8.self)
            if value.first == UInt8(ascii: "n") {
                if entry.field.required { return EnvelopeRejection(field: fieldPath, reason: .missingField) }
                continue
            }
            guard Self.conforms(value, to: entry.field.type) else {
                return EnvelopeRejection(field: fieldPath, reason: .wrongType(expected: EventSchemas.article(entry.field.type)))
            }
            if let values = entry.values, !values.contains(where: { $0.elementsEqual(value) }) {
                return EnvelopeRejection(field: fieldPath, reason: .notDocumentedValue)
            }
            if let items = entry.field.items {
                var elements = CanonicalScanner(bytes: value)
                guard elements.enterArray() else { continue }
                while let element = elements.nextElement() {
                    if !Self.conforms(element, to: items) {
                        return EnvelopeRejection(field: fieldPath, reason: .wrongType(expected: "an array of \(items) values"))
                    }
                }
            }
            if let nested = entry.nested {
                var inner = CanonicalScanner(bytes: value)
                if let problem = nested.problem(in: &inner, path: fieldPath) { return problem }
            }
        }
        return missing(before: nil)
    }

    /// Whether a canonical value has a field type (see `EventSchemas.fieldTypes`).
    static func conforms(_ value: UnsafeRawBufferPointer, to type: String) -> Bool {
        guard let first = value.first else { return false }
        let isNumber = first == UInt8(ascii: "-") || (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9"))
        // A string of a date or an instant has no escapes; its text is between the quotes.
        let text = first == UInt8(ascii: "\"") && value.count >= 2 ? UnsafeRawBufferPointer(rebasing: value.dropFirst().dropLast()) : nil
        switch type {
        case "string": return first == UInt8(ascii: "\"")
        case "number": return isNumber
        case "integer":
            guard isNumber, !value.contains(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) else { return false }
            return value.count <= 20 && Int64(String(decoding: value, as: UTF8.self)) != nil
        case "boolean": return first == UInt8(ascii: "t") || first == UInt8(ascii: "f")
        case "array": return first == UInt8(ascii: "[")
        case "object": return first == UInt8(ascii: "{")
        case "date": return text.map { EventSchemas.isDate($0) } ?? false
        case "month":
            guard let text, text.count == 7 else { return false }
            return EventSchemas.isDate(Array(text) + Array("-01".utf8))
        case "instant": return text.map { Instant(rfc3339: $0) != nil } ?? false
        default: return false
        }
    }
}

/// Steps through canonical JSON (no white space; strings as written by `CanonicalJSON`)
/// without decoding it: enough to find members, elements and the bytes of each value.
struct CanonicalScanner {
    let bytes: UnsafeRawBufferPointer
    private var position = 0

    init(bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    mutating func enterObject() -> Bool { enter(UInt8(ascii: "{")) }
    mutating func enterArray() -> Bool { enter(UInt8(ascii: "[")) }

    private mutating func enter(_ opening: UInt8) -> Bool {
        guard position < bytes.count, bytes[position] == opening else { return false }
        position += 1
        return true
    }

    /// The next member's key, its raw bytes between the quotes; nil at the object's end.
    mutating func nextKey() -> UnsafeRawBufferPointer? {
        if position < bytes.count, bytes[position] == UInt8(ascii: ",") { position += 1 }
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { return nil }
        let start = position + 1
        skipString()
        let key = UnsafeRawBufferPointer(rebasing: bytes[start..<(position - 1)])
        position += 1  // ':'
        return key
    }

    /// The next array element's bytes; nil at the array's end.
    mutating func nextElement() -> UnsafeRawBufferPointer? {
        if position < bytes.count, bytes[position] == UInt8(ascii: ",") { position += 1 }
        guard position < bytes.count, bytes[position] != UInt8(ascii: "]") else { return nil }
        return value()
    }

    /// The bytes of the value at the position, which moves past it.
    mutating func value() -> UnsafeRawBufferPointer {
        let start = position
        guard position < bytes.count else { return UnsafeRawBufferPointer(rebasing: bytes[start..<start]) }
        switch bytes[position] {
        case UInt8(ascii: "\""):
            skipString()
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            repeat {
                switch bytes[position] {
                case UInt8(ascii: "\""): skipString(); continue
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
                default: break
                }
                position += 1
            } while depth > 0 && position < bytes.count
        default:
            while position < bytes.count, bytes[position] != UInt8(ascii: ","), bytes[position] != UInt8(ascii: "}"),
                bytes[position] != UInt8(ascii: "]")
            {
                position += 1
            }
        }
        return UnsafeRawBufferPointer(rebasing: bytes[start..<position])
    }

    /// Moves past the string that starts at the position.
    private mutating func skipString() {
        position += 1
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: "\\"): position += 2
            case UInt8(ascii: "\""):
                position += 1
                return
            default: position += 1
            }
        }
    }
}
