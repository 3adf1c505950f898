import ArcoCore
import GRDB

extension SQLiteStore {
    /// Saves freshly computed verdicts, if the store is free at once: the cache only saves work,
    /// so a report never waits for a writer (or fails) because of it.
    ///
    /// - Parameter epoch: the cache epoch of the read the verdicts were computed in; nothing is
    ///   saved if a rebuild or an import has raised it since.
    /// - Returns: whether the entries were saved.
    @discardableResult
    public func saveStalenessCache(_ entries: [StalenessCacheEntry], epoch: Int64) -> Bool {
        guard !entries.isEmpty else { return true }
        do {
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA busy_timeout = 0")
                defer { try? db.execute(sql: "PRAGMA busy_timeout = \(min(options.busyTimeoutMilliseconds, Limits.busyWaitSliceMillisecondsMax))") }
                try db.inTransaction(.immediate) {
                    let transaction = StoreTransaction(session: GRDBSession(db, checked: checkedStatements))
                    try transaction.saveStalenessCache(entries, epoch: epoch)
                    return .commit
                }
            }
            return true
        } catch {
            return false
        }
    }

    /// Drops every cached verdict (benchmarks measure reports without them).
    public func clearStalenessCache() throws {
        try write { try $0.session.executeScript(StoreMigrations.dropStalenessCache) }
    }
}
