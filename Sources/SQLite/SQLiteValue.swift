/// A value bound to or read from SQLite, one case per storage class
/// (https://sqlite.org/datatype3.html).
public enum SQLiteValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
}
