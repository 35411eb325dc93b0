import EventLog

/// How tender events become facts and facts become a `Tender`.
///
/// Every collusion mode keeps the same facts under the tender's subject, one per event,
/// with the values each role needs in a fixed order; absent values are kept as "".
extension Tender {
    /// The part an event plays in a tender's life, stored as the fact's role.
    enum Role: Int, CaseIterable {
        case published, bid, deposit, withdrawn, disqualified, opened, awarded, contractSigned, contractAmended

        var eventType: String {
            switch self {
            case .published: "tender.published"
            case .bid: "bid.submitted"
            case .deposit: "bid.deposit_paid"
            case .withdrawn: "bid.withdrawn"
            case .disqualified: "bid.disqualified"
            case .opened: "tender.opened"
            case .awarded: "tender.awarded"
            case .contractSigned: "contract.signed"
            case .contractAmended: "contract.amended"
            }
        }

        /// The payload members kept, in order.
        var fields: [[String]] {
            switch self {
            case .published:
                [["buyer"], ["agency"], ["method"], ["ceiling"], ["estimate"], ["currency"], ["submission_deadline"]]
            case .bid:
                [["bidder"], ["amount"], ["currency"], ["preparer"], ["agent"], ["project_manager"], ["contact"], ["doc_hash"]]
                    + Tender.fingerprintKeys.map { ["fingerprint", $0] }
            case .deposit: [["bidder"], ["account"], ["amount"]]
            case .withdrawn, .disqualified: [["bidder"], ["reason"]]
            case .opened: []
            case .awarded: [["winner"], ["amount"]]
            case .contractSigned, .contractAmended: [["supplier"], ["amount"]]
            }
        }
    }

    /// The machine traces a bid's `fingerprint` may carry, in the order facts keep them.
    public static let fingerprintKeys = ["ip", "mac", "cpu", "disk", "dongle", "machine_code", "file_id"]

    /// The event types a tender is folded from.
    static let eventTypes = Set(Role.allCases.map(\.eventType))

    /// The facts the per-tender collusion modes judge a tender by, shared among their rules
    /// (`RuleEvaluator.sharedFacts`): every tender event up to the award, with all its values,
    /// kept once for all of them rather than once each.
    static let sharedFacts = "tender"
    static let sharedEventTypes = Set([Role.published, .bid, .deposit, .withdrawn, .disqualified, .opened, .awarded].map(\.eventType))

    /// A tender event's fact under the tender's subject, as the modes that share it keep it.
    static func sharedFact(for event: AuditEvent) -> [KeyedFact] {
        guard let fact = fact(for: event) else { return [] }
        return [KeyedFact(key: event.subject, fact: fact)]
    }
    private static let roles = Dictionary(uniqueKeysWithValues: Role.allCases.map { ($0.eventType, $0) })
    /// Per role: the position of each top-level member in the fact's values.
    private static let positions: [[String: Int]] = Role.allCases.map { role in
        var positions: [String: Int] = [:]
        for (index, path) in role.fields.enumerated() where path.count == 1 { positions[path[0]] = index }
        return positions
    }
    /// The position of each `fingerprint` member in a bid's values.
    private static let fingerprintPositions = Dictionary(
        uniqueKeysWithValues: fingerprintKeys.enumerated().map { ($0.element, Role.bid.fields.count - fingerprintKeys.count + $0.offset) })
    private static let fieldCounts = Role.allCases.map { $0.fields.count }

    /// The fact `event` contributes to its tender, or nil when it is not a tender event.
    ///
    /// - Complexity: one pass over the payload's members (and the fingerprint's), which
    ///   matters: every tender event of the log goes through here once per collusion rule.
    static func fact(for event: AuditEvent) -> Fact? {
        guard let role = roles[event.type] else { return nil }
        var values = Array(repeating: "", count: fieldCounts[role.rawValue])
        let positions = Self.positions[role.rawValue]
        for member in event.data.members {
            if let position = positions[member.key] {
                values[position] = text(member.value)
            } else if role == .bid, member.key == "fingerprint", case .object(let fingerprint) = member.value {
                for trace in fingerprint.members {
                    if let position = fingerprintPositions[trace.key] { values[position] = text(trace.value) }
                }
            }
        }
        return Fact(event, role: role.rawValue, values: values)
    }

    /// A tender event's fact as `sharedFact(for:)` gives it, its payload read from `data`
    /// (the canonical bytes of its `data` object, `event.data` empty); nil when only a tree
    /// of the payload tells (`DataMembers`).
    static func sharedFact(for event: AuditEvent, dataBytes data: UnsafeRawBufferPointer) -> [KeyedFact]? {
        guard let role = roles[event.type] else { return [] }
        guard let values = encodedValues(role: role, dataBytes: data) else { return nil }
        return [KeyedFact(key: event.subject, fact: Fact(event, role: role.rawValue), encodedValues: values)]
    }

    /// Per role: the name of each top-level member kept, in bytes, with its position in the
    /// fact's values.
    private static let memberNames: [[(name: [UInt8], position: Int)]] = positions.map { positions in
        positions.map { (Array($0.key.utf8), $0.value) }.sorted { $0.position < $1.position }
    }
    private static let fingerprintNames = fingerprintPositions.map { (name: Array($0.key.utf8), position: $0.value) }
    private static let fingerprintName = Array("fingerprint".utf8)

