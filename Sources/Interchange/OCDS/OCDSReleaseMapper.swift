import EventLog

/// Maps one OCDS release — normally a compiled release, the latest state of a
/// contracting process — to envelopes of the trading vocabulary
/// (`Rules/schemas/trading.json`), all with subject `tender:<ocid>`.
///
/// Fields are those of OCDS 1.1 (https://standard.open-contracting.org/1.1/en/schema/reference/)
/// with the bids extension (`bids.details[]`,
/// https://extensions.open-contracting.org/en/extensions/bids/) and the bid opening
/// extension (`tender.bidOpening`). Where OCDS has nothing for what Chinese trading
/// platforms record, a few members of IronCage's own are read when present:
/// `tender.ceilingValue` (最高投标限价, a `Value`) and, on a bid, `preparer`, `agent`,
/// `projectManager`, `contact`, `documentHash`, `fingerprint` and `deposit` (see
/// ``mapBids(_:)``).
///
/// | event | when | `at` | `id` |
/// |---|---|---|---|
/// | `tender.published` | the release has `tender` | `tender.datePublished`, else `tender.tenderPeriod.startDate` | `<ocid>/tender` |
/// | `bid.deposit_paid` | a bid has `deposit` | `deposit.date` | `<ocid>/bid/<bid id>/deposit` |
/// | `bid.submitted` | each bid whose `status` is not `invited` | the bid's `date`, else the deadline (a bid received after it must be refused, 招标投标法 art. 28) | `<ocid>/bid/<bid id>` |
/// | `bid.withdrawn` | `status` `withdrawn` | the bid's time (OCDS does not say when; art. 29 allows it only before the deadline) | `…/withdrawn` |
/// | `tender.opened` | `tender.bidOpening.date` | that date | `<ocid>/tender/opening` |
/// | `bid.disqualified` | `status` `disqualified` | the opening, else the deadline (evaluation follows the opening, art. 34, 37), never before the bid | `…/disqualified` |
/// | `tender.awarded` | each award whose `status` is `active` or absent | `awards[].date` | `<ocid>/award/<award id>` |
/// | `contract.signed` | each contract with `dateSigned` | `dateSigned` | `<ocid>/contract/<contract id>` |
/// | `contract.amended` | each of `contracts[].amendments` | its `date` | `…/amendment/<amendment id, else its position from 1>` |
///
/// A release's events are written in order of `at` (in the order above for equal
/// times). Ids derive from the ocid and OCDS's own ids, so importing a release again
/// gives the same envelopes — duplicates to ingest — and a release whose bid changed
/// gives a conflict that ingest reports.
///
/// A release is mapped whole or not at all: a value of the wrong kind, an amount that
/// is not a number, a date that does not read, an event with no date for `at`, a bid,
/// award or contract without its id (or with another's), a bid without tenderers or a
/// contract whose `awardID` names no award throws ``OCDSRefusal`` and nothing of the
/// release is written.
///
/// Not `Sendable`: one mapper belongs to one importer, and keeps its buffers between
/// releases.
struct OCDSReleaseMapper {
    /// The events a release gives, in the order of a tender's course: events at the
    /// same instant are written in this order.
    enum EventType: Int {
        case published, depositPaid, submitted, withdrawn, opened, disqualified, awarded, signed, amended

        /// The envelope's `type`.
        var name: StaticString {
            switch self {
            case .published: "tender.published"
            case .depositPaid: "bid.deposit_paid"
            case .submitted: "bid.submitted"
            case .withdrawn: "bid.withdrawn"
            case .opened: "tender.opened"
            case .disqualified: "bid.disqualified"
            case .awarded: "tender.awarded"
            case .signed: "contract.signed"
            case .amended: "contract.amended"
            }
        }
    }

    /// An event of the current release, waiting to be ordered and written.
    struct PendingEvent {
        var type: EventType
        var stamp: OCDSStamp
        var id: String
        var actor: String?
        /// Where its `data` members are in ``OCDSReleaseMapper/data``.
        var data: Range<Int>
    }

    /// The release being mapped: ``map(_:into:)`` reads the tape's current text.
    var tape = JSONTape()
    /// The department of every envelope.
    let dept: String
    /// The zone for dates without an offset.
    let zone: ImportTimeZone?

    // The current release.
    var ocid = ""
    var subject = ""
    var parties = OCDSParties()
    var buyer: String?
    var agency: String?
    /// `tender.tenderPeriod.endDate`: the submission deadline.
    var deadline: OCDSStamp?
    /// `tender.bidOpening.date`.
    var opening: OCDSStamp?
    /// Each award's id with its first supplier, for the contracts that name it.
    var awardSuppliers: [(id: String, supplier: String?, index: Int)] = []
    var events: [PendingEvent] = []
    /// The `data` members of every pending event, one after another.
    var data = JSONOutput()
    /// Whether the event being built has no `data` member yet.
    var dataIsEmpty = true
    /// Warnings about the current release: the field and the reason.
    var warnings: [(field: String, reason: ImportProblem.Reason)] = []

