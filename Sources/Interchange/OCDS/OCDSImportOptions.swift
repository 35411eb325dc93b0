/// How OCDS releases become envelopes: the department that reports them and the zone
/// for dates written without an offset.
///
/// Everything else is fixed by the mapping ``OCDSImporter`` documents, so that every
/// department importing OCDS gets the same envelopes from the same release.
public struct OCDSImportOptions: Sendable {
    /// The department of every envelope (`dept`), such as `gy.ggzy`.
    public var dept = ""
    /// The zone for dates without an offset (`2026-09-01` or `2026-09-01T09:30:00`);
    /// `nil` refuses them. OCDS requires `date-time` values with an offset, but
    /// exports from local systems do not always have one.
    public var timeZone: ImportTimeZone?

    /// Options with no department yet.
    public init() {}

    /// Checks what cannot be checked field by field.
    ///
    /// - Throws: ``MappingError`` (key `dept`) when no department is set, or one the
    ///   envelope would refuse.
    func validated() throws(MappingError) {
        guard !dept.isEmpty else {
            throw MappingError(key: "dept", message: "required: the department that reports the releases (--dept)")
        }
        guard OCDSReleaseMapper.fieldProblem(dept) == nil else {
            throw MappingError(key: "dept", message: "must be at most 256 bytes without control characters")
        }
    }
}
