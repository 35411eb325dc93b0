import EventLog
import SQLite

/// The audit's derived state, in its own SQLite file beside the log (`<log>.audit`):
/// every rule's facts by key, the findings they give, inspectors' dispositions, and how
/// far into the log it has read.
///
/// Facts are kept by a number given to each (rule, key) when first seen, not by the key's
/// text: keys such as a citizen's id arrive in no order, and a table kept in their order
/// takes each batch's facts all over the file, while numbers in order of arrival take them
/// to its end. Only the small table of keys takes them at random. Keys whose facts grew in one commit but whose findings are
/// judged in a later one are listed as stale meanwhile, so that a catch-up cut short by a
/// crash still judges them when the next one ends. Thrown away and rebuilt whenever the rules, the calendar
/// or the log's identity change; a rebuild gives identical findings.
///
/// Not `Sendable`: one connection.
final class ProjectionStore {
    let database: Database
    let path: String
    private let ruleRanks: [Int]

    private let insertFact: Statement
    private let addAggregate: Statement
    private let selectFacts: Statement
    private let selectFactsByID: Statement
    private let selectKey: Statement
    private let insertKey: Statement
    /// The number the next new key gets (kept in `meta` at every commit that used one).
    private var nextKeyID: Int64?
    /// Whether any key has a problem stored (nil: not looked yet): almost never, and then
    /// clearing a key's problem need not look.
    private var problemsMayExist: Bool?
    private let deleteFindings: Statement
    private let insertFinding: Statement
    private let insertDisposition: Statement
    private let insertProblem: Statement
    private let deleteProblem: Statement
    private let insertStale: Statement
    private let selectTally: Statement
    private let insertTally: Statement
    /// The payload of the last packed row, its storage kept for the next.
    private var packed = BinaryRecordWriter(capacity: 4096)

    /// The layout of the tables; a file in another is emptied and laid out anew (its
    /// contents are derived, and the next catch-up rebuilds them). 7: rules that share their
    /// facts (`RuleEvaluator.sharedFacts`) keep them once, and keys keep tallies. 8: no index
    /// of findings by id (each new finding took a page of it at random, for a look-up an
    /// inspector types). 9: a batch's facts of a key are kept in packed rows (`PackedFacts`),
    /// not a row each.
    static let layoutVersion: Int64 = 9

