import EventLog

/// `bids.details[]` → `bid.submitted`, `bid.deposit_paid`, `bid.withdrawn`, `bid.disqualified`.
extension OCDSReleaseMapper {
    /// The bid statuses of the bids extension's closed codelist.
    static let bidStatuses = ["invited", "pending", "valid", "disqualified", "withdrawn"]

    /// Maps every bid but those only `invited` (no bid was made).
    ///
    /// `bid.submitted` carries `bidder` (the first of `tenderers`, as an `org:` id, see
    /// ``OCDSParties``), `tenderers` (all of them, when a joint bid — 联合体 — has
    /// several), `amount` and `currency` (`value`), and from IronCage's members of a
    /// bid, when present: `preparer`, `agent`, `project_manager` (from `projectManager`)
    /// and `contact`, each written `person:<id>`; `doc_hash` (from `documentHash`); and
    /// `fingerprint` with `ip`, `mac`, `cpu`, `disk`, `dongle`, `machine_code` and
    /// `file_id` (from `machineCode`, `fileId`). A bid's `deposit` {`date`, `account`,
    /// `value`} gives `bid.deposit_paid`. `bid.withdrawn` and `bid.disqualified` carry
    /// the bidder and, as `reason`, the bid's `statusDetails`.
    ///
    /// - Parameter bids: The release's `bids`.
    /// - Throws: ``OCDSRefusal`` for a bid without an id or tenderers, a second bid with
    ///   the same id, a bid with no time (neither its `date` nor a deadline), a deposit
    ///   without a `date`, or a member of the wrong kind.
    mutating func mapBids(_ bids: Int?) throws(OCDSRefusal) {
        guard let bids = try tape.object(bids, "bids"), let details = try tape.array(tape.member(bids, "details"), "bids.details") else {
            return
        }
        var seen: [String] = []
        for (index, element) in details.enumerated() {
            let path = { "bids.details[\(index)]" }
            guard let bid = try tape.object(element, path()) else { continue }
            var status = try tape.text(tape.member(bid, "status"), path() + ".status")
            if let code = status, !Self.bidStatuses.contains(code) {
                warn(path() + ".status", .unknownCode(expected: "one of invited, pending, valid, disqualified, withdrawn"))
                status = nil
            }
            if status == "invited" { continue }
            guard let id = try tape.identifier(tape.member(bid, "id"), path() + ".id") else { throw .missing(path() + ".id") }
            try Self.ensureUnique(id, in: &seen, path() + ".id")
            var tenderers: [String] = []
            for (position, tenderer) in (try tape.array(tape.member(bid, "tenderers"), path() + ".tenderers") ?? JSONTape.noElements)
                .enumerated()
            {
                if let organization = try organization(tenderer, path() + ".tenderers[\(position)]") { tenderers.append(organization) }
            }
            guard let bidder = tenderers.first else { throw .missing(path() + ".tenderers") }
            var at = try stamp(tape.member(bid, "date"), path() + ".date")
            if at == nil { at = deadline }
            guard let at else { throw OCDSRefusal(field: path() + ".date", reason: .missingTimestamp) }
            let value = try tape.money(tape.member(bid, "value"), path() + ".value")
            let base = ocid + "/bid/" + id

            // Members in the order of their keys.
            let start = startEvent()
            try personMember("agent", tape.member(bid, "agent"), path() + ".agent")
            member("amount", number: value.amount)
            member("bidder", bidder)
            try personMember("contact", tape.member(bid, "contact"), path() + ".contact")
            member("currency", text: value.currency)
            member("doc_hash", text: try tape.textNode(tape.member(bid, "documentHash"), path() + ".documentHash"))
            try fingerprint(tape.member(bid, "fingerprint"), path() + ".fingerprint")
            try personMember("preparer", tape.member(bid, "preparer"), path() + ".preparer")
            try personMember("project_manager", tape.member(bid, "projectManager"), path() + ".projectManager")
            member("tenderers", several: tenderers)
            finishEvent(.submitted, at: at, id: base, actor: bidder, from: start)

            if let deposit = try tape.object(tape.member(bid, "deposit"), path() + ".deposit") {
                guard let paid = try stamp(tape.member(deposit, "date"), path() + ".deposit.date") else {
                    throw OCDSRefusal(field: path() + ".deposit.date", reason: .missingTimestamp)
                }
                let account = try tape.textNode(tape.member(deposit, "account"), path() + ".deposit.account")
                let amount = try tape.money(tape.member(deposit, "value"), path() + ".deposit.value").amount
                let depositStart = startEvent()
                member("account", text: account)
                member("amount", number: amount)
                member("bidder", bidder)
                finishEvent(.depositPaid, at: paid, id: base + "/deposit", actor: nil, from: depositStart)
            }

            guard status == "withdrawn" || status == "disqualified" else { continue }
            let reason = try tape.textNode(tape.member(bid, "statusDetails"), path() + ".statusDetails")
            let statusStart = startEvent()
            member("bidder", bidder)
            member("reason", text: reason)
            if status == "withdrawn" {
                finishEvent(.withdrawn, at: at, id: base + "/withdrawn", actor: bidder, from: statusStart)
            } else {
                var decided = opening ?? deadline ?? at
                if decided.instant < at.instant { decided = at }
                finishEvent(.disqualified, at: decided, id: base + "/disqualified", actor: agency ?? buyer, from: statusStart)
            }
        }
    }

    /// Adds a `person:<id>` member from one of IronCage's bid members.
    private mutating func personMember(_ key: StaticString, _ node: Int?, _ path: @autoclosure () -> String) throws(OCDSRefusal) {
        guard let id = try tape.identifier(node, path()) else { return }
        member(key, "person:" + id)
    }

    /// IronCage's `fingerprint` members, with the keys they get in `data`, in the
    /// canonical order of those keys.
    private static let fingerprintKeys: [(from: StaticString, to: StaticString)] = [
        ("cpu", "cpu"), ("disk", "disk"), ("dongle", "dongle"), ("fileId", "file_id"), ("ip", "ip"), ("mac", "mac"),
        ("machineCode", "machine_code"),
    ]

    /// Adds `fingerprint` from a bid's `fingerprint` object, when it has a member.
    private mutating func fingerprint(_ node: Int?, _ path: @autoclosure () -> String) throws(OCDSRefusal) {
        guard let object = try tape.object(node, path()) else { return }
        var values: [(key: StaticString, node: Int)] = []
        for (from, to) in Self.fingerprintKeys {
            let name = from.withUTF8Buffer { String(decoding: $0, as: UTF8.self) }
            if let text = try tape.textNode(tape.member(object, from), path() + "." + name) { values.append((to, text)) }
        }
        guard !values.isEmpty else { return }
        openObject("fingerprint")
        for (key, text) in values { member(key, text: text) }
        closeObject()
    }
}
