/// The parties of one release and the `org:` identifiers IronCage gives them.
///
/// OCDS names an organization once, in `parties` (with its `identifier` from a
/// registry), and elsewhere refers to it by the party's `id`, which is local to the
/// contracting process (https://standard.open-contracting.org/1.1/en/schema/reference/#parties,
/// #organizationreference). Findings about collusion compare bidders *across*
/// tenders, so the envelope needs the registry identifier, not the local id:
///
/// - a party with `identifier.id` whose `identifier.scheme` is absent or a Chinese
///   register (`CN-SAIC` in org-id.guide, or any `CN-…` code) becomes `org:<identifier.id>` — the
///   统一社会信用代码, as the trading vocabulary writes bidders;
/// - a party with an identifier from another register becomes
///   `org:<scheme>-<id>` (`org:GB-COH-09506232`), the org-id.guide form;
/// - a party without an identifier becomes `org:<party id>` (publishers often make the
///   party id that very `<scheme>-<id>` string);
/// - a reference to an id that is not among the parties becomes `org:<that id>`.
///
/// Releases name a handful of parties; they are looked up by a linear scan.
struct OCDSParties {
    private var partyIDs: [String] = []
    private var organizations: [String] = []
    /// The first party whose `roles` include `buyer`.
    private(set) var buyer: String?
    /// The first party whose `roles` include `procuringEntity`.
    private(set) var procuringEntity: String?

    /// Forgets the previous release's parties.
    mutating func removeAll() {
        partyIDs.removeAll(keepingCapacity: true)
        organizations.removeAll(keepingCapacity: true)
        buyer = nil
        procuringEntity = nil
    }

    /// Reads a release's `parties`.
    ///
    /// - Parameters:
    ///   - parties: The `parties` member's node.
    ///   - tape: The release.
    /// - Throws: ``OCDSRefusal`` for a party that is not an object, has no `id`, or
    ///   whose identifier or roles are of the wrong kind.
    mutating func load(_ parties: Int?, in tape: JSONTape) throws(OCDSRefusal) {
        removeAll()
        guard let parties = try tape.array(parties, "parties") else { return }
        for (index, party) in parties.enumerated() {
            guard let object = try tape.object(party, "parties[\(index)]") else { continue }
            guard let id = try tape.identifier(tape.member(object, "id"), "parties[\(index)].id") else {
                throw .missing("parties[\(index)].id")
            }
            var organization = "org:" + id
            if let identifier = try tape.object(tape.member(object, "identifier"), "parties[\(index)].identifier"),
                let registered = try tape.identifier(tape.member(identifier, "id"), "parties[\(index)].identifier.id")
            {
                let scheme = try tape.text(tape.member(identifier, "scheme"), "parties[\(index)].identifier.scheme")
                if let scheme, !scheme.hasPrefix("CN-") {
                    organization = "org:" + scheme + "-" + registered
                } else {
                    organization = "org:" + registered
                }
            }
            partyIDs.append(id)
            organizations.append(organization)
            for role in try tape.array(tape.member(object, "roles"), "parties[\(index)].roles") ?? JSONTape.noElements {
                guard tape.kind(role) == .string else { continue }
                let name = tape.raw(role)
                if buyer == nil, name.elementsEqual("buyer".utf8) { buyer = organization }
                if procuringEntity == nil, name.elementsEqual("procuringEntity".utf8) { procuringEntity = organization }
            }
        }
    }

    /// The `org:` identifier of an `OrganizationReference` (`{"id", "name"}`).
    ///
    /// - Parameters:
    ///   - reference: The reference's node; absent or `null` gives `nil`.
    ///   - tape: The release.
    ///   - path: Its path.
    /// - Throws: ``OCDSRefusal`` when the reference is not an object or has no `id`.
    func organization(_ reference: Int?, in tape: JSONTape, _ path: @autoclosure () -> String) throws(OCDSRefusal) -> String? {
        guard let object = try tape.object(reference, path()) else { return nil }
        guard let id = try tape.identifier(tape.member(object, "id"), path() + ".id") else { throw .missing(path() + ".id") }
        if let index = partyIDs.firstIndex(of: id) { return organizations[index] }
        return "org:" + id
    }
}
