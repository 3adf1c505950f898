import ArcoCore

/// Which implementation a store is.
public enum StoreKind: String, Sendable {
    case sqlite
    case postgres
}

/// The store as the engine sees it: SQLite in the workspace, or PostgreSQL shared by many hosts
/// (docs/adr/0023-postgres-store.md).
///
/// Both run the same statements through `SQLSession`; what differs is only how a transaction is
/// opened and serialized, how the schema is created, and what `health` can say about the medium.
/// Everything built from `read` and `write` (leases, launches, daemon passes) is written once, in
/// extensions of this protocol.
public protocol WorkspaceStore: AnyObject, Sendable {
    /// Which implementation this is.
    var kind: StoreKind { get }

    /// Where the store is, as messages show it (never with a password).
    var displayLocation: String { get }

    /// Runs `body` in one write transaction; writers are serialized, and each sees every commit
    /// before it. With a fence in the store's options, the lease token is checked first in the
    /// same transaction. `body` may run more than once while the store is busy.
    func write<T>(_ body: (StoreTransaction) throws -> T) throws -> T

    /// `write` without the fence: how a deposed or new daemon asks for the lease.
    func unfencedWrite<T>(_ body: (StoreTransaction) throws -> T) throws -> T

    /// Runs `body` in a read transaction (one consistent snapshot).
    func read<T>(_ body: (StoreReader) throws -> T) throws -> T

    /// `read` on a second connection, for reading beside the first one on another thread.
    func readConcurrently<T>(_ body: (StoreReader) throws -> T) throws -> T

    /// Folds the whole ledger into fresh tables, compares them with the live ones and, unless
    /// `verifyOnly`, replaces them.
    func rebuild(verifyOnly: Bool, batchRows: Int, progress: ((Int64) -> Void)?) throws -> RebuildReport

    /// Loads exported rows into an empty store, checking the chain, and folds them; all or nothing.
    func importLedger(_ next: () throws -> LedgerRow?) throws -> Int64

    /// Facts for `arco doctor`; verifies the whole chain.
    func health() throws -> StoreHealth

    /// Saves staleness verdicts if the store is free at once; false when it was not, or a rebuild
    /// changed the epoch.
    @discardableResult
    func saveStalenessCache(_ entries: [StalenessCacheEntry], epoch: Int64) -> Bool

    /// Drops every cached staleness verdict.
    func clearStalenessCache() throws

    /// Where executing processes record heartbeats when hosts share the store; nil when they are
    /// files beside it (SQLite: one host).
    var heartbeats: (any HeartbeatStore)? { get }

    /// Where step logs are copied as they are written when hosts share the store; nil when the
    /// log files beside it are the only copy (SQLite: one host).
    var logChunks: (any LogChunkStore)? { get }
}

extension WorkspaceStore {
    /// `rebuild` with the default batch size.
    public func rebuild(verifyOnly: Bool, progress: ((Int64) -> Void)? = nil) throws -> RebuildReport {
        try rebuild(verifyOnly: verifyOnly, batchRows: Limits.rebuildBatchRows, progress: progress)
    }
}

extension WorkspaceStore {
    /// Runs raw SQL outside the ledger's rules, in one unfenced write transaction; only tests use
    /// it, to simulate damage.
    public func rawExecuteForTesting(_ sql: String) throws {
        try unfencedWrite { try $0.session.executeScript(sql) }
    }
}
