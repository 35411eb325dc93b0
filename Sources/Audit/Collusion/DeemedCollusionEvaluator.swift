import EventLog

/// `collusion` in mode `deemed`: what 《招标投标法实施条例》 deems collusion, per tender.
///
/// Art. 40 — different bidders' bids are deemed collusive when (one finding per tender,
/// attribute and shared value, naming the bidders and the value; evidence: each bidder's
/// first submission or deposit carrying it):
/// - (一) prepared by the same unit or person: the same `preparer`, or the same machine
///   trace in `fingerprint` — `machine_code`, `file_id` (file-creation id), `dongle`
///   (cost-software lock), `mac`, `cpu`, `disk` (`same_origin`, red). A shared `ip` alone
///   is a weaker sign — bidders behind one office or hotel network share it — so it is
///   `same_ip`, yellow;
/// - (二) the same `agent` (`same_agent`);
/// - (三) the same `project_manager` or `contact` (`same_manager`);
/// - (四) abnormally alike: the same `doc_hash` (`identical_documents`), the same price
///   among the competing bids (`identical_prices`), or prices "呈规律性差异": an arithmetic
///   or geometric progression over at least `min_bids` competing bids within `tolerance`,
///   or one the ceiling continues (`regular_prices`, defined in `PriceProgression`);
/// - (六) deposits of different bidders paid from the same `account`
///   (`same_deposit_account`).
///
/// Item (五), documents packed into one another's envelopes, leaves no trace in events.
/// Machine traces are compared without case (and a MAC without its separators); names
/// and accounts exactly. Every submission counts, withdrawn or not: a withdrawn bid was
/// still prepared by someone.
///
/// Art. 41 — traces of collusion between the buyer and a bidder:
/// - a bid changed after the opening: a bidder that had bid submits again after
///   `tender.opened` (41(四), 招标人授意投标人撤换、修改投标文件; 招标投标法 art. 29 allows
///   changes only before the deadline) — `changed_after_opening`;
/// - the winning bid (the winner's competing bid, else the award amount) within `hair`
///   (a fraction, default 0.001) of a price kept secret — the `estimate` (标底, which
///   招标投标法 art. 22 requires to be kept secret) and any other notice field named in
///   `secret` (`["estimate"]` by default; add `"ceiling"` where the ceiling is not
///   published) — as when the 标底 leaked (41(二)): `winner_near_secret_price`.
///
/// Parameters: `min_bids` (3), `tolerance` (0.01), `hair` (0.001), `secret` (`["estimate"]`).
struct DeemedCollusionEvaluator: RuleEvaluator {
    let rule: Rule
    let minimumBids: Int
    let tolerance: Double
    let hair: Double
    let secretPrices: [String]
    let eventTypes: Set<String>?
    /// A tender's events span weeks, many flushes of a long catch-up: judged once at its end,
    /// each tender is read back and judged once rather than at every flush it straddles.
    var judgesAtEndOfCatchUp: Bool { true }
    /// A tender's facts are a few kilobytes: a rebuild holds them and stores each tender once.
    var holdsKeysThroughRebuild: Bool { true }

    init(rule: Rule) throws {
        self.rule = rule
        var params = ParamReader(rule)
        _ = try params.string("mode")
        minimumBids = try params.integer("min_bids", in: 3 ... 1000) ?? 3
        tolerance = try params.number("tolerance", in: 0 ... 0.5) ?? 0.01
        hair = try params.number("hair", in: 0 ... 0.1) ?? 0.001
        secretPrices = try params.strings("secret", allowed: ["estimate", "ceiling"]) ?? ["estimate"]
        try params.finish()
        // Disqualifications are not read here, but kept for the red flags that share the facts.
        eventTypes = Tender.sharedEventTypes
    }

    var sharedFacts: String? { Tender.sharedFacts }

    func facts(for event: AuditEvent, calendar: WorkCalendar) throws -> [KeyedFact] {
        Tender.sharedFact(for: event)
    }

    var readsDataBytes: Bool { true }

    func facts(for event: AuditEvent, dataBytes data: UnsafeRawBufferPointer, calendar: WorkCalendar) throws -> [KeyedFact]? {
        Tender.sharedFact(for: event, dataBytes: data)
    }

    func folded(key: String, facts: [Fact]) -> (any Sendable)? { FoldedTender(subject: key, facts: facts) }

    func findings(key: String, facts: [Fact], calendar: WorkCalendar) throws -> [Finding] {
        try findings(key: key, facts: facts, folded: nil, calendar: calendar)
    }

