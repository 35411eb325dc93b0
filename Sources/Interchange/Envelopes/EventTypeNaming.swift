import EventLog

/// Turns event names from other systems (an XES `concept:name`, a CSV cell) into
/// envelope types, deterministically.
///
/// In order:
///
/// 1. a name listed in the mapping's table gets the type the table gives;
/// 2. a name that is already a dotted lower-case type (`case.accepted`) is kept;
/// 3. a name in ASCII becomes `<prefix>.<slug>`, where the slug is the name
///    lower-cased, with every run of characters other than `a`–`z` and `0`–`9`
///    turned into one `_`, `_` trimmed from both ends, `n` put in front when it
///    would start with a digit, and — when longer than 64 bytes — cut to 48 bytes and
///    ended with `_` and 8 hex digits of the name's SHA-256, so long names stay
///    distinct. `Send Fine` → `event.send_fine`, `W_Completeren aanvraag` →
///    `event.w_completeren_aanvraag`, `1st review` → `event.n1st_review`;
/// 4. any other name — one with a character outside ASCII, such as `受理`, or one with
///    no letter or digit at all — becomes `<prefix>.x` followed by the first 16 hex
///    digits of the SHA-256 of its UTF-8 bytes: `event.x` + 16 hex digits, the same on
///    every run and every machine. Map such names in the table to get readable types;
///    the importers list the names that fell back.
///
/// The envelope's type pattern is `^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$` (see
/// ``EventLog/Envelope``), which every result matches.
public struct EventTypeNaming: Sendable {
    /// The first segments of derived types, such as `event` or `permit`.
    public let prefix: String
    /// Names with a type chosen by the mapping.
    public let table: [String: String]

    /// Creates a naming.
    ///
    /// - Parameters:
    ///   - prefix: One or more dotted lower-case segments (`event`, `gy.permit`).
    ///   - table: Names with their types; each type must be a dotted lower-case name.
    ///   - prefixKey: The prefix's key in the mapping, for errors.
    ///   - tableKey: The table's key in the mapping, for errors.
    /// - Throws: ``MappingError`` naming a bad prefix (`prefixKey`) or a bad type in the
    ///   table (`tableKey["name"]`).
    public init(
        prefix: String, table: [(key: String, value: String)] = [], prefixKey: String = "type_prefix",
        tableKey: String = "types"
    ) throws(MappingError) {
        guard Self.isDottedName(prefix, minimumSegments: 1) else {
            throw MappingError(key: prefixKey, message: "must be dotted lower-case segments such as 'event' or 'gy.permit'")
        }
        var types: [String: String] = [:]
        for (name, type) in table {
            guard Self.isDottedName(type, minimumSegments: 2) else {
                throw MappingError(
                    key: tableKey + "[\"\(EnvelopeRejection.printableFieldName(name))\"]",
                    message: "must be a dotted lower-case type such as 'case.accepted'")
            }
            types[name] = type
        }
        self.prefix = prefix
        self.table = types
    }

    /// Whether a name was given a type by the table, kept, or slugged — as opposed to
    /// falling back to a hash.
    public enum Derivation: Sendable, Equatable {
        case mapped, kept, slug, hashed
    }

    /// The type for a name.
    ///
    /// - Parameter name: The name as found in the input.
    /// - Returns: The type and how it was derived.
    public func type(for name: String) -> (type: String, derivation: Derivation) {
        if let mapped = table[name] { return (mapped, .mapped) }
        if Self.isDottedName(name, minimumSegments: 2) { return (name, .kept) }
        if let slug = Self.slug(name) { return (prefix + "." + slug, .slug) }
        return (prefix + ".x" + String(SHA256.hash(name).hex.prefix(16)), .hashed)
    }

    /// The slug of an ASCII name, or `nil` for a name outside ASCII or without a
    /// letter or digit.
    ///
    /// - Parameter name: The name.
    /// - Returns: The slug as rule 3 above describes.
    public static func slug(_ name: String) -> String? {
        var slug: [UInt8] = []
        var pendingSeparator = false
        for byte in name.utf8 {
            guard byte < 0x80 else { return nil }
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "A")...UInt8(ascii: "Z"):
                if pendingSeparator, !slug.isEmpty { slug.append(UInt8(ascii: "_")) }
                pendingSeparator = false
                slug.append(byte | (byte <= UInt8(ascii: "Z") && byte >= UInt8(ascii: "A") ? 0x20 : 0))
            default:
                pendingSeparator = true
            }
        }
        guard let first = slug.first else { return nil }
        if first <= UInt8(ascii: "9") { slug.insert(UInt8(ascii: "n"), at: 0) }
        if slug.count > 64 {
            slug.removeSubrange(48...)
            while slug.last == UInt8(ascii: "_") { slug.removeLast() }
            slug.append(UInt8(ascii: "_"))
            slug.append(contentsOf: SHA256.hash(name).hex.prefix(8).utf8)
        }
        return String(decoding: slug, as: UTF8.self)
    }

    /// Whether `text` is dotted segments `[a-z][a-z0-9_]*`, at least this many.
    ///
    /// - Parameters:
    ///   - text: The candidate.
    ///   - minimumSegments: 2 for a type, 1 for a prefix.
    /// - Returns: `true` when it matches and fits the envelope's 256-byte limit.
    public static func isDottedName(_ text: String, minimumSegments: Int) -> Bool {
        text.utf8.count <= Envelope.maximumFieldLength && Envelope.isDottedName(text.utf8, minimumSegments: minimumSegments)
    }
}
