/// A JSON value (RFC 8259 §3) as IronCage reads it.
///
/// Numbers keep the literal text they were written with (RFC 8259 §6 leaves their
/// precision to implementations; keeping the text means nothing is rounded on the way
/// into the log, and the canonical form reproduces it exactly). Objects keep their
/// members sorted by the UTF-8 bytes of their keys, with no duplicates, so that lookup
/// is a short search and the canonical form needs no further sorting.
///
/// Equality is exact: two values are equal when their canonical forms
/// (``CanonicalJSON``) are byte for byte the same. In particular strings compare by
/// their UTF-8 bytes, not by Swift's Unicode canonical equivalence, and the numbers
/// `1`, `1.0` and `1e0` are all different.
public enum JSONValue: Sendable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number, as its literal text (validated against the RFC 8259 §6 grammar).
    case number(literal: String)
    /// A string, with its escapes decoded.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object.
    case object(JSONObject)
}

extension JSONValue: Equatable {
    /// Exact equality: same kind, same number literal, same string bytes, same members.
    ///
    /// - Parameters:
    ///   - lhs: A value.
    ///   - rhs: Another value.
    /// - Returns: `true` when their canonical forms are the same bytes.
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null):
            true
        case let (.bool(a), .bool(b)):
            a == b
        case let (.number(a), .number(b)):
            JSONKeyOrder.equal(a, b)
        case let (.string(a), .string(b)):
            JSONKeyOrder.equal(a, b)
        case let (.array(a), .array(b)):
            a == b
        case let (.object(a), .object(b)):
            a == b
        default:
            false
        }
    }
}