    func findings(key: String, facts: [Fact], folded: (any Sendable)?, calendar: WorkCalendar) throws -> [Finding] {
        var found: [Finding] = []
        let bids = facts.filter { $0.role == Tender.Role.bid.rawValue }
        for trace in Self.possiblyShared(Self.traces, in: bids) {
            found += shared(trace, in: bids, key: key)
        }
        let deposits = facts.filter { $0.role == Tender.Role.deposit.rawValue }
        if !Self.possiblyShared([Self.account], in: deposits).isEmpty { found += shared(Self.account, in: deposits, key: key) }
        // The traces are compared on the facts above; the prices and the timeline need the tender.
        let fold = FoldedTender(folded, subject: key, facts: facts)
        let tender = fold.tender
        let anchors = Anchors(facts: facts)
        let competing = fold.competing
        found += identicalPrices(competing, key: key, facts: anchors)
        found += regularPrices(tender, competing, key: key, facts: anchors)
        found += changedAfterOpening(tender, key: key, facts: anchors)
        found += winnerNearSecretPrice(tender, competing, key: key, facts: anchors)
        return found
    }

    /// A tender's facts by seq, for the few findings that need one as their anchor: found by
    /// a scan rather than a dictionary built for every tender, since most have no finding.
    struct Anchors {
        let facts: [Fact]

        subscript(seq: Int64) -> Fact? { facts.first { $0.seq == seq } }
    }

    // MARK: - Shared values (art. 40 (一), (二), (三), (四) documents, (六))

    /// A value different bidders must not share: where it is in a bid's (or deposit's)
    /// fact values (see `Tender.Role.fields`), and how two values compare.
    struct Trace: Sendable {
        enum Comparison: Sendable {
            /// As written: names, accounts.
            case exact
            /// Without case: machine traces, hashes.
            case ignoringCase
            /// Without case and without `:`, `-`, `.` and spaces: a MAC written either way.
            case hardwareAddress
        }

        var attribute: String
        var position: Int
        var comparison: Comparison
        var article: String
        var code: String
        var level: FindingLevel?
    }

    static let traces: [Trace] = {
        let fields = Tender.Role.bid.fields
        func position(_ path: [String]) -> Int { fields.firstIndex(of: path) ?? 0 }
        var traces = [Trace(attribute: "preparer", position: position(["preparer"]), comparison: .exact, article: "40(1)", code: "same_origin")]
        for key in ["machine_code", "file_id", "dongle", "mac", "cpu", "disk"] {
            traces.append(Trace(
                attribute: key, position: position(["fingerprint", key]), comparison: key == "mac" ? .hardwareAddress : .ignoringCase,
                article: "40(1)", code: "same_origin"))
        }
        traces.append(Trace(attribute: "ip", position: position(["fingerprint", "ip"]), comparison: .ignoringCase, article: "40(1)", code: "same_ip", level: .yellow))
        traces.append(Trace(attribute: "agent", position: position(["agent"]), comparison: .exact, article: "40(2)", code: "same_agent"))
        traces.append(Trace(attribute: "project_manager", position: position(["project_manager"]), comparison: .exact, article: "40(3)", code: "same_manager"))
        traces.append(Trace(attribute: "contact", position: position(["contact"]), comparison: .exact, article: "40(3)", code: "same_manager"))
        traces.append(Trace(attribute: "doc_hash", position: position(["doc_hash"]), comparison: .ignoringCase, article: "40(4)", code: "identical_documents"))
        return traces
    }()

    static let account = Trace(
        attribute: "account", position: Tender.Role.deposit.fields.firstIndex(of: ["account"]) ?? 1, comparison: .exact, article: "40(6)",
        code: "same_deposit_account")

    /// Whether two values count as the same under `comparison`, without allocating.
    static func same(_ a: String, _ b: String, _ comparison: Trace.Comparison) -> Bool {
        switch comparison {
        case .exact:
            return a == b
        case .ignoringCase:
            guard a.utf8.count == b.utf8.count else { return false }
            return zip(a.utf8, b.utf8).allSatisfy { upper($0) == upper($1) }
        case .hardwareAddress:
            var left = a.utf8.lazy.filter(isDigitOrLetter).makeIterator()
            var right = b.utf8.lazy.filter(isDigitOrLetter).makeIterator()
            while true {
                switch (left.next(), right.next()) {
                case (nil, nil): return true
                case (let x?, let y?) where upper(x) == upper(y): continue
                default: return false
                }
            }
        }
    }

