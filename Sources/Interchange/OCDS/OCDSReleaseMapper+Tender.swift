import EventLog

/// `tender` → `tender.published` and `tender.opened`.
extension OCDSReleaseMapper {
    /// Maps the tender, and keeps its deadline and opening for the bids.
    ///
    /// `tender.published` carries `buyer` (the release's `buyer`, else the party with
    /// role `buyer`), `agency` (`tender.procuringEntity`, else the party with role
    /// `procuringEntity`; left out when it is the buyer, who then runs the tender
    /// itself — OCDS gives such a party only the role `buyer`), `method` (see
    /// ``OCDSMethod``), `estimate` and `currency` (`tender.value`), `ceiling`
    /// (`tender.ceilingValue`, IronCage's member for 最高投标限价, whose currency wins),
    /// `submission_deadline` (`tender.tenderPeriod.endDate`) and `title`. Its actor is
    /// the agency, else the buyer.
    ///
    /// - Parameter tender: The release's `tender`, if any.
    /// - Throws: ``OCDSRefusal`` when the tender has no publication date, the release
    ///   no buyer, or a member is of the wrong kind.
    mutating func mapTender(_ tender: Int?) throws(OCDSRefusal) {
        deadline = nil
        opening = nil
        agency = nil
        guard let tender else { return }
        let period = try tape.object(tape.member(tender, "tenderPeriod"), "tender.tenderPeriod")
        deadline = try stamp(tape.member(period, "endDate"), "tender.tenderPeriod.endDate")
        var published = try stamp(tape.member(tender, "datePublished"), "tender.datePublished")
        if published == nil { published = try stamp(tape.member(period, "startDate"), "tender.tenderPeriod.startDate") }
        guard let published else { throw OCDSRefusal(field: "tender.tenderPeriod.startDate", reason: .missingTimestamp) }
        if let bidOpening = try tape.object(tape.member(tender, "bidOpening"), "tender.bidOpening") {
            opening = try stamp(tape.member(bidOpening, "date"), "tender.bidOpening.date")
        }
        guard let buyer else { throw .missing("buyer") }
        agency = try organization(tape.member(tender, "procuringEntity"), "tender.procuringEntity") ?? parties.procuringEntity
        if agency == buyer { agency = nil }

        let code = try tape.text(tape.member(tender, "procurementMethod"), "tender.procurementMethod")
        let details = try tape.text(tape.member(tender, "procurementMethodDetails"), "tender.procurementMethodDetails")
        let (method, unknownCode) = OCDSMethod.method(code: code, details: details)
        if unknownCode { warn("tender.procurementMethod", .unknownCode(expected: "one of open, selective, limited, direct")) }
        let estimate = try tape.money(tape.member(tender, "value"), "tender.value")
        let ceiling = try tape.money(tape.member(tender, "ceilingValue"), "tender.ceilingValue")
        let title = try tape.textNode(tape.member(tender, "title"), "tender.title")

        let start = startEvent()
        member("agency", agency)
        member("buyer", buyer)
        member("ceiling", number: ceiling.amount)
        member("currency", text: ceiling.amount != nil ? ceiling.currency ?? estimate.currency : estimate.currency ?? ceiling.currency)
        member("estimate", number: estimate.amount)
        member("method", method)
        member("submission_deadline", deadline?.text)
        member("title", text: title)
        finishEvent(.published, at: published, id: ocid + "/tender", actor: agency ?? buyer, from: start)

        if let opening {
            finishEvent(.opened, at: opening, id: ocid + "/tender/opening", actor: nil, from: startEvent())
        }
    }
}
