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
    /// needs (`StalenessRefresh.Entry`). Entries whose counts do not parse are left out (as if
    /// absent: they are recomputed).
    public func stalenessCacheHeaders() throws -> [AssetKey: StalenessCacheHeader] {
        var headers: [AssetKey: StalenessCacheHeader] = [:]
        let rows = try Row.fetchCursor(
            db, sql: "SELECT asset, fingerprint, counts, structure, as_of, keys FROM staleness_cache")
        while let row = try rows.next() {
            let asset: String = row[0]
            guard let counts = StalenessCacheEntry.counts(row[2]) else { continue }
            headers[AssetKey(asset)] = StalenessCacheHeader(
                fingerprint: row[1], counts: counts,
                refresh: StalenessRefresh.Entry(structure: row[3], asOf: row[4], keys: row[5]))
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
                            (asset, fingerprint, counts, rows, structure, as_of, keys) VALUES (?, ?, ?, ?, ?, ?, ?)
                            """)
                    for entry in entries {
                        try statement.execute(arguments: [
                            entry.asset.rawValue, entry.fingerprint, entry.countsText, Data(entry.rows), entry.structure,
                            entry.asOf, entry.keys,
                        ])
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

/// A cached asset's entry without its rows.
public struct StalenessCacheHeader: Sendable {
    public var fingerprint: String
    public var counts: [Int]
    public var refresh: StalenessRefresh.Entry
}