    /// The values `fact(for:)` keeps, read from the payload's bytes without a tree and
    /// encoded as a fact's payload keeps them (`KeyedFact.encodedValues`): string and number
    /// bytes are copied as they are, never made strings.
    ///
    /// - Complexity: one pass over the payload's bytes (and the fingerprint's).
    private static func encodedValues(role: Role, dataBytes data: UnsafeRawBufferPointer) -> [UInt8]? {
        // Where each value is in the payload (nil: kept as ""), in the fact's order.
        var found = [UnsafeRawBufferPointer?](repeating: nil, count: fieldCounts[role.rawValue])
        /// The bytes a value is kept as: nil for a string only a tree decodes, or bytes that
        /// are not UTF-8; an empty buffer for a value kept as "".
        func kept(_ value: DataMembers.Value) -> UnsafeRawBufferPointer?? {
            switch value {
            case .string(let bytes): isUTF8(bytes) ? .some(bytes) : nil
            case .number(let bytes): .some(bytes)
            case .object, .other: .some(nil)
            case .escapedString: nil
            }
        }
        let names = memberNames[role.rawValue]
        var members = DataMembers(data)
        while let (key, value) = members.next() {
            if let name = names.first(where: { key.spells($0.name) }) {
                guard let bytes = kept(value) else { return nil }
                found[name.position] = bytes
            } else if role == .bid, key.spells(fingerprintName), case .object(let object) = value {
                var traces = DataMembers(object)
                while let (trace, value) = traces.next() {
                    if let name = fingerprintNames.first(where: { trace.spells($0.name) }) {
                        guard let bytes = kept(value) else { return nil }
                        found[name.position] = bytes
                    }
                }
                if traces.failed { return nil }
            }
        }
        if members.failed { return nil }
        var writer = BinaryRecordWriter(capacity: found.reduce(found.count) { $0 + ($1?.count ?? 0) + 1 })
        for bytes in found { writer.string(utf8: bytes ?? UnsafeRawBufferPointer(start: nil, count: 0)) }
        return writer.bytes
    }

    /// Whether bytes are UTF-8, as a tree's string would keep them unchanged (stored payloads
    /// are; ASCII is told without the general check).
    private static func isUTF8(_ bytes: UnsafeRawBufferPointer) -> Bool {
        for byte in bytes where byte >= 0x80 { return String(validating: bytes, as: UTF8.self) != nil }
        return true
    }

    /// A string or number as the text a fact keeps; anything else as "".
    private static func text(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): text
        case .number(let literal): literal
        default: ""
        }
    }

    /// Folds a tender's facts, in chronological order.
    ///
    /// - Parameters:
    ///   - subject: the tender's subject (`tender:<id>`).
    ///   - facts: the facts of `Tender.fact(for:)`, ordered by `Fact.chronological`.
    ///   - traces: whether to keep each bid's people, document hash and fingerprint; a mode
    ///     that compares them on the facts themselves folds faster without.
    init(subject: String, facts: [Fact], traces: Bool = true) {
        self.init(subject: subject, dept: facts.first?.dept ?? "")
        for fact in facts {
            guard let role = Role(rawValue: fact.role) else { continue }
            let v = fact.values
            func text(_ index: Int) -> String? { index < v.count && !v[index].isEmpty ? v[index] : nil }
            func number(_ index: Int) -> Double? { text(index).flatMap(Double.init) }
            switch role {
            case .published:
                dept = fact.dept
                notice = Notice(
                    seq: fact.seq, at: fact.at, buyer: text(0), agency: text(1), method: text(2), ceiling: number(3),
                    estimate: number(4), currency: text(5), submissionDeadline: text(6).flatMap(Instant.init(rfc3339:)))
            case .bid where !traces:
                submissions.append(
                    Bid(
                        seq: fact.seq, at: fact.at, bidder: text(0) ?? "", amount: number(1), amountText: text(1), currency: text(2),
                        preparer: nil, agent: nil, projectManager: nil, contact: nil, documentHash: nil, fingerprint: [:]))
            case .bid:
                var fingerprint: [String: String] = [:]
                for (offset, key) in Self.fingerprintKeys.enumerated() {
                    if let value = text(8 + offset) { fingerprint[key] = value }
                }
                submissions.append(
                    Bid(
                        seq: fact.seq, at: fact.at, bidder: text(0) ?? "", amount: number(1), amountText: text(1), currency: text(2),
                        preparer: text(3), agent: text(4), projectManager: text(5), contact: text(6), documentHash: text(7),
                        fingerprint: fingerprint))
            case .deposit:
                deposits.append(Deposit(seq: fact.seq, at: fact.at, bidder: text(0) ?? "", account: text(1), amount: number(2)))
            case .withdrawn:
                withdrawals.append(Exit(seq: fact.seq, at: fact.at, bidder: text(0) ?? "", reason: text(1)))
            case .disqualified:
                disqualifications.append(Exit(seq: fact.seq, at: fact.at, bidder: text(0) ?? "", reason: text(1)))
            case .opened:
                if opened == nil { opened = (fact.seq, fact.at) }
            case .awarded:
                award = Award(seq: fact.seq, at: fact.at, winner: text(0) ?? "", amount: number(1))
            case .contractSigned, .contractAmended:
                contracts.append(
                    Contract(seq: fact.seq, at: fact.at, supplier: text(0), amount: number(1), amended: role == .contractAmended))
            }
        }
    }
}
