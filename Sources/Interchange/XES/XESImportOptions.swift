/// How an XES log becomes envelopes: where dept, subject, type and actor come from.
///
/// Set from a mapping file (``apply(_:)``) and then from command-line flags, which
/// win. The defaults read the standard extensions (IEEE 1849-2016 §7): `concept:name`
/// of a trace is the subject, of an event its type; `time:timestamp` is `at`;
/// `org:resource` is the actor; `identity:id`, when an event has one, is its id.
public struct XESImportOptions: Sendable {
    /// Where a trace's own attributes go.
    public enum TracePlacement: String, Sendable, CaseIterable {
        /// Into `data.trace` of the trace's first written event.
        case firstEvent = "first-event"
        /// Into `data` of the trace's first written event itself, beside the event's
        /// own attributes (which win when a key occurs in both): what a vocabulary that
        /// puts case facts on the opening event wants (`application.received` carries
        /// `item` and `applicant` in `Rules/schemas/licensing.json`).
        case mergedIntoFirstEvent = "first-event-merged"
        /// Into a synthetic event of type ``XESImportOptions/caseOpenedType`` before
        /// the first written event, at that event's time, with id `<subject>#0`.
        case caseOpened = "case-opened"
        /// Nowhere.
        case none
    }

    /// The department, when every event belongs to one.
    public var dept: String?
    /// The attribute that names the department (an event's, else its trace's); the
    /// constant ``dept`` applies where it is absent.
    public var deptAttribute: String?
    /// Put before each trace's name to make the subject, such as `permit:`.
    public var subjectPrefix = ""
    /// The first segments of types derived from names (see ``EventTypeNaming``).
    public var typePrefix = "event"
    /// Event names with the types to give them.
    public var types: [(key: String, value: String)] = []
    /// The attribute holding who acted.
    public var actorAttribute = "org:resource"
    /// Put before each actor, such as `officer:`.
    public var actorPrefix = ""
    /// Where trace attributes go.
    public var traceAttributes = TracePlacement.firstEvent
    /// The type of the synthetic event for ``TracePlacement/caseOpened``.
    public var caseOpenedType = "case.opened"
    /// The zone for timestamps written without an offset; `nil` refuses them.
    public var timeZone: ImportTimeZone?
    /// Whether to add `lifecycle:transition` to the type (`event.review.complete`).
    public var lifecycle = false

    /// Options with the defaults above.
    public init() {}

    /// The keys a mapping file may have.
    public static let mappingKeys = [
        "dept", "dept_attribute", "subject_prefix", "type_prefix", "types", "actor_attribute", "actor_prefix",
        "trace_attributes", "case_opened_type", "time_zone", "lifecycle",
    ]

    /// Takes every option the mapping sets.
    ///
    /// - Parameter mapping: The mapping file's top-level object; keys are those of
    ///   ``mappingKeys`` in snake case (`subject_prefix`, `time_zone`, …).
    /// - Throws: ``MappingError`` for an unknown key or a value of the wrong kind.
    public mutating func apply(_ mapping: MappingObject) throws(MappingError) {
        try mapping.onlyKeys(Self.mappingKeys)
        if let value = try mapping.string("dept") { dept = value }
        if let value = try mapping.string("dept_attribute") { deptAttribute = value }
        if let value = try mapping.string("subject_prefix") { subjectPrefix = value }
        if let value = try mapping.string("type_prefix") { typePrefix = value }
        types = try mapping.stringTable("types")
        if let value = try mapping.string("actor_attribute") { actorAttribute = value }
        if let value = try mapping.string("actor_prefix") { actorPrefix = value }
        if let value = try mapping.string("trace_attributes") {
            guard let placement = TracePlacement(rawValue: value) else {
                throw mapping.error("trace_attributes", "must be one of: first-event, first-event-merged, case-opened, none")
            }
            traceAttributes = placement
        }
        if let value = try mapping.string("case_opened_type") { caseOpenedType = value }
        if let value = try mapping.string("time_zone") {
            guard let zone = ImportTimeZone(value) else {
                throw mapping.error("time_zone", "must be Z, UTC, an offset such as +08:00, or a zone name such as Asia/Shanghai")
            }
            timeZone = zone
        }
        if let value = try mapping.bool("lifecycle") { lifecycle = value }
    }

    /// Checks what cannot be checked field by field.
    ///
    /// - Returns: The type naming the options describe.
    /// - Throws: ``MappingError`` when no department is configured, a type is not a
    ///   dotted lower-case name, or the case-opened type is not one.
    func validated() throws(MappingError) -> EventTypeNaming {
        guard dept != nil || deptAttribute != nil else {
            throw MappingError(key: "dept", message: "required: a department (--dept) or the attribute that names it (--dept-attribute)")
        }
        if let dept, dept.isEmpty { throw MappingError(key: "dept", message: "must not be empty") }
        guard EventTypeNaming.isDottedName(caseOpenedType, minimumSegments: 2) else {
            throw MappingError(key: "case_opened_type", message: "must be a dotted lower-case type such as 'case.opened'")
        }
        return try EventTypeNaming(prefix: typePrefix, table: types)
    }
}
