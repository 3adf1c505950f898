import ArcoCore

extension PostgresStore: WorkspaceStore {
    public var kind: StoreKind { .postgres }

    /// Hosts share no folder: heartbeats are rows of the store.
    public var heartbeats: (any HeartbeatStore)? { self }

    /// Hosts share no folder: step logs are copied into rows of the store as they are written.
    public var logChunks: (any LogChunkStore)? { self }

    public func unfencedWrite<T>(_ body: (StoreTransaction) throws -> T) throws -> T {
        try write(fence: nil, body)
    }

    /// A read on a connection of its own, opened for the call: the prefetch that uses it runs
    /// beside the process's connection on another thread.
    public func readConcurrently<T>(_ body: (StoreReader) throws -> T) throws -> T {
        let session = try openConnection()
        defer { session.close() }
        try session.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        let result = try body(StoreReader(session: session))
        try session.execute("COMMIT")
        return result
    }

    /// Loads an export into the empty store under the append lock, all or nothing.
    public func importLedger(_ next: () throws -> LedgerRow?) throws -> Int64 {
        try write { try $0.importLedger(next) }
    }

    /// Saves verdicts only if no writer holds the append lock at this moment: the cache saves
    /// work, so a report never waits for a writer because of it.
    @discardableResult
    public func saveStalenessCache(_ entries: [StalenessCacheEntry], epoch: Int64) -> Bool {
        guard !entries.isEmpty else { return true }
        do {
            return try transaction(begin: "BEGIN", locked: false) { session in
                guard try tryAppendLock(session) else { return false }
                try StoreTransaction(session: session).saveStalenessCache(entries, epoch: epoch)
                return true
            }
        } catch {
            return false
        }
    }

    /// Drops every cached verdict.
    public func clearStalenessCache() throws {
        try write { try $0.session.executeScript(StoreMigrations.dropStalenessCache) }
    }

    /// Migrations, the chain and the meta row, read in one snapshot.
    /// - Complexity: O(events): the whole chain is verified.
    public func health() throws -> StoreHealth {
        let pending = try pendingMigrations()
        let applied = PostgresMigrations.names.filter { !pending.contains($0) }
        return try read { reader in
            var verifier = LedgerHash.Verifier()
            var chainBreak: LedgerHash.Break?
            try reader.forEachEvent(EventFilter()) { row in
                if chainBreak == nil { chainBreak = verifier.check(row) }
            }
            return StoreHealth(
                kind: .postgres, location: displayLocation,
                serverVersion: try reader.session.value("SHOW server_version", as: String.self),
                appliedMigrations: applied, pendingMigrations: pending, journalMode: "", synchronous: -1,
                quickCheck: ["ok"], events: try reader.eventCount(), chainBreak: chainBreak, tipSeq: try reader.tip().seq,
                meta: try reader.meta(), fileMode: nil, tipMismatch: try reader.tipMismatch(), staleScratchFiles: [])
        }
    }

    /// Folds the whole ledger into a scratch schema and compares or swaps, in one transaction
    /// under the append lock.
    ///
    /// Unlike SQLite's, writers wait for the whole rebuild, not only its catch-up: a rebuild is an
    /// operator's repair or an upgrade's refold, and one transaction means a failure at any point
    /// (including a lost connection) leaves nothing behind, scratch schema included. `--verify`
    /// rolls the scratch schema back.
    public func rebuild(verifyOnly: Bool, batchRows: Int, progress: ((Int64) -> Void)?) throws -> RebuildReport {
        let scratch = location.schema + "_rebuild"
        return try withBusyRetry {
            try withConnection { session in
                try session.execute("BEGIN")
                do {
                    try takeAppendLock(session)
                    let report = try rebuild(session, scratch: scratch, verifyOnly: verifyOnly, batchRows: batchRows, progress: progress)
                    // A write that fails fails the verification too, as it would the commit.
                    if verifyOnly { try session.sendDeferred() }
                    try session.execute(verifyOnly ? "ROLLBACK" : "COMMIT")
                    return report
                } catch {
                    if !((error as? StoreError)?.isConnectionLost ?? false) { _ = try? session.execute("ROLLBACK") }
                    throw error
                }
            }
        }
    }

    private func rebuild(
        _ session: PostgresSession, scratch: String, verifyOnly: Bool, batchRows: Int, progress: ((Int64) -> Void)?
    ) throws -> RebuildReport {
        // Rebuilding over a ledger that lost acknowledged rows would make the loss look healthy.
        if case .ledgerTruncated(let applied, let tip)? = try StoreReader(session: session).tipMismatch() {
            throw StoreError.ledgerTruncated(appliedSeq: applied, tipSeq: tip)
        }
        try session.execute("DROP SCHEMA IF EXISTS \(scratch) CASCADE")
        try session.execute("CREATE SCHEMA \(scratch)")
        for table in StoreMigrations.projectionTables {
            // `LIKE` copies columns in order with their collations, defaults and indexes.
            try session.execute("CREATE TABLE \(scratch).\(table) (LIKE \(location.schema).\(table) INCLUDING ALL)")
        }
        var state = ScratchRebuild.State()
        while try ScratchRebuild.fold(session, &state, limit: max(1, batchRows), scratch: scratch) > 0 {
            progress?(state.verifier.expectedSeq - 1)
        }
        try SQLProjectionWriter(session, schema: scratch).setMeta(state.meta)
        let differences = verifyOnly ? try ScratchRebuild.compareTables(session, scratch: scratch) : []
        if !verifyOnly { try ScratchRebuild.swapTables(session, scratch: scratch) }
        try session.execute("DROP SCHEMA \(scratch) CASCADE")
        return RebuildReport(
            eventsFolded: state.folded, unknownEvents: state.meta.unknownEvents, rejectedEvents: state.meta.rejectedEvents,
            differences: differences, swapped: !verifyOnly)
    }
}