    /// - Parameters:
    ///   - path: the file.
    ///   - ruleRanks: each rule's place (by index) in the order of rule ids, by which findings
    ///     are kept, so that they are read back in the order an audit reports them.
    init(path: String, ruleRanks: [Int]) throws {
        self.path = path
        self.ruleRanks = ruleRanks
        database = try Database(path: path)
        // 16 KiB pages (for a new file): a rebuild writes every page of the file several
        // times, and against 4 KiB pages this took a fifth off a 5M-event rebuild's time.
        // Smaller pages do not make an incremental audit cheaper either: at 5M events a
        // round's ~3,200 new keys of random citizens still land on most of their rules'
        // `keys` pages, so it committed 4,600-4,800 pages of 8 KiB or 6,300-6,600 of 4 KiB
        // against 3,400-3,540 of 16 KiB, each a frame to write and a cold page to read, and
        // no round was faster (session 6).
        try database.execute("PRAGMA page_size = 16384")
        try database.execute("PRAGMA journal_mode = WAL")
        // Derived data: a lost tail is rebuilt from the log, so NORMAL is enough.
        try database.execute("PRAGMA synchronous = NORMAL")
        try database.execute("PRAGMA cache_size = -65536")
        // `ProjectionCheckpointer` checkpoints after every commit; this is the fallback, kept
        // well above what one incremental audit commits. Past it, the writer checkpoints
        // inside its own commit (writes every page a second time and syncs both files) before
        // the audit can answer: at 5M events a round of 10,000 commits 3,400-3,540 pages, near
        // the former 4,096, and with 8 KiB pages (4,600-4,800) it crossed it and the commit
        // phase took 0.16-0.36 s instead of 0.05-0.08 s (session 6, under load 4-7).
        try database.execute("PRAGMA wal_autocheckpoint = 16384")
        let version = try database.prepare("PRAGMA user_version").query { $0.int64(at: 0) }.first ?? 0
        if version != Self.layoutVersion {
            try database.transaction { database in
                for table in ["meta", "keys", "facts", "findings", "dispositions", "problems", "stale_keys", "tallies"] {
                    try database.execute("DROP TABLE IF EXISTS \(table)")
                }
                try database.execute("PRAGMA user_version = \(Self.layoutVersion)")
            }
        }
        // Findings are kept in the order an audit lists them (when each began, rule id, id),
        // so that reading them needs no sort and new ones mostly go at the end.
        try database.execute(
            """
            CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS keys(rule INTEGER NOT NULL, key TEXT NOT NULL, id INTEGER NOT NULL, PRIMARY KEY(rule, key)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS facts(key INTEGER NOT NULL, seq INTEGER NOT NULL, role INTEGER NOT NULL, at INTEGER NOT NULL,
                count INTEGER NOT NULL, payload BLOB NOT NULL, PRIMARY KEY(key, seq, role)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS findings(began INTEGER NOT NULL, rank INTEGER NOT NULL, id TEXT NOT NULL, rule INTEGER NOT NULL,
                key TEXT NOT NULL, dept TEXT NOT NULL, red_from INTEGER, red INTEGER NOT NULL, body BLOB NOT NULL,
                PRIMARY KEY(began, rank, id)) WITHOUT ROWID;
            CREATE INDEX IF NOT EXISTS findings_cards ON findings(rule, red, red_from, dept, began);
            CREATE INDEX IF NOT EXISTS findings_by_key ON findings(rule, key);
            CREATE TABLE IF NOT EXISTS dispositions(seq INTEGER PRIMARY KEY, finding TEXT NOT NULL, action TEXT NOT NULL,
                at INTEGER NOT NULL, actor TEXT NOT NULL, reason TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS dispositions_by_finding ON dispositions(finding);
            CREATE TABLE IF NOT EXISTS problems(rule INTEGER NOT NULL, key TEXT NOT NULL, message TEXT NOT NULL,
                PRIMARY KEY(rule, key)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS stale_keys(rule INTEGER NOT NULL, key TEXT NOT NULL, PRIMARY KEY(rule, key)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS tallies(rule INTEGER NOT NULL, key TEXT NOT NULL, body BLOB NOT NULL, PRIMARY KEY(rule, key)) WITHOUT ROWID;
            """)
        insertFact = try database.prepare(
            "INSERT OR IGNORE INTO facts(key, seq, role, at, count, payload) VALUES (?, ?, ?, ?, ?, ?)", persistent: true)
        addAggregate = try database.prepare(
            """
            INSERT INTO facts(key, seq, role, at, count, payload) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT(key, seq, role) DO UPDATE SET count = count + excluded.count, at = max(at, excluded.at)
            """, persistent: true)
        selectFacts = try database.prepare(
            "SELECT f.seq, f.role, f.at, f.count, f.payload FROM keys k JOIN facts f ON f.key = k.id WHERE k.rule = ? AND k.key = ?",
            persistent: true)
        selectFactsByID = try database.prepare("SELECT seq, role, at, count, payload FROM facts WHERE key = ?", persistent: true)
        selectKey = try database.prepare("SELECT id FROM keys WHERE rule = ? AND key = ?", persistent: true)
        insertKey = try database.prepare("INSERT OR IGNORE INTO keys(rule, key, id) VALUES (?, ?, ?)", persistent: true)
        deleteFindings = try database.prepare("DELETE FROM findings WHERE rule = ? AND key = ?", persistent: true)
        insertFinding = try database.prepare(
            "INSERT OR REPLACE INTO findings(began, rank, id, rule, key, dept, red_from, red, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            persistent: true)
        insertDisposition = try database.prepare(
            "INSERT OR IGNORE INTO dispositions(seq, finding, action, at, actor, reason) VALUES (?, ?, ?, ?, ?, ?)", persistent: true)
        insertProblem = try database.prepare("INSERT OR REPLACE INTO problems(rule, key, message) VALUES (?, ?, ?)", persistent: true)
        deleteProblem = try database.prepare("DELETE FROM problems WHERE rule = ? AND key = ?", persistent: true)
        insertStale = try database.prepare("INSERT OR IGNORE INTO stale_keys(rule, key) VALUES (?, ?)", persistent: true)
        selectTally = try database.prepare("SELECT body FROM tallies WHERE rule = ? AND key = ?", persistent: true)
        insertTally = try database.prepare("INSERT OR REPLACE INTO tallies(rule, key, body) VALUES (?, ?, ?)", persistent: true)
    }

    func meta(_ key: String) throws -> String? {
        try database.prepare("SELECT value FROM meta WHERE key = ?").query([.text(key)]) { $0.string(at: 0) }.first
    }

    func setMeta(_ key: String, _ value: String) throws {
        try database.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)").run([.text(key), .text(value)])
    }

