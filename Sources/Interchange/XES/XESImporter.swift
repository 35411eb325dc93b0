public import EventLog

/// Reads an XES event log (IEEE 1849-2016) as a stream and writes one envelope per
/// event, ready for `ironcage ingest`.
///
/// Each trace is a subject (`subject_prefix` + the trace's `concept:name`), each event
/// an envelope (a trace's other attributes go with its first event, see the table):
///
/// | envelope | from |
/// |---|---|
/// | `id` | the event's `identity:id`, else `<subject>#<n>`, *n* its position in the trace from 1 |
/// | `type` | the event's `concept:name`, through ``EventTypeNaming`` (with `.transition` when `lifecycle` is on) |
/// | `at` | `time:timestamp` as written when it is RFC 3339, else read as `xs:dateTime` and written with the configured zone's offset |
/// | `dept` | the dept attribute (the event's, else the trace's), else the constant |
/// | `actor` | `actor_prefix` + `org:resource` (or the configured attribute); absent when the event has none |
/// | `data` | every other attribute of the event, `concept:name` included, typed (see below); the trace's attributes (its `concept:name` aside, which the subject carries) under `trace` on the trace's first written event, or on a `case.opened` event, per ``XESImportOptions/TracePlacement`` |
///
/// Values in `data`: `string` and `id` are strings; `int` and `float` numbers (their
/// digits kept, see ``ValueLiteral``); `boolean` true or false; `date` an RFC 3339
/// string (kept as written when it is one, else with the zone's offset, else as
/// written); `list` an array, `container` an object, an attribute with nested
/// attributes an object (see ``XESAttribute``). A value that does not read as its
/// type is kept as a string with a warning.
///
/// Ids are positions, not content hashes, so importing the same file twice gives the
/// same envelopes (duplicates to ingest) and a re-export with an event changed gives
/// a conflict that ingest reports — a changed record is what an auditor wants to see.
///
/// An event without `time:timestamp` (or with one that cannot be read, or a local
/// time with no zone configured) is reported and skipped; its position still counts,
/// so later events keep their ids once it is fixed. Log-level attributes, extensions,
/// globals and classifiers are read past: globals in particular are defaults, and
/// applying them would invent values (a default timestamp).
///
/// Streaming: a trace's attributes must come before its first event to go with its
/// events (writers put them there); later ones are reported and left out. Memory
/// holds one event and one trace's attributes, whatever the file's size.
///
/// Not `Sendable`: one importer reads one source on one thread. Its stored properties
/// are `@exclusivity(unchecked)` for the reason ``XMLTokenizer`` gives.
public final class XESImporter {
    /// The options in force.
    public let options: XESImportOptions
    /// What was read and written so far.
    @exclusivity(unchecked) public internal(set) var summary = ImportSummary()
    /// Event names that had to fall back to a hashed type, with that type (the first 100).
    @exclusivity(unchecked) public internal(set) var hashedNames: [(name: String, type: String)] = []

    let tokenizer: XMLTokenizer
    let naming: EventTypeNaming
    let deptKey: [UInt8]?
    let actorKey: [UInt8]

    /// What each open element is to the importer.
    enum Context {
        case log, trace, event, attribute, values, ignored
    }

    /// Whose attribute a top-level attribute is.
    enum Owner {
        case trace, event
    }

    @exclusivity(unchecked) var contexts: [Context] = []
    /// Open attributes that have children, outermost first.
    @exclusivity(unchecked) var nodes: [XESAttribute] = []
    @exclusivity(unchecked) var nodeOwner = Owner.event

    // The current trace.
    @exclusivity(unchecked) var tracePosition = 0
    @exclusivity(unchecked) var traceName: [UInt8]?
    @exclusivity(unchecked) var traceDept: [UInt8]?
    @exclusivity(unchecked) var traceData = JSONOutput()
    /// Each trace attribute's key and where its `"key":value` is in ``traceData``.
    @exclusivity(unchecked) var traceMembers: [(key: [UInt8], member: Range<Int>)] = []
    @exclusivity(unchecked) var traceKeys = KeySet()
    @exclusivity(unchecked) var traceCarried = false
    @exclusivity(unchecked) var traceWarnedUnnamed = false
    @exclusivity(unchecked) var traceLine = 0

