import Dispatch
public import EventLog
import SQLite

/// One finding as an audit reports it at an instant: its card, its state, its rule.
public struct AuditedFinding: Sendable {
    public let finding: Finding
    public var rule: Rule { sharedRule.rule }
    public let level: FindingLevel
    public let state: FindingState
    /// Shared by every finding of the rule: a result may hold hundreds of thousands of
    /// findings, and a rule is large.
    private let sharedRule: SharedRule

    init(finding: Finding, rule: SharedRule, level: FindingLevel, state: FindingState) {
        self.finding = finding
        sharedRule = rule
        self.level = level
        self.state = state
    }
}

/// A rule held once for all of its findings.
final class SharedRule: Sendable {
    let rule: Rule

    init(_ rule: Rule) {
        self.rule = rule
    }
}

/// The outcome of `AuditEngine.audit(asOf:)`.
public struct AuditResult: Sendable {
    public enum Mode: String, Sendable {
        /// From the stored projections (the as-of instant is after every event).
        case projection
        /// Replayed in memory over the events that happened up to the as-of instant.
        case replay
    }

    public let asOf: Instant
    public let mode: Mode
    /// Events newly read from the log to bring the projections up to date.
    public let eventsRead: Int
    /// In a fixed order: when each began, then rule, then id.
    public let findings: [AuditedFinding]
    /// Why some keys could not be judged (e.g. a due date in a year the calendar lacks), with how many keys.
    public let problems: [(message: String, keys: Int)]
}

/// Turns the log into findings: keeps the projections caught up, and judges as of an instant.
///
/// An audit as of T covers the events that happened (`at`) up to T, so the same log and
/// the same T give the same findings. When T is after every event in the log — the usual
/// case, "now" — the stored projections answer and only events new since the last audit
/// are read. Otherwise the events up to T are replayed in memory by the same evaluators.
///
/// Not `Sendable`: it owns connections.
public final class AuditEngine {
    public let log: EventStore
    public let rules: RuleSet
    let projection: ProjectionStore
    let collector: FactCollector
    /// Events read between commits of the projections. Larger batches judge a key once for
    /// many of its events (most lifecycles end within one batch). Tests set it lower.
    var flushEvery = 100_000 {
        didSet { precondition(flushEvery > 0, "flushEvery must be positive") }
    }
    /// The bytes of facts a rebuild may hold in memory (`HeldFacts`). Tests set it lower.
    var holdingBudget = 768 << 20
    /// Events handed at a time to the thread that parses them.
    static let chunkSize = 4096
    /// Checkpoints the projections after each commit, on a thread of its own.
    private let checkpointer: ProjectionCheckpointer
    /// The rules by index, each held once for all of its findings.
    let sharedRules: [SharedRule]
    /// Keys the last catch-up judged from their tallies without reading their facts back (for
    /// tests and the benchmark).
    public private(set) var talliedKeys = 0
    /// Keys the last catch-up judged while it judged the held keys (`JudgedAhead`, for tests).
    private(set) var keysJudgedAhead = 0
    /// Where the last catch-up's time went on the engine's thread (for the benchmark).
    public private(set) var lastCatchUpPhases = CatchUpPhases()
    /// Each rule's place (by index) in the order of rule ids: findings are listed by when
    /// they began, then rule id, then id.
    private let ruleRanks: [Int]
    /// The keys judged at the end of the catch-up, judged while the held keys are.
    private var judgedAhead = JudgedAhead()

    /// - Parameters:
    ///   - log: the event log.
    ///   - rules: the loaded rule set.
    ///   - projectionPath: where the projections live (default: the log's path + `.audit`).
    public init(log: EventStore, rules: RuleSet, projectionPath: String? = nil) throws {
        self.log = log
        self.rules = rules
        var ranks = Array(repeating: 0, count: rules.rules.count)
        for (rank, index) in rules.rules.indices.sorted(by: { rules.rules[$0].id < rules.rules[$1].id }).enumerated() { ranks[index] = rank }
        ruleRanks = ranks
        sharedRules = rules.rules.map(SharedRule.init)
        projection = try ProjectionStore(path: projectionPath ?? log.path + ".audit", ruleRanks: ranks)
        checkpointer = ProjectionCheckpointer(path: projection.path)
        collector = FactCollector(rules: rules)
        if try projection.meta("fingerprint") != rules.fingerprint || projection.meta("log_id") != log.logID {
            try projection.reset()
            try projection.setMeta("fingerprint", rules.fingerprint)
            try projection.setMeta("log_id", log.logID)
        }
    }

    deinit {
        checkpointer.stop()
    }