    private static func upper(_ byte: UInt8) -> UInt8 { byte >= 0x61 && byte <= 0x7A ? byte - 0x20 : byte }
    private static func isDigitOrLetter(_ byte: UInt8) -> Bool { !(byte == 0x3A || byte == 0x2D || byte == 0x2E || byte == 0x20) }

    /// The form in which a shared value enters a finding's id.
    static func normalized(_ value: String, _ comparison: Trace.Comparison) -> String {
        switch comparison {
        case .exact: value
        case .ignoringCase: value.uppercased()
        case .hardwareAddress: String(value.uppercased().filter { $0 != ":" && $0 != "-" && $0 != "." && $0 != " " })
        }
    }

    /// The traces whose values two different bidders may share: those where two facts of
    /// different bidders have values of equal hash (FNV-1a over the compared form). A cheap
    /// sieve run on every tender; `shared` then compares the values themselves.
    ///
    /// - Complexity: one pass over the values, then O(*n*²) integer comparisons per trace.
    static func possiblyShared(_ traces: [Trace], in items: [Fact]) -> [Trace] {
        guard items.count >= 2 else { return [] }
        let width = traces.count
        var hashes = [UInt64](repeating: 0, count: items.count * width)
        var owners = [UInt64](repeating: 0, count: items.count)
        for (i, item) in items.enumerated() {
            let values = item.values
            owners[i] = hash(values.first ?? "", .exact)
            for (t, trace) in traces.enumerated() where trace.position < values.count {
                hashes[i * width + t] = hash(values[trace.position], trace.comparison)
            }
        }
        return traces.indices.compactMap { t in
            for j in 1 ..< items.count where hashes[j * width + t] != 0 && owners[j] != 0 {
                for i in 0 ..< j where hashes[i * width + t] == hashes[j * width + t] && owners[i] != 0 {
                    if owners[i] != owners[j] || items[i].values.first != items[j].values.first { return traces[t] }
                }
            }
            return nil
        }
    }

    /// FNV-1a over the bytes `same` compares (0 for an empty value).
    ///
    /// Run over every value of every bid of every tender: the bytes are read in one
    /// contiguous run, with the comparison chosen once per value, not per byte.
    static func hash(_ value: String, _ comparison: Trace.Comparison) -> UInt64 {
        guard !value.isEmpty else { return 0 }
        var text = value
        let hash = text.withUTF8 { bytes in
            var hash: UInt64 = 0xCBF2_9CE4_8422_2325
            switch comparison {
            case .exact:
                for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
            case .ignoringCase:
                for byte in bytes { hash = (hash ^ UInt64(upper(byte))) &* 0x100_0000_01B3 }
            case .hardwareAddress:
                for byte in bytes where isDigitOrLetter(byte) { hash = (hash ^ UInt64(upper(byte))) &* 0x100_0000_01B3 }
            }
            return hash
        }
        return hash == 0 ? 1 : hash
    }

    /// One finding per value shared by two or more bidders, in the order the values were
    /// first shared.
    ///
    /// - Complexity: O(*n*²) comparisons in the *n* facts (a handful per tender).
    private func shared(_ trace: Trace, in items: [Fact], key: String) -> [Finding] {
        func bidder(_ fact: Fact) -> String { fact.values.first ?? "" }
        func value(_ fact: Fact) -> String { trace.position < fact.values.count ? fact.values[trace.position] : "" }
        var groups: [[Fact]] = []
        for item in items where !value(item).isEmpty && !bidder(item).isEmpty {
            if let index = groups.firstIndex(where: { Self.same(value($0[0]), value(item), trace.comparison) }) {
                if !groups[index].contains(where: { bidder($0) == bidder(item) }) { groups[index].append(item) }
            } else {
                groups.append([item])
            }
        }
        return groups.compactMap { members in
            guard members.count >= 2 else { return nil }
            let anchor = members[1]
            return finding(
                key: key + "\u{1F}" + trace.attribute + "\u{1F}" + Self.normalized(value(members[0]), trace.comparison), code: trace.code,
                anchor: anchor, began: anchor.at, evidence: members.map(\.seq).sorted(), level: trace.level,
                details: [
                    "article": trace.article, "attribute": trace.attribute, "value": value(members[0]),
                    "bidders": members.map(bidder).joined(separator: ", "), "count": String(members.count),
                ])
        }
    }

    // MARK: - Prices (art. 40 (四))

