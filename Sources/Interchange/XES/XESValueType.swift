/// The attribute types of IEEE 1849-2016 (XES) §6, by element name.
///
/// Elementary types hold one value in their `value` attribute; `list` holds an ordered
/// collection of attributes (inside `<values>`), `container` a keyed one. Any attribute
/// may carry nested attributes of its own.
public enum XESValueType: Sendable, Equatable {
    case string, date, int, float, boolean, id, list, container

    /// Recognises an attribute element.
    ///
    /// - Parameter name: The element's name, as written.
    /// - Returns: Its type, or `nil` for any other element.
    public init?(elementName name: UnsafeRawBufferPointer) {
        guard let first = name.first else { return nil }
        switch (first, name.count) {
        case (UInt8(ascii: "s"), 6) where name.equals("string"): self = .string
        case (UInt8(ascii: "d"), 4) where name.equals("date"): self = .date
        case (UInt8(ascii: "i"), 3) where name.equals("int"): self = .int
        case (UInt8(ascii: "i"), 2) where name.equals("id"): self = .id
        case (UInt8(ascii: "f"), 5) where name.equals("float"): self = .float
        case (UInt8(ascii: "b"), 7) where name.equals("boolean"): self = .boolean
        case (UInt8(ascii: "l"), 4) where name.equals("list"): self = .list
        case (UInt8(ascii: "c"), 9) where name.equals("container"): self = .container
        default: return nil
        }
    }

    /// The element name that writes this type.
    public var elementName: String {
        switch self {
        case .string: "string"
        case .date: "date"
        case .int: "int"
        case .float: "float"
        case .boolean: "boolean"
        case .id: "id"
        case .list: "list"
        case .container: "container"
        }
    }

    /// Whether this type holds other attributes rather than a value.
    public var isCollection: Bool { self == .list || self == .container }

    /// What a value of this type should look like, for warnings.
    var expectation: String {
        switch self {
        case .int: "a whole number (xs:long)"
        case .float: "a number JSON can hold (xs:double without INF and NaN)"
        case .boolean: "true or false (xs:boolean)"
        case .date: "a date-time (xs:dateTime)"
        case .string, .id, .list, .container: "a string"
        }
    }
}
