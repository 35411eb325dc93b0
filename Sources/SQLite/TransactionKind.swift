/// How a transaction takes its locks (https://sqlite.org/lang_transaction.html).
public enum TransactionKind: String, Sendable {
    /// Takes locks when first needed.
    case deferred = "DEFERRED"
    /// Takes the write lock at BEGIN; other writers wait (busy timeout) instead of failing mid-way.
    case immediate = "IMMEDIATE"
    /// Like immediate; in WAL mode the same as immediate.
    case exclusive = "EXCLUSIVE"
}