    /// Discards the projections; the next catch-up replays the whole log.
    public func rebuild(progress: ((Int64, Int64) -> Void)? = nil) throws -> Int {
        try projection.reset()
        try projection.setMeta("fingerprint", rules.fingerprint)
        try projection.setMeta("log_id", log.logID)
        return try catchUp(progress: progress)
    }

    /// Reads the events appended since the last catch-up into the projections.
    ///
    /// This thread reads the log and stores batches of facts; another parses the events and
    /// turns them into those batches (`FactBatcher`), a batch ahead.
    ///
    /// - Returns: how many events were read.
    @discardableResult
    public func catchUp(progress: ((Int64, Int64) -> Void)? = nil) throws -> Int {
        // A rebuild cut short while it held facts in memory left its position ahead of them.
        if try projection.meta("holding") == "1" {
            try projection.reset()
            try projection.setMeta("fingerprint", rules.fingerprint)
            try projection.setMeta("log_id", log.logID)
        }
        talliedKeys = 0
        keysJudgedAhead = 0
        lastCatchUpPhases = CatchUpPhases()
        judgedAhead = JudgedAhead()
        defer { judgedAhead = JudgedAhead() }
        let catchUpStarted = ContinuousClock.now
        defer { lastCatchUpPhases.total = catchUpStarted.duration(to: .now) }
        let position = Int64(try projection.meta("position") ?? "0") ?? 0
        let maxAt = Int64(try projection.meta("max_at") ?? "") ?? Int64.min
        let size = try log.head().size
        // Nothing new and nothing left stale (an audit again, a listing after a catch-up): no
        // batch to make, nothing to commit.
        if position >= size, try projection.staleKeys().isEmpty { return 0 }
        let batcher = FactBatcher(
            collector: collector, batchSize: flushEvery, position: position, maxAt: maxAt, fromStart: position == 0, holdingBudget: holdingBudget)
        let handOff = CatchUpHandOff(chunkCapacity: 4, batchCapacity: 1)
        let finished = DispatchSemaphore(value: 0)
        // A queue of its own gets a thread of its own, however busy Dispatch's pool is.
        DispatchQueue(label: "ironcage.audit.facts").async {
            Self.makeBatches(batcher, handOff)
            finished.signal()
        }
        defer {
            handOff.cancel()
            finished.wait()
        }
        var read = 0
        func storeAll(_ ready: [Result<FactBatch, any Error>]) throws {
            for outcome in ready {
                let batch = try outcome.get()
                try store(batch)
                read += batch.events
                if !batch.isFinal { progress?(batch.position, size) }
            }
        }
        func send(_ chunk: LogChunk) throws {
            while true {
                let (taken, ready) = handOff.offer(chunk)
                try storeAll(ready)
                if taken { return }
            }
        }
        var chunk = LogChunk(capacity: Self.chunkSize)
        try log.forEachBody(from: position + 1) { seq, body in
            chunk.append(seq: seq, body: body)
            if chunk.count >= Self.chunkSize {
                try send(chunk)
                chunk = LogChunk(capacity: Self.chunkSize)
            }
            return true
        }
        if chunk.count > 0 { try send(chunk) }
        handOff.closeInput()
        while let outcome = handOff.nextBatch() { try storeAll([outcome]) }
        return read
    }

    /// The findings as of `instant`, every one of them decoded (reports need them all; the
    /// audit command lists them from `listing(asOf:progress:)` instead).
    public func audit(asOf instant: Instant, progress: ((Int64, Int64) -> Void)? = nil) throws -> AuditResult {
        let listing = try listing(asOf: instant, progress: progress)
        // The projections keep findings in the order of the result: each is read, judged at
        // the instant and added in place, with no copy of them all to sort.
        var audited: [AuditedFinding] = []
        if listing.mode == .projection { audited.reserveCapacity(try projection.findingCount()) }
        try listing.forEach(.everything) { audited.append($0) }
        return AuditResult(asOf: instant, mode: listing.mode, eventsRead: listing.eventsRead, findings: audited, problems: listing.problems)
    }

    /// The findings as of `instant`, ready to be counted and listed: after catching up, only
    /// what changed has been judged, and no stored finding has been decoded yet.
    public func listing(asOf instant: Instant, progress: ((Int64, Int64) -> Void)? = nil) throws -> AuditListing {
        let read = try catchUp(progress: progress)
        let maxAt = Int64(try projection.meta("max_at") ?? "") ?? Int64.min
        guard instant.millisecondsSinceEpoch >= maxAt else {
            let (findings, dispositions, problems) = try replay(upTo: instant)
            var states = StateResolver(dispositions: dispositions, rules: rules, at: instant)
            let audited = try self.audited(findings, states: &states)
            return AuditListing(
                asOf: instant, mode: .replay, eventsRead: read, problems: problems + states.unladderedProblems, replayed: audited)
        }
        let states = StateResolver(dispositions: try projection.allDispositions(), rules: rules, at: instant)
        return AuditListing(
            asOf: instant, eventsRead: read, problems: try projection.problems() + unladderedProblems(states), engine: self, states: states)
    }