    // The current event.
    @exclusivity(unchecked) var eventPosition = 0
    @exclusivity(unchecked) var eventLine = 0
    @exclusivity(unchecked) var eventData = JSONOutput()
    @exclusivity(unchecked) var eventKeys = KeySet()
    @exclusivity(unchecked) var eventName: [UInt8]?
    @exclusivity(unchecked) var eventTimestamp: [UInt8]?
    @exclusivity(unchecked) var eventActor: [UInt8]?
    @exclusivity(unchecked) var eventIdentity: [UInt8]?
    @exclusivity(unchecked) var eventDept: [UInt8]?
    @exclusivity(unchecked) var eventTransition: [UInt8]?

    /// Envelope lines waiting to be handed to the writer.
    @exclusivity(unchecked) var output: [UInt8] = []
    /// Problems waiting to be handed to the reporter.
    @exclusivity(unchecked) var problems: [ImportProblem] = []
    /// The envelope being built.
    @exclusivity(unchecked) var envelopeText = JSONOutput()
    @exclusivity(unchecked) var typeCache: [String: String] = [:]

    /// Creates an importer.
    ///
    /// - Parameters:
    ///   - source: The XES document's bytes (decompress gzip before: `zcat log.xes.gz |`).
    ///   - options: Where envelope fields come from.
    /// - Throws: ``MappingError`` when the options cannot work (no department, a bad type).
    public init(source: some ByteSource, options: XESImportOptions) throws(MappingError) {
        self.options = options
        self.naming = try options.validated()
        self.tokenizer = XMLTokenizer(source: source)
        self.deptKey = options.deptAttribute.map { Array($0.utf8) }
        self.actorKey = Array(options.actorAttribute.utf8)
        output.reserveCapacity(1 << 17)
    }

    /// Reads the whole log.
    ///
    /// - Parameters:
    ///   - write: Receives envelope lines — canonical envelope JSON, each ending in a
    ///     line feed — in batches of whole lines.
    ///   - report: Receives each problem, in input order.
    /// - Returns: What was read and written.
    /// - Throws: ``XMLError`` or ``XESFormatError`` when the document cannot be read on
    ///   (everything written before stands), or what `write` or the source throw.
    public func run(write: (UnsafeRawBufferPointer) throws -> Void, report: (ImportProblem) -> Void) throws -> ImportSummary {
        func drain() throws {
            for problem in problems { report(problem) }
            problems.removeAll(keepingCapacity: true)
            if !output.isEmpty {
                try output.withUnsafeBytes { try write($0) }
                output.removeAll(keepingCapacity: true)
            }
        }
        do {
            loop: while true {
                switch try tokenizer.next() {
                case .startElement(let isEmpty): try startElement(isEmpty: isEmpty)
                case .endElement: endElement()
                case .text: continue
                case .end: break loop
                }
                if !problems.isEmpty || output.count >= 1 << 16 { try drain() }
            }
        } catch {
            try drain()
            throw error
        }
        try drain()
        return summary
    }