    /// Empties every table: the next catch-up reads the log from the start.
    func reset() throws {
        nextKeyID = nil
        problemsMayExist = nil
        try database.transaction { database in
            try database.execute(
                """
                DELETE FROM meta; DELETE FROM keys; DELETE FROM facts; DELETE FROM findings; DELETE FROM dispositions;
                DELETE FROM problems; DELETE FROM stale_keys; DELETE FROM tallies;
                """)
        }
    }

    /// The number of a key, given it when first seen.
    ///
    /// - Parameter isNew: the caller knows the key is not stored (a catch-up from the start
    ///   of the log that has not met it): it is numbered without looking.
    /// - Returns: the number, and whether the key was new (no facts of it were stored).
    func keyID(_ key: RuleKey, isNew: Bool) throws -> (id: Int64, created: Bool) {
        if !isNew, let id = try storedKeyID(key) { return (id, false) }
        let id: Int64
        if let next = nextKeyID {
            id = next
        } else {
            id = Int64(try meta("next_key") ?? "") ?? 1
        }
        defer { insertKey.reset() }
        try insertKey.bind(Int64(key.rule), at: 1)
        try insertKey.bind(key.key, at: 2)
        try insertKey.bind(id, at: 3)
        try insertKey.step()
        // Numbered already after all (another process read the same events first).
        guard database.changes == 1 else { return (try storedKeyID(key) ?? id, false) }
        nextKeyID = id + 1
        return (id, true)
    }

    private func storedKeyID(_ key: RuleKey) throws -> Int64? {
        defer { selectKey.reset() }
        try selectKey.bind(Int64(key.rule), at: 1)
        try selectKey.bind(key.key, at: 2)
        return try selectKey.step() ? selectKey.int64(at: 0) : nil
    }

    /// Forgets what this connection remembers of the tables between transactions (the next
    /// key number, whether problems exist): call it at the start of each, since another
    /// process may have written in between.
    func beginTransaction() {
        nextKeyID = nil
        problemsMayExist = nil
    }

    /// Keeps the next key number with the keys numbered in this transaction.
    func saveKeyNumbering() throws {
        if let nextKeyID { try setMeta("next_key", String(nextKeyID)) }
    }

    /// Stores one fact, as a batch encoded it. An aggregated fact adds its count to the row
    /// it shares with the facts of the same role and values.
    ///
    /// - Parameters:
    ///   - key: the key's number (`keyID(_:isNew:)`).
    ///   - payload: the row's payload, valid until this returns.
    func add(_ row: FactBatch.Row, key: Int64, payload: UnsafeRawBufferPointer) throws {
        let statement = row.aggregate ? addAggregate : insertFact
        defer { statement.reset() }
        try statement.bind(key, at: 1)
        try statement.bind(row.seq, at: 2)
        try statement.bind(Int64(row.role), at: 3)
        try statement.bind(row.at, at: 4)
        try statement.bind(Int64(row.count), at: 5)
        try statement.bindWithoutCopying(payload, at: 6)
        try statement.step()
    }