    /// The stored findings the escalation ladder cannot place at the resolver's instant.
    ///
    /// When the calendar covers every day from the earliest finding's start to the instant,
    /// no finding's wait can cross a missing year and none is decoded; otherwise each
    /// finding's state is resolved, as listing them all would.
    private func unladderedProblems(_ resolver: StateResolver) throws -> [(message: String, keys: Int)] {
        let instant = resolver.instant
        guard let earliest = try projection.earliestBegan(), earliest <= instant else { return [] }
        let calendar = rules.calendar
        if (try? calendar.workdays(after: calendar.localDate(of: earliest), through: calendar.localDate(of: instant))) != nil { return [] }
        var states = resolver
        try projection.forEachFinding(visibleAt: instant, ruleIDs: rules.rules.map(\.id)) { finding, rule in
            guard sharedRules.indices.contains(rule), finding.rule == rules.rules[rule].id else { return }
            _ = try states.audited(finding, rule: sharedRules[rule])
        }
        return states.unladderedProblems
    }

    /// Whether a finding with this id exists in the projections.
    public func findingExists(_ id: String) throws -> Bool {
        try projection.findingExists(id)
    }

    /// The findings that began by `instant` with their rules, cards and states, in the
    /// result's order: when each began, then rule id, then id.
    ///
    /// Ordered first on small keys, so that the large records are built once, in place.
    private func audited(_ findings: [Finding], states: inout StateResolver) throws -> [AuditedFinding] {
        let instant = states.instant
        let ruleIndex = Dictionary(uniqueKeysWithValues: rules.rules.enumerated().map { ($1.id, $0) })
        var order: [(began: Int64, rank: Int, rule: Int, finding: Int)] = []
        order.reserveCapacity(findings.count)
        for (position, finding) in findings.enumerated() where finding.began <= instant {
            guard let rule = ruleIndex[finding.rule] else { continue }
            order.append((finding.began.millisecondsSinceEpoch, ruleRanks[rule], rule, position))
        }
        order.sort { a, b in
            if a.began != b.began { return a.began < b.began }
            if a.rank != b.rank { return a.rank < b.rank }
            return findings[a.finding].id < findings[b.finding].id
        }
        var audited: [AuditedFinding] = []
        audited.reserveCapacity(order.count)
        for entry in order { audited.append(try states.audited(findings[entry.finding], rule: sharedRules[entry.rule])) }
        return audited
    }

    // MARK: - Folding events

    /// The batcher's thread: chunks in, batches (or the error that stopped it) out. Each
    /// batch goes as soon as it is full, so that an error leaves the batches before it stored.
    private static func makeBatches(_ initial: FactBatcher, _ handOff: CatchUpHandOff) {
        struct Cancelled: Error {}
        var batcher = initial
        defer { handOff.closeOutput() }
        do {
            while let chunk = handOff.nextChunk() {
                try chunk.forEach { seq, body in
                    if let batch = try batcher.add(seq: seq, body: body), !handOff.deliver(.success(batch)) { throw Cancelled() }
                }
            }
            guard !handOff.isCancelled else { return }
            if let last = try batcher.batchBeforeHeld() {
                guard handOff.deliver(.success(last)) else { return }
            }
            while let held = try batcher.nextHeldBatch() {
                guard handOff.deliver(.success(held)) else { return }
            }
            handOff.deliver(.success(try batcher.finish()))
        } catch is Cancelled {
            return
        } catch {
            handOff.deliver(.failure(error))
        }
    }