    private func identicalPrices(_ competing: [Tender.Bid], key: String, facts: Anchors) -> [Finding] {
        var groups: [Double: [Tender.Bid]] = [:]
        var order: [Double] = []
        for bid in competing {
            guard let amount = bid.amount else { continue }
            if groups[amount] == nil { order.append(amount) }
            groups[amount, default: []].append(bid)
        }
        return order.compactMap { amount in
            guard let bids = groups[amount], bids.count >= 2, let anchor = facts[bids[1].seq] else { return nil }
            let text = bids[0].amountText ?? format3(amount)
            return finding(
                key: key + "\u{1F}price\u{1F}" + format3(amount), code: "identical_prices", anchor: anchor, began: anchor.at,
                evidence: bids.map(\.seq).sorted(),
                details: [
                    "article": "40(4)", "attribute": "amount", "value": text, "bidders": bids.map(\.bidder).joined(separator: ", "),
                    "count": String(bids.count),
                ])
        }
    }

    private func regularPrices(_ tender: Tender, _ competing: [Tender.Bid], key: String, facts: Anchors) -> [Finding] {
        let bids = competing.filter { $0.amount != nil }
        guard bids.count >= minimumBids,
            let progression = PriceProgression.find(
                in: bids.compactMap(\.amount), ceiling: tender.notice?.ceiling, tolerance: tolerance, minimumBids: minimumBids),
            let first = bids.first, let anchor = facts[first.seq], let last = bids.map(\.at).max()
        else { return [] }
        let ascending = bids.sorted { ($0.amount ?? 0, $0.seq) < ($1.amount ?? 0, $1.seq) }
        var evidence = bids.map(\.seq)
        var details = [
            "article": "40(4)", "pattern": progression.kind.rawValue, "reaches_ceiling": progression.reachesCeiling ? "true" : "false",
            "step": progression.kind == .arithmetic ? format3(progression.step) : format6(progression.step),
            "deviation": format6(progression.deviation), "count": String(bids.count),
            "bidders": ascending.map(\.bidder).joined(separator: ", "),
            "amounts": ascending.map { $0.amountText ?? format3($0.amount ?? 0) }.joined(separator: ", "),
        ]
        if progression.reachesCeiling, let notice = tender.notice, let ceiling = notice.ceiling {
            evidence.append(notice.seq)
            details["ceiling"] = format3(ceiling)
        }
        return [
            finding(key: key, code: "regular_prices", anchor: anchor, began: last, evidence: evidence.sorted(), details: details)
        ]
    }

    // MARK: - Art. 41

    private func changedAfterOpening(_ tender: Tender, key: String, facts: Anchors) -> [Finding] {
        let changed = tender.changedAfterOpening
        guard let opened = tender.opened, let first = changed.first, let anchor = facts[first.seq] else { return [] }
        var bidders: [String] = []
        for bid in changed where !bidders.contains(bid.bidder) { bidders.append(bid.bidder) }
        var evidence = [opened.seq] + changed.map(\.seq)
        for bidder in bidders {
            if let before = tender.submissions.last(where: { $0.bidder == bidder && $0.at <= opened.at }) { evidence.append(before.seq) }
        }
        return [
            finding(
                key: key, code: "changed_after_opening", anchor: anchor, began: first.at, evidence: evidence.sorted(),
                details: ["article": "41(4)", "bidders": bidders.joined(separator: ", "), "count": String(changed.count)])
        ]
    }

    private func winnerNearSecretPrice(_ tender: Tender, _ competing: [Tender.Bid], key: String, facts: Anchors) -> [Finding] {
        guard let award = tender.award, let notice = tender.notice, let anchor = facts[award.seq] else { return [] }
        let winning = competing.last { $0.bidder == award.winner && $0.amount != nil }
        guard let amount = winning?.amount ?? award.amount, amount > 0 else { return [] }
        return secretPrices.compactMap { field in
            guard let secret = field == "ceiling" ? notice.ceiling : notice.estimate, secret > 0 else { return nil }
            let gap = abs(amount - secret) / secret
            guard gap <= hair else { return nil }
            let evidence = ([notice.seq, award.seq] + (winning.map { [$0.seq] } ?? [])).sorted()
            return finding(
                key: key + "\u{1F}" + field, code: "winner_near_secret_price", anchor: anchor, began: award.at, evidence: evidence,
                details: [
                    "article": "41(2)", "field": field, "secret": format3(secret), "winner": award.winner,
                    "amount": winning?.amountText ?? format3(amount), "gap": format6(gap), "hair": format6(hair),
                ])
        }
    }
}