    private var order: [Int] = []
    private var envelopeText = JSONOutput()

    /// Creates a mapper.
    init(options: OCDSImportOptions) {
        self.dept = options.dept
        self.zone = options.timeZone
    }

    /// Maps one release of the tape's text and appends its envelope lines.
    ///
    /// - Parameters:
    ///   - release: The release's node in ``tape``.
    ///   - output: Receives canonical envelope lines, each ending in a line feed; left
    ///     as it was when the release is refused.
    /// - Returns: The number of envelopes written.
    /// - Throws: ``OCDSRefusal`` when the release cannot be mapped.
    mutating func map(_ release: Int, into output: inout [UInt8]) throws(OCDSRefusal) -> Int {
        events.removeAll(keepingCapacity: true)
        warnings.removeAll(keepingCapacity: true)
        data.removeAll()
        guard tape.kind(release) == .object else {
            throw OCDSRefusal(field: nil, reason: .badValue(expected: "a JSON object: a release, a release package or a record package"))
        }
        guard let ocid = try tape.text(tape.member(release, "ocid"), "ocid") else { throw .missing("ocid") }
        self.ocid = ocid
        subject = "tender:" + ocid
        try parties.load(tape.member(release, "parties"), in: tape)
        buyer = try parties.organization(tape.member(release, "buyer"), in: tape, "buyer") ?? parties.buyer
        try mapTender(try tape.object(tape.member(release, "tender"), "tender"))
        try mapBids(tape.member(release, "bids"))
        try mapAwards(tape.member(release, "awards"))
        try mapContracts(tape.member(release, "contracts"))
        return try write(into: &output)
    }

    /// A date member of the release as a stamp.
    func stamp(_ node: Int?, _ path: @autoclosure () -> String) throws(OCDSRefusal) -> OCDSStamp? {
        try OCDSStamp.read(node, in: tape, zone: zone, path())
    }

    /// The `org:` id of an organization reference in the release.
    func organization(_ reference: Int?, _ path: @autoclosure () -> String) throws(OCDSRefusal) -> String? {
        try parties.organization(reference, in: tape, path())
    }

    // MARK: Building events

    /// Starts the `data` of a new event.
    ///
    /// - Returns: Where its members begin, for ``finishEvent(_:at:id:actor:from:)``.
    mutating func startEvent() -> Int {
        dataIsEmpty = true
        return data.bytes.count
    }

    /// Queues the event whose `data` members were written since `start`; they must have
    /// been written in the order of their keys' bytes (the canonical order).
    mutating func finishEvent(_ type: EventType, at stamp: OCDSStamp, id: String, actor: String?, from start: Int) {
        events.append(PendingEvent(type: type, stamp: stamp, id: id, actor: actor, data: start..<data.bytes.count))
    }

    /// Writes `"key":` after a comma when needed.
    private mutating func key(_ key: StaticString) {
        if !dataIsEmpty { data.byte(UInt8(ascii: ",")) }
        dataIsEmpty = false
        data.key(key)
    }

    /// Adds a string member, when there is a value.
    mutating func member(_ key: StaticString, _ value: String?) {
        guard let value else { return }
        self.key(key)
        data.canonicalString(value)
    }

    /// Adds a string member from a string node of the release, when there is one.
    mutating func member(_ key: StaticString, text node: Int?) {
        guard let node else { return }
        self.key(key)
        if tape.nodes[node].escaped {
            JSONTape.decode(tape.raw(node)).withUnsafeBytes { _ = data.canonicalString($0) }
        } else {
            data.canonicalString(tape.raw(node))
        }
    }

    /// Adds a number member from a number node of the release (its literal as written),
    /// when there is one.
    mutating func member(_ key: StaticString, number node: Int?) {
        guard let node else { return }
        self.key(key)
        data.raw(tape.raw(node))
    }

    /// Adds an array of strings, when it has more than one element.
    mutating func member(_ key: StaticString, several values: [String]) {
        guard values.count > 1 else { return }
        self.key(key)
        data.byte(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { data.byte(UInt8(ascii: ",")) }
            data.canonicalString(value)
        }
        data.byte(UInt8(ascii: "]"))
    }

    /// Opens an object member; close it with ``closeObject()``.
    mutating func openObject(_ key: StaticString) {
        self.key(key)
        data.byte(UInt8(ascii: "{"))
        dataIsEmpty = true
    }

