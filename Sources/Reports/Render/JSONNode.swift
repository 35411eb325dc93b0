/// A JSON value with its members in the order written, for the JSON report.
///
/// Written with two-space indentation, one member per line, except that small values stay on
/// one line: arrays of scalars, and objects whose members are scalars, arrays of scalars or
/// objects of scalars (an evidence entry, an entry of the inspectors' list). Numbers are
/// literals formatted by the report (no floating point printing), so the output is the same on
/// every machine.
indirect enum JSONNode {
    case object([(String, JSONNode)])
    case array([JSONNode])
    case string(String)
    case number(String)
    case bool(Bool)
    case null
    /// JSON text copied as it is (an event's canonical `data`), on one line.
    case raw(String)

    static func int(_ value: Int) -> JSONNode { .number(String(value)) }
    static func int(_ value: Int64) -> JSONNode { .number(String(value)) }
    static func optional(_ value: String?) -> JSONNode { value.map { .string($0) } ?? .null }

    /// The value as text, ending without a newline.
    func rendered(indent: Int = 0) -> String {
        var out = ""
        write(into: &out, indent: indent)
        return out
    }

    private var isScalar: Bool {
        switch self {
        case .object, .array: false
        default: true
        }
    }

    /// Scalars, and arrays and objects of scalars.
    private var isShallow: Bool {
        switch self {
        case .array(let items): items.allSatisfy(\.isScalar)
        case .object(let members): members.allSatisfy { $0.1.isScalar }
        default: true
        }
    }

    /// Written on one line.
    private var isInline: Bool {
        switch self {
        case .array(let items): items.allSatisfy(\.isScalar)
        case .object(let members): members.allSatisfy { $0.1.isShallow }
        default: true
        }
    }

    private func write(into out: inout String, indent: Int) {
        let inner = String(repeating: " ", count: indent + 2)
        switch self {
        case .object(let members):
            guard !members.isEmpty else { return out += "{}" }
            if isInline {
                out += "{"
                for (index, (key, value)) in members.enumerated() {
                    if index > 0 { out += ", " }
                    JSONString.append(key, to: &out)
                    out += ": "
                    value.write(into: &out, indent: indent)
                }
                return out += "}"
            }
            out += "{\n"
            for (index, (key, value)) in members.enumerated() {
                out += inner
                JSONString.append(key, to: &out)
                out += ": "
                value.write(into: &out, indent: indent + 2)
                out += index == members.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "}"
        case .array(let items):
            guard !items.isEmpty else { return out += "[]" }
            if isInline {
                out += "["
                for (index, item) in items.enumerated() {
                    if index > 0 { out += ", " }
                    item.write(into: &out, indent: indent)
                }
                return out += "]"
            }
            out += "[\n"
            for (index, item) in items.enumerated() {
                out += inner
                item.write(into: &out, indent: indent + 2)
                out += index == items.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "]"
        case .string(let text): JSONString.append(text, to: &out)
        case .number(let literal): out += literal
        case .bool(let value): out += value ? "true" : "false"
        case .null: out += "null"
        case .raw(let text): out += text
        }
    }
}