    /// Stores a batch in one transaction with the position it reaches.
    ///
    /// A key the batcher judged (new in a catch-up from the start of the log) gets its
    /// findings. Any other key is judged from its stored facts by the final batch of the
    /// catch-up: until then it is noted stale in the same transaction, so that a key whose
    /// facts run through many batches (a unit's look-ups, a budget line) is read back and
    /// judged once, not after every batch, and a catch-up cut short still leaves it to be
    /// judged by the next. Once the batch that ends the log is stored (`FactBatch.endsLog`),
    /// the keys judged at the end are judged while the held keys are (`JudgedAhead`).
    private func store(_ batch: FactBatch) throws {
        let started = ContinuousClock.now
        var bodyDone = started
        defer {
            let now = ContinuousClock.now
            lastCatchUpPhases.commit += bodyDone.duration(to: now)
        }
        try projection.database.transaction { _ in
            projection.beginTransaction()
            var later: [(key: RuleKey, id: Int64, rows: Range<Int>)] = []
            try batch.payloads.withUnsafeBytes { payloads in
                for entry in batch.entries {
                    let key = entry.key
                    if !judgedAhead.isEmpty { judgedAhead.forget(key) }
                    let (id, created) = try projection.keyID(key, isNew: entry.isNew)
                    for row in batch.rows[entry.rows] {
                        try projection.add(row, key: id, payload: UnsafeRawBufferPointer(rebasing: payloads[row.payload]))
                    }
                    switch entry.judged {
                    case let judged? where created:
                        if let tally = entry.tally { try projection.setTally(rule: key.rule, key: key.key, tally) }
                        for (rule, judgement) in judged {
                            switch judgement {
                            case .findings(let findings): try projection.addFindings(rule: rule, key: key.key, findings)
                            case .problem(let message): try projection.setProblem(rule: rule, key: key.key, message: message)
                            }
                        }
                    default:
                        if batch.isFinal {
                            later.append((key, id, entry.rows))
                        } else {
                            try projection.markStale(rule: key.rule, key: key.key)
                        }
                    }
                }
            }
            try projection.saveKeyNumbering()
            for disposition in batch.dispositions { try projection.add(disposition) }
            try projection.setMeta("position", String(batch.position))
            try projection.setMeta("holding", batch.holdsFacts ? "1" : "0")
            if batch.maxAt != Int64.min { try projection.setMeta("max_at", String(batch.maxAt)) }
            let rowsDone = ContinuousClock.now
            lastCatchUpPhases.storing += started.duration(to: rowsDone)
            if batch.isFinal { try judgeStale(with: later, of: batch) }
            bodyDone = ContinuousClock.now
            lastCatchUpPhases.judgingStale += rowsDone.duration(to: bodyDone)
        }
        checkpointer.committed()
        if batch.endsLog {
            let aheadStarted = ContinuousClock.now
            let keys = try projection.staleKeys().map { RuleKey(rule: $0.rule, key: $0.key) }.filter {
                rules.evaluators[$0.rule].judgesAtEndOfCatchUp
            }
            judgedAhead = try JudgedAhead(keys, from: projection, collector: collector)
            lastCatchUpPhases.judgingStale += aheadStarted.duration(to: .now)
        }
    }

    /// Judges `known` (keys with new facts in the final batch) and the keys noted stale, and
    /// clears the note.
    ///
    /// A key whose rule keeps a tally, with no facts but the final batch's since it was last
    /// judged, is judged from its tally and those facts when they are enough to tell. The
    /// rest are judged from their stored facts: this thread reads them a block at a time and
    /// stores the findings; another decodes and judges each block while this one reads the next.
    private func judgeStale(with known: [(key: RuleKey, id: Int64, rows: Range<Int>)], of batch: FactBatch) throws {
        // Judged ahead unless the final batch brings them facts (`JudgedAhead`).
        var ahead = judgedAhead
        judgedAhead = JudgedAhead()
        let stale = try projection.staleKeys().map { RuleKey(rule: $0.rule, key: $0.key) }
        let staleSet = Set(stale)
        var keys: [(key: RuleKey, id: Int64?)] = []
        var seen = Set<RuleKey>()
        for (key, id, rows) in known {
            seen.insert(key)
            ahead.forget(key)
            if !staleSet.contains(key), try judgedFromTally(key, rows: batch.rows[rows], payloads: batch.payloads) { continue }
            keys.append((key, id))
        }
        for key in stale where seen.insert(key).inserted { keys.append((key, nil)) }
        keys.sort { $0.key < $1.key }
        let queue = DispatchQueue(label: "ironcage.audit.judge")
        var running: JudgingJob?
        var block = StoredFacts()
        func store(_ job: JudgingJob) throws {
            for (key, judgement, tally) in try job.judgements() {
                if let tally { try projection.setTally(rule: key.rule, key: key.key, tally) }
                switch judgement {
                case .findings(let findings):
                    try projection.replaceFindings(rule: key.rule, key: key.key, with: findings)
                    try projection.setProblem(rule: key.rule, key: key.key, message: nil)
                case .problem(let message):
                    try projection.replaceFindings(rule: key.rule, key: key.key, with: [])
                    try projection.setProblem(rule: key.rule, key: key.key, message: message)
                }
            }
        }
        // The next job to store, stored once the one after it has started: in key order.
        func hand(_ job: JudgingJob) throws {
            if let running { try store(running) }
            running = job
        }
        for (index, (key, id)) in keys.enumerated() {
            if let job = ahead.take(key) {
                keysJudgedAhead += 1
                if !block.isEmpty {
                    try hand(JudgingJob.start(block, collector: collector, on: queue))
                    block = StoredFacts()
                }
                try hand(job)
                continue
            }
            try projection.read(key, id: id, into: &block)
            guard block.rowCount >= Self.judgingBlockRows || index == keys.count - 1 else { continue }
            try hand(JudgingJob.start(block, collector: collector, on: queue))
            block = StoredFacts()
        }
        if let running { try store(running) }
        try projection.clearStale()
    }

