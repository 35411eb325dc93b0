/// The top-level keys of an envelope, including the two the log assigns.
///
/// Declared in canonical key order (sorted by UTF-8 bytes), which is also the order
/// of the stored body.
enum EnvelopeField: Int, CaseIterable, Sendable {
    case actor, at, data, dept, id, recorded, seq, subject, type

    /// The key as it appears in JSON.
    var name: String {
        switch self {
        case .actor: "actor"
        case .at: "at"
        case .data: "data"
        case .dept: "dept"
        case .id: "id"
        case .recorded: "recorded"
        case .seq: "seq"
        case .subject: "subject"
        case .type: "type"
        }
    }

    /// Whether the log, not the sender, sets this field.
    var isAssignedByLog: Bool { self == .recorded || self == .seq }

    /// Recognises a key by its exact UTF-8 bytes.
    ///
    /// Compares bytes rather than using `String ==`, which applies Unicode canonical
    /// equivalence and could let a differently encoded key pass for a known one.
    ///
    /// - Parameter key: A top-level key's decoded UTF-8 bytes.
    /// - Returns: The field, or `nil` for any other key.
    init?(key: UnsafeBufferPointer<UInt8>) {
        guard key.count >= 2, key.count <= 8 else { return nil }
        let candidate: EnvelopeField
        switch key[0] {
        case UInt8(ascii: "a"): candidate = key.count == 2 ? .at : .actor
        case UInt8(ascii: "d"): candidate = key.count == 4 && key[1] == UInt8(ascii: "e") ? .dept : .data
        case UInt8(ascii: "i"): candidate = .id
        case UInt8(ascii: "r"): candidate = .recorded
        case UInt8(ascii: "s"): candidate = key.count == 3 ? .seq : .subject
        case UInt8(ascii: "t"): candidate = .type
        default: return nil
        }
        var name = candidate.name
        guard name.withUTF8({ JSONKeyOrder.compare($0, key) == 0 }) else { return nil }
        self = candidate
    }
}