    /// Stores a batch's facts of a key as packed rows (`PackedFacts`) of at most
    /// `PackedFacts.limit` facts each, or row by row when they cannot be packed (an
    /// aggregated fact among them) or are one.
    ///
    /// A packed row already stored with the same first seq (another process that read the
    /// same events, in other batches perhaps) leaves these facts to be stored row by row:
    /// readers keep one of each fact, so none is lost and none is counted twice.
    ///
    /// - Parameters:
    ///   - rows: the key's rows in the batch.
    ///   - payloads: the batch's payloads, which the rows point into.
    func addPacked(_ rows: ArraySlice<FactBatch.Row>, key: Int64, payloads: UnsafeRawBufferPointer) throws {
        var start = rows.startIndex
        while start < rows.endIndex {
            let end = min(start + PackedFacts.limit, rows.endIndex)
            try addPack(rows[start ..< end], key: key, payloads: payloads)
            start = end
        }
    }

    private func addPack(_ rows: ArraySlice<FactBatch.Row>, key: Int64, payloads: UnsafeRawBufferPointer) throws {
        func rowByRow() throws {
            for row in rows { try add(row, key: key, payload: UnsafeRawBufferPointer(rebasing: payloads[row.payload])) }
        }
        guard rows.count > 1, let (seq, at, count) = PackedFacts.pack(rows, payloads: payloads, into: &packed) else { return try rowByRow() }
        try insertFact.bind(key, at: 1)
        try insertFact.bind(seq, at: 2)
        try insertFact.bind(Int64(PackedFacts.role), at: 3)
        try insertFact.bind(at, at: 4)
        try insertFact.bind(Int64(count), at: 5)
        try packed.withBytes { try insertFact.bindWithoutCopying($0, at: 6) }
        try insertFact.step()
        insertFact.reset()
        if database.changes == 0 { try rowByRow() }
    }

