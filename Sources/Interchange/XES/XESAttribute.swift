/// An XES attribute that has nested attributes: a `list`, a `container`, or an
/// elementary attribute with meta-attributes. Kept as a small tree until its end tag,
/// then written as JSON; attributes without children never become one.
///
/// In `data`, a list becomes a JSON array of its items' values (their keys, which
/// IEEE 1849 does not require to differ, are dropped); a container becomes an object
/// keyed by its children's keys; an elementary attribute with children becomes an
/// object with its own value under `value` beside its children.
struct XESAttribute {
    /// Its type.
    var type: XESValueType
    /// Its key (`nil` when the element had none, which only list items may omit).
    var key: [UInt8]?
    /// Its `value` attribute as written, decoded; empty for collections.
    var value: [UInt8]
    /// Its nested attributes, in document order.
    var children: [XESAttribute] = []
    /// The line of its start tag.
    var line: Int
}
