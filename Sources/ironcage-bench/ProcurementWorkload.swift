import EventLog

/// A realistic procurement market for the collusion benchmark: tenders from notice to
/// contract in the vocabulary of `Rules/schemas/trading.json`, about six bids each from a
/// regional pool of firms, with deposits, the odd withdrawal and disqualification, awards to
/// the lowest valid bid and contracts — and, planted among them, what the procurement pack
/// looks for: shared machines, accounts and preparers, regular prices, red flags, and in
/// every block of 1,000 tenders one bid rotation, one ring and one perpetual loser.
struct ProcurementWorkload {
    private var state: UInt64 = 0x7E4D_E2C0_1105_2026
    let tenders: Int
    /// Bids submitted so far.
    private(set) var bids = 0
    /// Firms of the regional pools (the planted groups have firms of their own).
    let firms: Int
    static let poolSize = 200

    /// 2026-01-05T00:00:00+08:00 (Unix seconds): the first notice.
    static let firstUnix: Int64 = 1_767_542_400
    /// Notices go out over 250 days, so that every contract falls inside 2026 (the calendar's last year).
    static let spanSeconds: Int64 = 250 * 86_400

    init(tenders: Int) {
        self.tenders = tenders
        firms = max(Self.poolSize, tenders / 5 / Self.poolSize * Self.poolSize)
    }

    /// SplitMix64 (Steele, Lea, Flood 2014).
    private mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
    private mutating func uniform(_ low: Double, _ high: Double) -> Double { low + (high - low) * Double(next() >> 11) / Double(1 << 53) }

    /// What a tender of the market is planted with.
    enum Plan: Equatable {
        case normal, rotation(group: Int, turn: Int), ring(group: Int, round: Int), loser(group: Int), sharedMachine, sharedAccount,
            samePreparer, progression, shortPeriod, singleBid, lateWin, lowestOut
    }

    static func plan(_ index: Int) -> Plan {
        let block = index / 1000, within = index % 1000
        switch within {
        case 0 ..< 9: return .rotation(group: block, turn: within)
        case 100 ..< 110: return .ring(group: block, round: within - 100)
        case 200 ..< 208: return .loser(group: block)
        default: break
        }
        switch index % 200 {
        case 50, 150: return .sharedMachine
        case 51: return .sharedAccount
        case 52: return .samePreparer
        case 53: return .shortPeriod
        case 54: return .singleBid
        case 55: return .lateWin
        case 56: return .lowestOut
        case 57 where index % 1000 == 57: return .progression
        default: return .normal
        }
    }

    /// A firm's identity and the traces it leaves; planted firms are numbered above the pools.
    struct Firm {
        var number: Int
        var org: String { "org:9152\(String(100_000_000 + number))X" }
        var preparer: String { "person:5201\(String(200_000_000 + number))" }
        var agent: String { "person:5202\(String(200_000_000 + number))" }
        var manager: String { "person:5203\(String(200_000_000 + number))" }
        var contact: String { "person:5204\(String(200_000_000 + number))" }
        var ip: String { "10.\(number >> 16 & 255).\(number >> 8 & 255).\(number & 255)" }
        var mac: String { "02:00:\(hex(number >> 24)):\(hex(number >> 16)):\(hex(number >> 8)):\(hex(number))" }
        var machineCode: String { "BFEBFBFF\(String(10_000_000 + number))-WD-WX\(String(1_000_000_000 + number * 7))" }
        var account: String { "24020012\(String(1_000_000_000 + number))" }

        private func hex(_ value: Int) -> String {
            let byte = value & 255
            return (byte < 16 ? "0" : "") + String(byte, radix: 16)
        }
    }

