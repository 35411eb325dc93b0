import EventLog

/// `awards[]` → `tender.awarded`; `contracts[]` → `contract.signed`, `contract.amended`.
extension OCDSReleaseMapper {
    /// The award statuses of OCDS 1.1's closed codelist
    /// (https://standard.open-contracting.org/1.1/en/schema/codelists/#award-status).
    static let awardStatuses = ["pending", "active", "cancelled", "unsuccessful"]

    /// Maps the awards in force: `status` `active`, or absent (many publishers leave it
    /// out). A `pending` award is not yet in force (its standstill period, 中标候选人公示,
    /// has not ended); `cancelled` and `unsuccessful` ones never were.
    ///
    /// `tender.awarded` carries `winner` (the first of `suppliers`), `suppliers` (all
    /// of them, for a joint award) and `amount` (`value.amount`); its actor is the buyer.
    ///
    /// - Parameter awards: The release's `awards`.
    /// - Throws: ``OCDSRefusal`` for an award without an id (or with another's), an
    ///   award in force without a supplier or a `date`, or a member of the wrong kind.
    mutating func mapAwards(_ awards: Int?) throws(OCDSRefusal) {
        awardSuppliers.removeAll(keepingCapacity: true)
        guard let awards = try tape.array(awards, "awards") else { return }
        var seen: [String] = []
        for (index, element) in awards.enumerated() {
            let path = { "awards[\(index)]" }
            guard let award = try tape.object(element, path()) else { continue }
            guard let id = try tape.identifier(tape.member(award, "id"), path() + ".id") else { throw .missing(path() + ".id") }
            try Self.ensureUnique(id, in: &seen, path() + ".id")
            var suppliers: [String] = []
            for (position, supplier) in (try tape.array(tape.member(award, "suppliers"), path() + ".suppliers") ?? JSONTape.noElements)
                .enumerated()
            {
                if let organization = try organization(supplier, path() + ".suppliers[\(position)]") { suppliers.append(organization) }
            }
            awardSuppliers.append((id, suppliers.first, index))
            var status = try tape.text(tape.member(award, "status"), path() + ".status")
            if let code = status, !Self.awardStatuses.contains(code) {
                warn(path() + ".status", .unknownCode(expected: "one of pending, active, cancelled, unsuccessful"))
                status = nil
            }
            guard status == nil || status == "active" else { continue }
            guard let winner = suppliers.first else { throw .missing(path() + ".suppliers") }
            guard let at = try stamp(tape.member(award, "date"), path() + ".date") else {
                throw OCDSRefusal(field: path() + ".date", reason: .missingTimestamp)
            }
            let value = try tape.money(tape.member(award, "value"), path() + ".value")
            let start = startEvent()
            member("amount", number: value.amount)
            member("suppliers", several: suppliers)
            member("winner", winner)
            finishEvent(.awarded, at: at, id: ocid + "/award/" + id, actor: buyer, from: start)
        }
    }

    /// Maps the contracts: `contract.signed` for each with `dateSigned` (one without
    /// is not signed yet) and `contract.amended` for each of its `amendments`.
    ///
    /// Both carry `supplier`, the first supplier of the award the contract's `awardID`
    /// names (OCDS 1.1 contracts have no suppliers of their own), and `amount`. A
    /// compiled release holds only a contract's latest `value`, so `contract.signed`
    /// gets it when the contract has no amendments and otherwise only the latest
    /// amendment does (as the new total); what the contract was worth before is not in
    /// the release. Actor: the buyer.
    ///
    /// - Parameter contracts: The release's `contracts`.
    /// - Throws: ``OCDSRefusal`` for a contract without an id (or with another's), one
    ///   to map whose `awardID` is absent or names no award with a supplier, an
    ///   amendment without a `date`, or a member of the wrong kind.
    mutating func mapContracts(_ contracts: Int?) throws(OCDSRefusal) {
        guard let contracts = try tape.array(contracts, "contracts") else { return }
        var seen: [String] = []
        for (index, element) in contracts.enumerated() {
            let path = { "contracts[\(index)]" }
            guard let contract = try tape.object(element, path()) else { continue }
            guard let id = try tape.identifier(tape.member(contract, "id"), path() + ".id") else { throw .missing(path() + ".id") }
            try Self.ensureUnique(id, in: &seen, path() + ".id")
            let signed = try stamp(tape.member(contract, "dateSigned"), path() + ".dateSigned")
            var amendments: [(stamp: OCDSStamp, id: String)] = []
            var amendmentIDs: [String] = []
            for (position, element) in (try tape.array(tape.member(contract, "amendments"), path() + ".amendments") ?? JSONTape.noElements)
                .enumerated()
            {
                let amendmentPath = { path() + ".amendments[\(position)]" }
                guard let amendment = try tape.object(element, amendmentPath()) else { continue }
                guard let date = try stamp(tape.member(amendment, "date"), amendmentPath() + ".date") else {
                    throw OCDSRefusal(field: amendmentPath() + ".date", reason: .missingTimestamp)
                }
                let amendmentID = try tape.identifier(tape.member(amendment, "id"), amendmentPath() + ".id") ?? String(position + 1)
                try Self.ensureUnique(amendmentID, in: &amendmentIDs, amendmentPath() + ".id")
                amendments.append((date, amendmentID))
            }
            guard signed != nil || !amendments.isEmpty else { continue }
            guard let awardID = try tape.identifier(tape.member(contract, "awardID"), path() + ".awardID") else {
                throw .missing(path() + ".awardID")
            }
            guard let award = awardSuppliers.first(where: { $0.id == awardID }) else {
                throw .expected("the id of an award in the release", at: path() + ".awardID")
            }
            guard let supplier = award.supplier else { throw .missing("awards[\(award.index)].suppliers") }
            let amount = try tape.money(tape.member(contract, "value"), path() + ".value").amount
            let base = ocid + "/contract/" + id
            if let signed {
                let start = startEvent()
                member("amount", number: amendments.isEmpty ? amount : nil)
                member("supplier", supplier)
                finishEvent(.signed, at: signed, id: base, actor: buyer, from: start)
            }
            // The latest amendment; of equal dates, the last listed.
            let latest = amendments.indices.max { (amendments[$0].stamp.instant, $0) < (amendments[$1].stamp.instant, $1) }
            for (position, amendment) in amendments.enumerated() {
                let start = startEvent()
                member("amount", number: position == latest ? amount : nil)
                member("supplier", supplier)
                finishEvent(.amended, at: amendment.stamp, id: base + "/amendment/" + amendment.id, actor: buyer, from: start)
            }
        }
    }
}
