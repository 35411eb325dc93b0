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
    mutating func mapBids(_ bids: JSONValue?) throws(OCDSRefusal) {
        guard let bids = try OCDSValueReading.object(bids, "bids"),
            let details = try OCDSValueReading.array(bids["details"], "bids.details")
        else { return }
        var seen: [String] = []
        for (index, element) in details.enumerated() {
            let path = { "bids.details[\(index)]" }
            guard let bid = try OCDSValueReading.object(element, path()) else { continue }
            var status = try OCDSValueReading.text(bid["status"], path() + ".status")
            if let code = status, !Self.bidStatuses.contains(code) {
                warn(path() + ".status", .unknownCode(expected: "one of invited, pending, valid, disqualified, withdrawn"))
                status = nil
            }
            if status == "invited" { continue }
            guard let id = try OCDSValueReading.identifier(bid["id"], path() + ".id") else { throw .missing(path() + ".id") }
            try Self.ensureUnique(id, in: &seen, path() + ".id")
            var tenderers: [String] = []
            for (position, tenderer) in (try OCDSValueReading.array(bid["tenderers"], path() + ".tenderers") ?? []).enumerated() {
                if let organization = try parties.organization(tenderer, path() + ".tenderers[\(position)]") {
                    tenderers.append(organization)
                }
            }
            guard let bidder = tenderers.first else { throw .missing(path() + ".tenderers") }
            guard let at = try OCDSStamp.read(bid["date"], zone: zone, path() + ".date") ?? deadline else {
                throw OCDSRefusal(field: path() + ".date", reason: .missingTimestamp)
            }
            let value = try OCDSValueReading.money(bid["value"], path() + ".value")
            let base = ocid + "/bid/" + id

            let start = startEvent()
            member("bidder", bidder)
            member("tenderers", several: tenderers)
            member("amount", number: value.amount)
            member("currency", value.currency)
            try personMember("preparer", bid["preparer"], path() + ".preparer")
            try personMember("agent", bid["agent"], path() + ".agent")
            try personMember("project_manager", bid["projectManager"], path() + ".projectManager")
            try personMember("contact", bid["contact"], path() + ".contact")
            member("doc_hash", try OCDSValueReading.text(bid["documentHash"], path() + ".documentHash"))
            try fingerprint(bid["fingerprint"], path() + ".fingerprint")
            finishEvent("bid.submitted", at: at, id: base, actor: bidder, from: start)

            if let deposit = try OCDSValueReading.object(bid["deposit"], path() + ".deposit") {
                guard let paid = try OCDSStamp.read(deposit["date"], zone: zone, path() + ".deposit.date") else {
                    throw OCDSRefusal(field: path() + ".deposit.date", reason: .missingTimestamp)
                }
                let account = try OCDSValueReading.text(deposit["account"], path() + ".deposit.account")
                let amount = try OCDSValueReading.money(deposit["value"], path() + ".deposit.value").amount
                let depositStart = startEvent()
                member("bidder", bidder)
                member("account", account)
                member("amount", number: amount)
                finishEvent("bid.deposit_paid", at: paid, id: base + "/deposit", actor: nil, from: depositStart)
            }

            guard status == "withdrawn" || status == "disqualified" else { continue }
            let reason = try OCDSValueReading.text(bid["statusDetails"], path() + ".statusDetails")
            let statusStart = startEvent()
            member("bidder", bidder)
            member("reason", reason)
            if status == "withdrawn" {
                finishEvent("bid.withdrawn", at: at, id: base + "/withdrawn", actor: bidder, from: statusStart)
            } else {
                var decided = opening ?? deadline ?? at
                if decided.instant < at.instant { decided = at }
                finishEvent("bid.disqualified", at: decided, id: base + "/disqualified", actor: agency ?? buyer, from: statusStart)
            }
        }
    }

    /// Adds a `person:<id>` member from one of IronCage's bid members.
    private mutating func personMember(_ key: StaticString, _ value: JSONValue?, _ path: @autoclosure () -> String) throws(OCDSRefusal) {
        guard let id = try OCDSValueReading.identifier(value, path()) else { return }
        member(key, "person:" + id)
    }

    /// Adds `fingerprint` from a bid's `fingerprint` object, when it has a member.
    private mutating func fingerprint(_ value: JSONValue?, _ path: @autoclosure () -> String) throws(OCDSRefusal) {
        guard let object = try OCDSValueReading.object(value, path()) else { return }
        let keys: [(from: String, to: StaticString)] = [
            ("ip", "ip"), ("mac", "mac"), ("cpu", "cpu"), ("disk", "disk"), ("dongle", "dongle"),
            ("machineCode", "machine_code"), ("fileId", "file_id"),
        ]
        var values: [(StaticString, String)] = []
        for (from, to) in keys {
            if let text = try OCDSValueReading.text(object[from], path() + "." + from) { values.append((to, text)) }
        }
        guard !values.isEmpty else { return }
        openObject("fingerprint")
        for (key, text) in values { member(key, text) }
        closeObject()
    }
}
