import ArcoCore
import Foundation
import GRDB

extension StoreReader {
    /// The ledger position of each asset's last materialization (assets never materialized are
    /// absent): one index seek per asset.
    public func lastMaterializationSeqs(_ assets: [AssetKey]) throws -> [AssetKey: Int64] {
        let statement = try db.cachedStatement(sql: "SELECT MAX(seq) FROM materializations WHERE asset = ?")
        var seqs: [AssetKey: Int64] = [:]
        for asset in assets {
            if let seq = try Int64.fetchOne(statement, arguments: [asset.rawValue]) { seqs[asset] = seq }
        }
        return seqs
    }

    /// The cached verdicts' fingerprints and counts, without their rows, with what a refresh
    /// needs (`StalenessRefresh.Entry`).
    public func stalenessCacheHeaders() throws -> [AssetKey: StalenessCacheHeader] {
        var headers: [AssetKey: StalenessCacheHeader] = [:]
        let rows = try Row.fetchCursor(
            db, sql: "SELECT asset, fingerprint, \(StalenessCacheColumns.counts), structure, as_of, keys_count, keys_digest FROM staleness_cache")
        let slots = StalenessCacheColumns.names.count
        while let row = try rows.next() {
            let asset: String = row[0]
            // Read without trapping: an entry whose counts are not integers (a hand-edited file)
            // is left out, as if absent, and recomputed.
            let counts = (0..<slots).compactMap { Int.fromDatabaseValue(row[2 + $0]) }
            guard counts.count == slots else { continue }
            let keys = Int.fromDatabaseValue(row[slots + 4]).flatMap { count in
                String.fromDatabaseValue(row[slots + 5]).map { KeysStamp(count: count, digest: $0) }
            }
            headers[AssetKey(asset)] = StalenessCacheHeader(
                fingerprint: row[1], counts: counts,
                refresh: StalenessRefresh.Entry(structure: row[slots + 2], asOf: row[slots + 3], keys: keys))
        }
        return headers
    }

    /// The materializations recorded after ledger position `seq`, in ledger order; nil when
    /// there are more than `limit` (a refresh would not be worth it).
    public func materializations(after seq: Int64, limit: Int) throws -> [StalenessRefresh.Change]? {
        var changes: [StalenessRefresh.Change] = []
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT asset, coalesce(partition_display, partition_key), seq FROM materializations \
                WHERE seq > ? ORDER BY seq LIMIT ?
                """,
            arguments: [seq, limit + 1])
        while let row = try rows.next() {
            let partition: String = row[1]
            changes.append(StalenessRefresh.Change(asset: AssetKey(row[0] as String), partition: partition.isEmpty ? nil : partition, seq: row[2]))
        }
        return changes.count > limit ? nil : changes
    }

    /// The verdict cache's epoch, raised by every rebuild and import: verdicts computed in a read
    /// transaction are saved only if it has not changed since.
    public func stalenessCacheEpoch() throws -> Int64 {
        try Self.stalenessCacheEpoch(db)
    }

    static func stalenessCacheEpoch(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT epoch FROM staleness_cache_epoch WHERE id = 0") ?? 0
    }

    /// The encoded rows of an asset's cached verdicts.
    public func stalenessCacheRows(_ asset: AssetKey) throws -> [UInt8]? {
        try Data.fetchOne(db, sql: "SELECT rows FROM staleness_cache WHERE asset = ?", arguments: [asset.rawValue])
            .map { Array($0) }
    }
}

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
                    guard try StoreReader.stalenessCacheEpoch(db) == epoch else { throw EpochChanged() }
                    let statement = try db.cachedStatement(
                        sql: """
                            INSERT OR REPLACE INTO staleness_cache \
                            (asset, fingerprint, \(StalenessCacheColumns.counts), structure, as_of, keys_count, keys_digest, rows) \
                            VALUES (\(Array(repeating: "?", count: StalenessCacheColumns.names.count + 7).joined(separator: ", ")))
                            """)
                    for entry in entries {
                        precondition(entry.counts.count == StalenessCacheEntry.countSlots, "an entry has one count per slot")
                        var arguments: [(any DatabaseValueConvertible)?] = [entry.asset.rawValue, entry.fingerprint]
                        arguments += entry.counts.map { $0 as (any DatabaseValueConvertible)? }
                        arguments += [entry.structure, entry.asOf, entry.keys?.count, entry.keys?.digest, Data(entry.rows)]
                        try statement.execute(arguments: StatementArguments(arguments))
                    }
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
        try write { try $0.db.execute(sql: StoreMigrations.dropStalenessCache) }
    }
}

/// A rebuild or an import raised the cache epoch since the verdicts being saved were computed.
private struct EpochChanged: Error {}

/// The cache's count columns (M0008), in `StaleReason.precedence` order, then the fresh
/// partitions: one per slot of `StalenessCacheEntry.counts`.
enum StalenessCacheColumns {
    static let names = [
        "never_materialized", "code_changed", "upstream_never_materialized", "upstream_changed", "upstream_stale",
        "freshness_violated", "fresh",
    ]
    static let counts: String = {
        precondition(names.count == StalenessCacheEntry.countSlots, "one column per count slot")
        return names.joined(separator: ", ")
    }()
}