    /// The seq that stands for an aggregated fact: a negative hash of its values.
    static func aggregateSeq(_ values: [String]) -> Int64 {
        var hasher = SHA256()
        for value in values {
            hasher.update(value)
            hasher.update([0])
        }
        let bits = hasher.finalize().withUnsafeBytes { raw in raw.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) } }
        return -Int64(bits >> 2) - 1
    }

    /// Adds a key's stored facts, undecoded, to `block`.
    ///
    /// - Parameter id: the key's number when the caller has it (one lookup fewer).
    func read(_ key: RuleKey, id: Int64?, into block: inout StoredFacts) throws {
        let statement = id == nil ? selectFacts : selectFactsByID
        defer { statement.reset() }
        if let id {
            try statement.bind(id, at: 1)
        } else {
            try statement.bind(Int64(key.rule), at: 1)
            try statement.bind(key.key, at: 2)
        }
        block.begin(key)
        while try statement.step() {
            let role = Int(statement.int64(at: 1))
            statement.withBytes(at: 4) { payload in
                if role == PackedFacts.role {
                    block.appendPacked(payload)
                } else {
                    block.append(seq: statement.int64(at: 0), role: role, at: statement.int64(at: 2), count: Int(statement.int64(at: 3)), payload: payload)
                }
            }
        }
    }

    /// A key's stored facts, each decoded as it is read, so that no undecoded copy of them
    /// all is held beside them (`JudgedAhead`: a market's facts, read while the held keys are
    /// in memory); in chronological order, a row whose payload is damaged left out.
    func decodedFacts(of key: RuleKey) throws -> [Fact] {
        guard let id = try storedKeyID(key) else { return [] }
        let statement = selectFactsByID
        defer { statement.reset() }
        try statement.bind(id, at: 1)
        var facts: [Fact] = []
        var packed = false
        while try statement.step() {
            let role = Int(statement.int64(at: 1))
            if role == PackedFacts.role {
                packed = true
                statement.withBytes(at: 4) { payload in
                    _ = PackedFacts.forEach(in: payload) { item in
                        if let fact = Fact(seq: item.seq, role: item.role, at: item.at, count: item.count, payload: item.payload) { facts.append(fact) }
                    }
                }
                continue
            }
            let fact = statement.withBytes(at: 4) { payload in
                Fact(seq: statement.int64(at: 0), role: role, at: statement.int64(at: 2), count: Int(statement.int64(at: 3)), payload: payload)
            }
            if let fact { facts.append(fact) }
        }
        facts.sort(by: Fact.chronological)
        if packed { Fact.removeRepeats(&facts) }
        return facts
    }

    /// Notes that a key's findings are behind its facts until the end of the catch-up.
    func markStale(rule: Int, key: String) throws {
        defer { insertStale.reset() }
        try insertStale.bind(Int64(rule), at: 1)
        try insertStale.bind(key, at: 2)
        try insertStale.step()
    }

    /// The keys noted stale, in (rule, key) order.
    func staleKeys() throws -> [(rule: Int, key: String)] {
        try database.prepare("SELECT rule, key FROM stale_keys ORDER BY rule, key").query { (Int($0.int64(at: 0)), $0.string(at: 1)) }
    }

    /// Forgets the stale keys, once every one of them has been judged.
    func clearStale() throws {
        try database.execute("DELETE FROM stale_keys")
    }

    /// Calls `body` with a key's stored tally (`RuleEvaluator.tally(of:)`), if it has one.
    func withTally<Result>(rule: Int, key: String, _ body: (UnsafeRawBufferPointer) throws -> Result) throws -> Result? {
        defer { selectTally.reset() }
        try selectTally.bind(Int64(rule), at: 1)
        try selectTally.bind(key, at: 2)
        guard try selectTally.step() else { return nil }
        return try selectTally.withBytes(at: 0, body)
    }

    /// Stores a key's tally, replacing the one it had.
    func setTally(rule: Int, key: String, _ tally: [UInt8]) throws {
        defer { insertTally.reset() }
        try insertTally.bind(Int64(rule), at: 1)
        try insertTally.bind(key, at: 2)
        try insertTally.bind(tally, at: 3)
        try insertTally.step()
    }

    /// A fact's place in time without its payload, except for the roles that need it.
    struct FactStub {
        var seq: Int64
        var role: Int
        var at: Int64
        /// The payload (see `Fact.writePayload(to:)`) for the role asked for; empty otherwise.
        var payload: [UInt8]

        /// Puts a key's stubs in seq order (then role), keeping one of each (seq, role): a
        /// packed row's facts and the rows stored after it, merged.
        static func sortRemovingRepeats(_ stubs: inout [FactStub]) {
            stubs.sort { $0.seq != $1.seq ? $0.seq < $1.seq : $0.role < $1.role }
            stubs.removeAdjacentRepeats { $0.seq == $1.seq && $0.role == $1.role }
        }
    }

    /// Calls `body` with each key of a rule and its facts in some roles that happened up to
    /// `instant`, key by key in key order, each key's facts in seq order; only facts in role
    /// `payloadFor` carry their payload, so that reading a million clocks stays cheap.
    ///
    /// A packed row (`PackedFacts`) is selected by its earliest fact and expanded here, its
    /// facts filtered as the query filters rows.
    func forEachKey(rule: Int, roles: [Int], payloadFor: Int, upTo instant: Instant, _ body: (String, [FactStub]) throws -> Void) throws {
        let selected = roles + [PackedFacts.role]
        let placeholders = selected.map { _ in "?" }.joined(separator: ", ")
        let statement = try database.prepare(
            """
            SELECT k.key, f.seq, f.role, f.at, f.payload FROM keys k JOIN facts f ON f.key = k.id
            WHERE k.rule = ? AND f.role IN (\(placeholders)) AND f.at <= ? ORDER BY k.key
            """)
        defer { statement.reset() }
        try statement.bind([.integer(Int64(rule))] + selected.map { .integer(Int64($0)) } + [.integer(instant.millisecondsSinceEpoch)])
        let wanted = Set(roles)
        let limit = instant.millisecondsSinceEpoch
        var currentKey: String?
        var stubs: [FactStub] = []
        // Whether the key's stubs came partly from a packed row, out of seq order.
        var unpacked = false
        func finish(_ key: String) throws {
            if unpacked { FactStub.sortRemovingRepeats(&stubs) }
            try body(key, stubs)
        }
        while try statement.step() {
            let key = statement.string(at: 0)
            if key != currentKey {
                if let currentKey { try finish(currentKey) }
                currentKey = key
                stubs.removeAll(keepingCapacity: true)
                unpacked = false
            }
            let role = Int(statement.int64(at: 2))
            if role == PackedFacts.role {
                unpacked = true
                statement.withBytes(at: 4) { payload in
                    _ = PackedFacts.forEach(in: payload) { item in
                        guard wanted.contains(item.role), item.at <= limit else { return }
                        stubs.append(FactStub(seq: item.seq, role: item.role, at: item.at, payload: item.role == payloadFor ? Array(item.payload) : []))
                    }
                }
                continue
            }
            stubs.append(FactStub(
                seq: statement.int64(at: 1), role: role, at: statement.int64(at: 3), payload: role == payloadFor ? statement.bytes(at: 4) : []))
        }
        if let currentKey { try finish(currentKey) }
    }

    func replaceFindings(rule: Int, key: String, with findings: [FactBatch.EncodedFinding]) throws {
        try deleteFindings.bind(Int64(rule), at: 1)
        try deleteFindings.bind(key, at: 2)
        try deleteFindings.step()
        deleteFindings.reset()
        try addFindings(rule: rule, key: key, findings)
    }

    /// Stores findings of a key that has none stored yet.
    func addFindings(rule: Int, key: String, _ findings: [FactBatch.EncodedFinding]) throws {
        for finding in findings {
            defer { insertFinding.reset() }
            try insertFinding.bind(finding.began, at: 1)
            try insertFinding.bind(Int64(ruleRanks.indices.contains(rule) ? ruleRanks[rule] : rule), at: 2)
            try insertFinding.bind(finding.id, at: 3)
            try insertFinding.bind(Int64(rule), at: 4)
            try insertFinding.bind(key, at: 5)
            try insertFinding.bind(finding.dept, at: 6)
            if let redFrom = finding.redFrom { try insertFinding.bind(redFrom, at: 7) } else { try insertFinding.bindNull(at: 7) }
            try insertFinding.bind(Int64(finding.red ? 1 : 0), at: 8)
            try insertFinding.bind(finding.body, at: 9)
            try insertFinding.step()
        }
    }

    /// Records (or, with nil, clears) why a key could not be judged.
    func setProblem(rule: Int, key: String, message: String?) throws {
        if message == nil {
            if problemsMayExist == nil {
                problemsMayExist = try database.prepare("SELECT EXISTS(SELECT 1 FROM problems)").query { $0.int64(at: 0) }.first == 1
            }
            if problemsMayExist == false { return }
        } else {
            problemsMayExist = true
        }
        let statement = message == nil ? deleteProblem : insertProblem
        defer { statement.reset() }
        try statement.bind(Int64(rule), at: 1)
        try statement.bind(key, at: 2)
        if let message { try statement.bind(message, at: 3) }
        try statement.step()
    }

    /// Why keys could not be judged, with how many keys each.
    func problems() throws -> [(message: String, keys: Int)] {
        try database.prepare("SELECT message, count(*) FROM problems GROUP BY message ORDER BY message").query { ($0.string(at: 0), Int($0.int64(at: 1))) }
    }

    func add(_ disposition: Disposition) throws {
        try insertDisposition.run([
            .integer(disposition.seq), .text(disposition.finding), .text(disposition.action.rawValue),
            .integer(disposition.at.millisecondsSinceEpoch), .text(disposition.by), .text(disposition.reason),
        ])
    }

    /// Calls `body` with each finding that exists at `instant` and its rule's index, in the
    /// order an audit lists them: when each began, then rule id, then id.
    ///
    /// - Parameter ruleIDs: the rule set's ids by index, shared by the findings rather than
    ///   each decoding its own copy (the stored id still decides).
    ///   - dept: only this department's findings.
    func forEachFinding(visibleAt instant: Instant, dept: String? = nil, ruleIDs: [String], _ body: (Finding, Int) throws -> Void) throws {
        let statement = try database.prepare(
            "SELECT rule, body FROM findings WHERE began <= ?1 AND (?2 IS NULL OR dept = ?2) ORDER BY began, rank, id")
        defer { statement.reset() }
        try statement.bind(instant.millisecondsSinceEpoch, at: 1)
        if let dept { try statement.bind(dept, at: 2) } else { try statement.bindNull(at: 2) }
        try decodeFindings(statement, ruleIDs: ruleIDs, body)
    }

    /// Calls `body` with the finding of this id (whenever it began) and its rule's index.
    ///
    /// No index by id (layout 8): the smallest index that holds the id is read through,
    /// 0.1–0.25 s at 5M events' 224,000 findings, for a look-up an inspector types.
    func forEachFinding(id: String, ruleIDs: [String], _ body: (Finding, Int) throws -> Void) throws {
        let statement = try database.prepare(
            """
            SELECT rule, body FROM findings WHERE (began, rank, id) IN
            (SELECT began, rank, id FROM findings INDEXED BY findings_cards WHERE id = ?1)
            """)
        defer { statement.reset() }
        try statement.bind(id, at: 1)
        try decodeFindings(statement, ruleIDs: ruleIDs, body)
    }

    private func decodeFindings(_ statement: Statement, ruleIDs: [String], _ body: (Finding, Int) throws -> Void) throws {
        while try statement.step() {
            let rule = Int(statement.int64(at: 0))
            let finding = statement.withBytes(at: 1) { Finding(encoded: $0, likelyRule: ruleIDs.indices.contains(rule) ? ruleIDs[rule] : "") }
            if let finding { try body(finding, rule) }
        }
    }

    /// The findings that exist at `instant` counted by rule, with how many of them show a red
    /// card then, from the cards' columns alone (the index `findings_cards`, read in its order:
    /// grouped by rule alone, without a sort, this took a third of the time at 224,000 findings).
    ///
    /// - Parameter dept: only this department's findings.
    func cardCounts(visibleAt instant: Instant, dept: String?) throws -> [(rule: Int, red: Int, count: Int)] {
        let statement = try database.prepare(
            """
            SELECT rule, sum(CASE WHEN red_from IS NULL THEN red ELSE red_from <= ?1 END), count(*) FROM findings
            WHERE began <= ?1 AND (?2 IS NULL OR dept = ?2) GROUP BY rule
            """)
        return try statement.query([.integer(instant.millisecondsSinceEpoch), dept.map(SQLiteValue.text) ?? .null]) {
            (Int($0.int64(at: 0)), Int($0.int64(at: 1)), Int($0.int64(at: 2)))
        }
    }

    /// When the earliest stored finding began; nil when there is none.
    func earliestBegan() throws -> Instant? {
        try database.prepare("SELECT min(began) FROM findings WHERE began IS NOT NULL").query { row -> Instant? in
            row.isNull(at: 0) ? nil : Instant(millisecondsSinceEpoch: row.int64(at: 0))
        }.first ?? nil
    }

    /// Whether a finding with this id is stored (read as `forEachFinding(id:ruleIDs:_:)` reads).
    func findingExists(_ id: String) throws -> Bool {
        try !database.prepare("SELECT 1 FROM findings INDEXED BY findings_cards WHERE id = ? LIMIT 1").query([.text(id)]) { $0.int64(at: 0) }.isEmpty
    }

    /// How many keys have facts stored.
    func keyCount() throws -> Int {
        Int(try database.prepare("SELECT count(*) FROM keys").query { $0.int64(at: 0) }.first ?? 0)
    }

    /// How many findings are stored.
    func findingCount() throws -> Int {
        Int(try database.prepare("SELECT count(*) FROM findings").query { $0.int64(at: 0) }.first ?? 0)
    }

    func allDispositions() throws -> [Disposition] {
        try database.prepare("SELECT seq, finding, action, at, actor, reason FROM dispositions ORDER BY seq").query { row in
            Disposition(
                finding: row.string(at: 1), action: Disposition.Action(rawValue: row.string(at: 2)) ?? .explain,
                at: Instant(millisecondsSinceEpoch: row.int64(at: 3)), by: row.string(at: 4), reason: row.string(at: 5), seq: row.int64(at: 0))
        }
    }
}