    /// The events of tender `index` (about 16 lines), as NDJSON with their Unix times.
    mutating func tender(_ index: Int) -> [(unix: Int64, line: String)] {
        let plan = Self.plan(index)
        // Numbered as trading centres number them: the year and a zero-padded sequence.
        let subject = "tender:2026-" + String(String(1_000_000 + index).dropFirst())
        let publish = Self.firstUnix + Int64(index) * Self.spanSeconds / Int64(max(tenders, 1)) + Int64(below(3600))
        let region = index % (firms / Self.poolSize)
        let method = plan == .normal ? ["open", "open", "open", "open", "open", "open", "invited", "competitive_negotiation"][below(8)] : "open"
        let ceiling = Double(100_000 + below(9_900_000)).rounded(.down)
        let estimate = (ceiling / uniform(0.95, 1.0) / 100).rounded() * 100
        let period = plan == .shortPeriod ? 15 : 20 + below(10)
        // 09:30 Beijing time (01:30 UTC), `period` local days after the notice's local day.
        let deadline = ((publish + 8 * 3600) / 86_400 + Int64(period)) * 86_400 + 5400
        let agency = "org:9152\(String(900_000 + region % 40))A"
        let buyer = "org:1152\(String(900_000 + below(300)))B"

        // Who bids.
        let planted = firms + (index / 1000) * 20
        var bidders: [Firm] = []
        var fixedWinner: Int?
        switch plan {
        case .rotation(_, let turn):
            bidders = (0 ..< 3).map { Firm(number: planted + $0) }
            fixedWinner = turn % 3
        case .ring(_, let round):
            bidders = (3 ..< 6).map { Firm(number: planted + $0) }
            fixedWinner = round % 5 == 0 ? 0 : nil
        case .loser:
            bidders = [Firm(number: planted + 6), Firm(number: planted + 7)]
            fixedWinner = 0
        default: break
        }
        let wanted = plan == .singleBid ? 1 : max(4 + below(5), bidders.count + 2)
        while bidders.count < wanted {
            let candidate = Firm(number: region * Self.poolSize + below(Self.poolSize))
            if !bidders.contains(where: { $0.number == candidate.number }) { bidders.append(candidate) }
        }

        // Prices: the winner's lowest; the planted winner undercuts the rest.
        var amounts = bidders.map { _ in (ceiling * uniform(0.85, 0.99)).rounded() }
        if let fixedWinner {
            let low = amounts.min() ?? ceiling
            amounts[fixedWinner] = (low * 0.995).rounded()
        }
        if plan == .progression {
            for position in amounts.indices { amounts[position] = (ceiling * 0.9).rounded() - Double(position) * 12_500 }
        }
        var out: [(Int64, String)] = []
        var serial = 0
        func add(_ unix: Int64, _ type: String, _ actor: String?, _ data: String) {
            serial += 1
            let actorPart = actor.map { #","actor":"\#($0)""# } ?? ""
            out.append((unix, #"{"id":"P\#(index)-\#(serial)","type":"\#(type)","at":"\#(EventGenerator.timestamp(unix))","dept":"gy.ggzy"\#(actorPart),"subject":"\#(subject)","data":\#(data)}"#))
        }
        add(publish, "tender.published", agency,
            #"{"buyer":"\#(buyer)","agency":"\#(agency)","method":"\#(method)","ceiling":\#(Int64(ceiling)),"estimate":\#(Int64(estimate)),"currency":"CNY","submission_deadline":"\#(EventGenerator.timestamp(deadline))","title":"道路维修工程（\#(index)标段）"}"#)
        for (position, firm) in bidders.enumerated() {
            var account = firm.account
            if plan == .sharedAccount && position == 2 { account = bidders[1].account }
            if method == "open" || method == "invited" {
                add(publish + 86_400 * Int64(2 + below(10)) + Int64(below(36_000)), "bid.deposit_paid", nil,
                    #"{"bidder":"\#(firm.org)","account":"\#(account)","amount":\#(Int64(ceiling / 50))}"#)
            }
            let maker = plan == .sharedMachine && position == 3 ? bidders[0] : firm
            let preparer = plan == .samePreparer && position == 1 ? bidders[0].preparer : firm.preparer
            bids += 1
            var submitted = deadline - 3600 - Int64(below(5 * 86_400))
            if plan == .lateWin && position == 0 { submitted = deadline + 600 }
            add(submitted, "bid.submitted", firm.org,
                #"{"bidder":"\#(firm.org)","amount":\#(Int64(amounts[position])),"currency":"CNY","preparer":"\#(preparer)","agent":"\#(firm.agent)","project_manager":"\#(firm.manager)","contact":"\#(firm.contact)","doc_hash":"\#(String(next(), radix: 16))\#(String(next(), radix: 16))","fingerprint":{"ip":"\#(firm.ip)","mac":"\#(maker.mac)","machine_code":"\#(maker.machineCode)"}}"#)
        }
        var withdrawn: Set<Int> = []
        if plan == .normal && bidders.count > 4 && below(30) == 0 {
            withdrawn.insert(bidders.count - 1)
            add(deadline - 1800, "bid.withdrawn", bidders[bidders.count - 1].org, #"{"bidder":"\#(bidders[bidders.count - 1].org)","reason":"书面申请撤回"}"#)
        }
        let opened = deadline + (plan == .lateWin ? 1800 : 0)
        add(opened, "tender.opened", "staff:02\(below(10))", "{}")
        guard plan != .singleBid else { return out }
        var ranked = bidders.indices.filter { !withdrawn.contains($0) }.sorted { amounts[$0] < amounts[$1] }
        if plan == .lateWin, let late = ranked.firstIndex(of: 0) {
            ranked.remove(at: late)
            ranked.insert(0, at: 0)
        }
        if plan == .lowestOut || (plan == .normal && ranked.count > 4 && below(20) == 0) {
            let out = plan == .lowestOut ? ranked[0] : ranked[ranked.count - 1]
            add(opened + 3600, "bid.disqualified", agency, #"{"bidder":"\#(bidders[out].org)","reason":"资格审查不合格"}"#)
            ranked.removeAll { $0 == out }
        }
        guard let winner = ranked.first else { return out }
        let awarded = opened + 86_400 * Int64(3 + below(4))
        add(awarded, "tender.awarded", buyer, #"{"winner":"\#(bidders[winner].org)","amount":\#(Int64(amounts[winner]))}"#)
        add(awarded + 86_400 * Int64(5 + below(15)), "contract.signed", buyer,
            #"{"supplier":"\#(bidders[winner].org)","amount":\#(Int64(amounts[winner]))}"#)
        return out
    }

    /// Appends every tender's events to `store`, day by day in the order they happened, each
    /// day's batch recorded ten minutes after its end.
    ///
    /// - Returns: how many events were written and an instant after all of them.
    mutating func writeLog(to store: EventStore) throws -> (written: Int, end: Instant) {
        var written = 0
        var pendingByDay: [Int64: [(Int64, String)]] = [:]
        var flushedDay: Int64 = Self.firstUnix / 86_400 - 1
        func flush(through day: Int64) throws {
            while flushedDay < day {
                flushedDay += 1
                guard let lines = pendingByDay.removeValue(forKey: flushedDay)?.sorted(by: { $0.0 < $1.0 }) else { continue }
                let recorded = Instant(millisecondsSinceEpoch: (flushedDay + 1) * 86_400_000 + 600_000)
                for chunk in stride(from: 0, to: lines.count, by: 10_000) {
                    let envelopes = try lines[chunk ..< min(lines.count, chunk + 10_000)].map { try Envelope.parse(line: $0.1).get() }
                    _ = try store.append(envelopes, recorded: recorded)
                    written += envelopes.count
                }
            }
        }
        for index in 0 ..< tenders {
            let events = tender(index)
            for (unix, line) in events { pendingByDay[unix / 86_400, default: []].append((unix, line)) }
            if index % 500 == 0, let first = events.first { try flush(through: first.unix / 86_400 - 60) }
        }
        let last = (Self.firstUnix + Self.spanSeconds) / 86_400 + 70
        try flush(through: last)
        return (written, Instant(millisecondsSinceEpoch: (last + 1) * 86_400_000))
    }
}