    /// Handles a start tag according to where it is.
    private func startElement(isEmpty: Bool) throws {
        let name = tokenizer.name
        guard let parent = contexts.last else {
            guard name.equals("log") else {
                throw XESFormatError(
                    line: tokenizer.line, message: "the root element is <\(String(decoding: name, as: UTF8.self))>, not <log>")
            }
            if !isEmpty { contexts.append(.log) }
            return
        }
        switch parent {
        case .ignored:
            ignore(isEmpty)
        case .log:
            if name.equals("trace") {
                beginTrace()
                if isEmpty { endTrace() } else { contexts.append(.trace) }
            } else if XESValueType(elementName: name) != nil || name.equals("extension")
                || name.equals("global") || name.equals("classifier")
            {
                // Log attributes and declarations: not events, and globals are defaults
                // that would invent values.
                ignore(isEmpty)
            } else {
                unexpected(isEmpty, record: nil)
            }
        case .trace:
            if name.equals("event") {
                beginEvent()
                if isEmpty { endEvent() } else { contexts.append(.event) }
            } else if let type = XESValueType(elementName: name) {
                topLevelAttribute(type, owner: .trace, isEmpty: isEmpty)
            } else {
                unexpected(isEmpty, record: .trace(tracePosition))
            }
        case .event:
            if let type = XESValueType(elementName: name) {
                topLevelAttribute(type, owner: .event, isEmpty: isEmpty)
            } else {
                unexpected(isEmpty, record: .event(trace: tracePosition, position: eventPosition))
            }
        case .attribute, .values:
            if let type = XESValueType(elementName: name) {
                let (key, value) = keyAndValue()
                let node = XESAttribute(
                    type: type, key: key.map(Array.init), value: value.map(Array.init) ?? [], line: tokenizer.line)
                if isEmpty {
                    nodes[nodes.count - 1].children.append(node)
                } else {
                    nodes.append(node)
                    contexts.append(.attribute)
                }
            } else if parent == .attribute, name.equals("values"), nodes.last?.type == .list {
                if !isEmpty { contexts.append(.values) }
            } else {
                unexpected(isEmpty, record: nodeOwner == .event ? .event(trace: tracePosition, position: eventPosition) : .trace(tracePosition))
            }
        }
    }

    /// Handles an end tag: the context it closes tells what is complete.
    private func endElement() {
        switch contexts.popLast() {
        case .trace?: endTrace()
        case .event?: endEvent()
        case .attribute?:
            let node = nodes.removeLast()
            if nodes.isEmpty {
                topLevelNode(node, owner: nodeOwner)
            } else {
                nodes[nodes.count - 1].children.append(node)
            }
        case .log?, .values?, .ignored?, nil: break
        }
    }

    /// Skips an element and everything in it.
    private func ignore(_ isEmpty: Bool) {
        if !isEmpty { contexts.append(.ignored) }
    }

    /// Skips an element XES does not define here, with a warning.
    private func unexpected(_ isEmpty: Bool, record: ImportProblem.Record?) {
        let name = String(decoding: tokenizer.name, as: UTF8.self)
        warn(ImportProblem(line: tokenizer.line, record: record, reason: .unexpectedElement(name)))
        ignore(isEmpty)
    }

    /// The `key` and `value` attributes of the current start tag.
    func keyAndValue() -> (key: UnsafeRawBufferPointer?, value: UnsafeRawBufferPointer?) {
        var key: UnsafeRawBufferPointer?
        var value: UnsafeRawBufferPointer?
        for attribute in tokenizer.attributes {
            if attribute.name.equals("key") {
                key = attribute.value
            } else if attribute.name.equals("value") {
                value = attribute.value
            }
        }
        return (key, value)
    }

    /// Queues a problem and counts it.
    func warn(_ problem: ImportProblem) {
        summary.count(problem)
        problems.append(problem)
    }

    /// Starts a trace: forgets the previous one.
    private func beginTrace() {
        tracePosition += 1
        summary.traces += 1
        eventPosition = 0
        traceName = nil
        traceDept = nil
        traceData.removeAll()
        traceMembers.removeAll(keepingCapacity: true)
        traceKeys.removeAll()
        traceCarried = false
        traceWarnedUnnamed = false
        traceLine = tokenizer.line
    }

    /// Ends a trace; warns when its attributes went nowhere.
    private func endTrace() {
        if !traceCarried, !traceData.bytes.isEmpty, options.traceAttributes != .none {
            warn(ImportProblem(line: traceLine, record: .trace(tracePosition), reason: .traceAttributesUnused))
        }
    }

    /// Starts an event.
    private func beginEvent() {
        eventPosition += 1
        summary.records += 1
        eventLine = tokenizer.line
        eventData.removeAll()
        eventKeys.removeAll()
        eventName = nil
        eventTimestamp = nil
        eventActor = nil
        eventIdentity = nil
        eventDept = nil
        eventTransition = nil
    }
}