    /// Closes the object opened by ``openObject(_:)``.
    mutating func closeObject() {
        data.byte(UInt8(ascii: "}"))
        dataIsEmpty = false
    }

    /// Notes a warning about the current release.
    mutating func warn(_ field: String, _ reason: ImportProblem.Reason) {
        warnings.append((field, reason))
    }

    /// Refuses an id that another object of the same kind in the release already has:
    /// both would get the same envelope id.
    static func ensureUnique(_ id: String, in seen: inout [String], _ path: @autoclosure () -> String) throws(OCDSRefusal) {
        if seen.contains(id) { throw .expected("an id no other object of the same list has", at: path()) }
        seen.append(id)
    }

    // MARK: Writing

    /// Writes the pending events as envelope lines, in order of time.
    ///
    /// The lines are written in canonical form directly — keys in byte order (`actor`,
    /// `at`, `data`, `dept`, `id`, `subject`, `type`; `data`'s as the mapping writes
    /// them), strings with the canonical escapes, numbers as the release wrote them —
    /// and the envelope's own checks are made on what came from the release: `id`,
    /// `actor` and `subject` at most 256 bytes without control characters (the
    /// department was checked once, the type and times are the mapping's). Parsing
    /// every line back with ``EventLog/Envelope/parse(line:)-([UInt8])`` would take a
    /// quarter of the import's time; debug builds, and so the tests, still do, and
    /// compare.
    private mutating func write(into output: inout [UInt8]) throws(OCDSRefusal) -> Int {
        order.removeAll(keepingCapacity: true)
        order.append(contentsOf: events.indices)
        order.sort { a, b in
            let x = events[a].stamp.instant
            let y = events[b].stamp.instant
            if x != y { return x < y }
            let stageA = events[a].type.rawValue
            let stageB = events[b].type.rawValue
            return stageA != stageB ? stageA < stageB : a < b
        }
        // Written straight into `output`, borrowed as JSON text for the while.
        swap(&envelopeText.bytes, &output)
        defer { swap(&envelopeText.bytes, &output) }
        let mark = envelopeText.bytes.count
        let subjectProblem = Self.fieldProblem(subject)
        for index in order {
            let event = events[index]
            let lineStart = envelopeText.bytes.count
            var actorProblem: EnvelopeRejection.Reason?
            if let actor = event.actor {
                envelopeText.raw("{\"actor\":")
                actorProblem = envelopeText.canonicalField(actor)
                envelopeText.raw(",\"at\":\"")
            } else {
                envelopeText.raw("{\"at\":\"")
            }
            var at = event.stamp.text
            at.withUTF8 { envelopeText.raw(UnsafeRawBufferPointer($0)) }
            envelopeText.raw("\",\"data\":{")
            data.bytes.withUnsafeBytes { envelopeText.raw(UnsafeRawBufferPointer(rebasing: $0[event.data])) }
            envelopeText.raw("},\"dept\":")
            envelopeText.canonicalString(dept)
            envelopeText.raw(",\"id\":")
            let idProblem = envelopeText.canonicalField(event.id)
            envelopeText.raw(",\"subject\":")
            envelopeText.canonicalString(subject)
            envelopeText.raw(",\"type\":\"")
            envelopeText.raw(event.type.name)
            envelopeText.raw("\"}")
            // What the envelope would refuse, in the order it checks: id, actor, subject.
            let problem: (field: String, reason: EnvelopeRejection.Reason)? =
                if let idProblem { ("id", idProblem) } else if let actorProblem { ("actor", actorProblem) } else { subjectProblem.map { ("subject", $0) } }
            if let problem {
                envelopeText.bytes.removeSubrange(mark...)
                throw OCDSRefusal(field: nil, reason: .rejectedEnvelope(EnvelopeRejection(field: problem.field, reason: problem.reason)))
            }
            #if DEBUG
                let line = Array(envelopeText.bytes[lineStart...])
                switch Envelope.parse(line: line) {
                case .success(let envelope):
                    assert(envelope.content == line, "OCDS envelope not canonical: \(String(decoding: line, as: UTF8.self))")
                case .failure(let rejection):
                    assertionFailure("OCDS envelope refused: \(rejection)")
                }
            #else
                _ = lineStart
            #endif
            envelopeText.byte(UInt8(ascii: "\n"))
        }
        return order.count
    }

    /// What the envelope would refuse in a field (never empty here): more than 256
    /// bytes, or a control character.
    static func fieldProblem(_ text: String) -> EnvelopeRejection.Reason? {
        var output = JSONOutput()
        return output.canonicalField(text)
    }
}
