public import EventLog

/// One tender as its events tell it: the notice, every bid as submitted, deposits,
/// withdrawals and disqualifications, the opening, the award and the contracts.
///
/// Folded from the facts a collusion rule keeps under the tender's subject (see
/// `Tender+Facts.swift`), so that every collusion mode judges the same picture of a
/// tender, and a tender is re-judged whenever one of its events arrives.
public struct Tender: Sendable, Equatable {
    /// The tender notice (`tender.published`).
    public struct Notice: Sendable, Equatable {
        public var seq: Int64
        public var at: Instant
        public var buyer: String?
        public var agency: String?
        public var method: String?
        /// 最高投标限价, when published.
        public var ceiling: Double?
        /// The estimate (标底 or budget), when given.
        public var estimate: Double?
        public var currency: String?
        public var submissionDeadline: Instant?
    }

    /// One `bid.submitted` event. A bidder that submits again has several.
    public struct Bid: Sendable, Equatable {
        public var seq: Int64
        public var at: Instant
        public var bidder: String
        public var amount: Double?
        /// The amount as written in the event, for findings.
        public var amountText: String?
        public var currency: String?
        /// Who prepared the documents, the agent, the project manager, the contact and the
        /// documents' hash, where the platform knows them.
        public var preparer: String?
        public var agent: String?
        public var projectManager: String?
        public var contact: String?
        public var documentHash: String?
        /// Traces left by the machine the bid was made on (`ip`, `mac`, `cpu`, `disk`,
        /// `dongle`, `machine_code`, `file_id`), where recorded.
        public var fingerprint: [String: String]
    }

    /// A deposit (`bid.deposit_paid`).
    public struct Deposit: Sendable, Equatable {
        public var seq: Int64
        public var at: Instant
        public var bidder: String
        public var account: String?
        public var amount: Double?
    }

    /// A bid withdrawn or disqualified.
    public struct Exit: Sendable, Equatable {
        public var seq: Int64
        public var at: Instant
        public var bidder: String
        public var reason: String?
    }

    /// The award (`tender.awarded`).
    public struct Award: Sendable, Equatable {
        public var seq: Int64
        public var at: Instant
        public var winner: String
        public var amount: Double?
    }

    /// A contract signed or amended.
    public struct Contract: Sendable, Equatable {
        public var seq: Int64
        public var at: Instant
        public var supplier: String?
        public var amount: Double?
        public var amended: Bool
    }

    public let subject: String
    /// The department that published the tender (else the first event's).
    public var dept: String
    public var notice: Notice?
    /// Every submission, in the order they happened.
    public var submissions: [Bid] = []
    public var deposits: [Deposit] = []
    public var withdrawals: [Exit] = []
    public var disqualifications: [Exit] = []
    public var opened: (seq: Int64, at: Instant)?
    /// The latest award (an award re-issued after a complaint replaces the first).
    public var award: Award?
    public var contracts: [Contract] = []

    public init(subject: String, dept: String) {
        self.subject = subject
        self.dept = dept
    }

    public static func == (a: Tender, b: Tender) -> Bool {
        a.subject == b.subject && a.dept == b.dept && a.notice == b.notice && a.submissions == b.submissions
            && a.deposits == b.deposits && a.withdrawals == b.withdrawals && a.disqualifications == b.disqualifications
            && a.opened?.seq == b.opened?.seq && a.opened?.at == b.opened?.at && a.award == b.award && a.contracts == b.contracts
    }

    /// Each bidder's last submission before the opening (or its last one when the tender
    /// was never opened), without the bidders that withdrew: the bids that compete.
    /// In the order they were submitted.
    ///
    /// - Complexity: O(*n*) in the number of submissions.
    public var bids: [Bid] {
        let withdrawn = Set(withdrawals.map(\.bidder))
        var latest: [String: Int] = [:]
        for (index, bid) in submissions.enumerated() where !withdrawn.contains(bid.bidder) {
            if let opened, bid.at > opened.at, latest[bid.bidder] != nil { continue }
            latest[bid.bidder] = index
        }
        return latest.values.sorted().map { submissions[$0] }
    }

    /// The competing bids that were not disqualified.
    public var validBids: [Bid] {
        let out = Set(disqualifications.map(\.bidder))
        return bids.filter { !out.contains($0.bidder) }
    }

    /// Submissions made after the tender was opened by a bidder that had already bid:
    /// a bid changed after the opening (《招标投标法实施条例》 art. 41 traces).
    public var changedAfterOpening: [Bid] {
        guard let opened else { return [] }
        let before = Set(submissions.filter { $0.at <= opened.at }.map(\.bidder))
        return submissions.filter { $0.at > opened.at && before.contains($0.bidder) }
    }
}