    /// Judges a key from its stored tally and its new facts (`RuleEvaluator.findings(key:adding:toTally:calendar:)`)
    /// and stores its findings and new tally.
    ///
    /// - Returns: whether it was judged; false when its rule keeps no tally, it has none
    ///   stored yet, or the tally cannot tell (it must be judged from every fact).
    private func judgedFromTally(_ key: RuleKey, rows: ArraySlice<FactBatch.Row>, payloads: [UInt8]) throws -> Bool {
        let evaluator = rules.evaluators[key.rule]
        guard evaluator.keepsTally, evaluator.tallyTakesAggregates || !rows.contains(where: \.aggregate) else { return false }
        let facts = payloads.withUnsafeBytes { raw in
            rows.compactMap { row in
                let payload = UnsafeRawBufferPointer(rebasing: raw[row.payload])
                return Fact(seq: row.seq, role: row.role, at: row.at, count: row.count, payload: payload)
            }
        }
        guard facts.count == rows.count,
            let stored = try projection.withTally(rule: key.rule, key: key.key, { evaluator.findings(key: key.key, adding: facts, toTally: $0, calendar: rules.calendar) }),
            let (findings, tally) = stored
        else { return false }
        switch findings {
        case .findings(let findings):
            try projection.replaceFindings(rule: key.rule, key: key.key, with: findings.map(FactBatch.EncodedFinding.init))
            try projection.setProblem(rule: key.rule, key: key.key, message: nil)
        case .added(let findings):
            try projection.addFindings(rule: key.rule, key: key.key, findings.map(FactBatch.EncodedFinding.init))
        case .unchanged:
            break
        }
        try projection.setTally(rule: key.rule, key: key.key, tally)
        talliedKeys += 1
        return true
    }

    /// Facts read per block handed to the judging thread: enough to keep it busy while the
    /// next block is read, few enough to stay small beside a key with a million facts.
    static let judgingBlockRows = 20_000

    /// Judges the events that happened up to `instant` without the projections.
    private func replay(upTo instant: Instant) throws -> ([Finding], [Disposition], [(message: String, keys: Int)]) {
        var facts: [RuleKey: [Fact]] = [:]
        var aggregates: [RuleKey: [String: Int]] = [:]
        var dispositions: [Disposition] = []
        var collected: [(rule: Int, keyed: KeyedFact)] = []
        try log.forEachBody { _, body in
            let event = try AuditEvent(body: body)
            guard event.at <= instant else { return true }
            if let disposition = Disposition(event) { dispositions.append(disposition) }
            collected.removeAll(keepingCapacity: true)
            try collector.collect(event, into: &collected)
            for (index, keyed) in collected {
                let key = RuleKey(rule: index, key: keyed.key)
                if keyed.aggregate {
                    var fact = keyed.fact
                    fact.seq = ProjectionStore.aggregateSeq(fact.values)
                    let identity = "\(fact.role)\u{1F}" + fact.values.joined(separator: "\u{1F}")
                    if let position = aggregates[key]?[identity] {
                        facts[key, default: []][position].count += fact.count
                        facts[key, default: []][position].at = max(facts[key, default: []][position].at, fact.at)
                    } else {
                        aggregates[key, default: [:]][identity] = facts[key]?.count ?? 0
                        facts[key, default: []].append(fact)
                    }
                } else {
                    facts[key, default: []].append(keyed.fact)
                }
            }
            return true
        }
        var findings: [Finding] = []
        var problems: [String: Int] = [:]
        for (key, list) in facts {
            for (_, judgement) in try collector.judgements(key, facts: list.sorted(by: Fact.chronological)) {
                switch judgement {
                case .findings(let found): findings += found
                case .problem(let message): problems[message, default: 0] += 1
                }
            }
        }
        return (findings, dispositions, problems.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    }
}
