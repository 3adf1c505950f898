import ArcoCore
import Foundation

extension StoreReader {
    /// The ledger position of each asset's last materialization (assets never materialized are
    /// absent): one index seek per asset.
    ///
    /// PostgreSQL gets the assets in one statement (a JSON array, so any key is passed whole):
    /// a seek there costs a round trip, and a report over 1,000 assets spent more on those than
    /// on its evaluation. SQLite seeks in process, where one statement per asset is cheapest.
    public func lastMaterializationSeqs(_ assets: [AssetKey]) throws -> [AssetKey: Int64] {
        var seqs: [AssetKey: Int64] = [:]
        guard session.dialect == .postgres else {
            for asset in assets {
                let sql = "SELECT MAX(seq) FROM materializations WHERE asset = ?"
                if let seq = try session.value(sql, [asset.rawValue], as: Int64.self) { seqs[asset] = seq }
            }
            return seqs
        }
        let list = CanonicalJSON.encode(.array(assets.map { .string($0.rawValue) }))
        try session.forEachRow(
            """
            SELECT wanted.asset, (SELECT MAX(m.seq) FROM materializations m WHERE m.asset = wanted.asset COLLATE "C") \
            FROM json_array_elements_text(?::json) AS wanted(asset)
            """, [list]
        ) { row in
            if let seq: Int64 = row[1] { seqs[AssetKey(row[0] as String)] = seq }
        }
        return seqs
    }

    /// The cached verdicts' fingerprints and counts, without their rows, with what a refresh
    /// needs (`StalenessRefresh.Entry`).
    public func stalenessCacheHeaders() throws -> [AssetKey: StalenessCacheHeader] {
        var headers: [AssetKey: StalenessCacheHeader] = [:]
        let slots = StalenessCacheColumns.names.count
        try session.forEachRow(Self.stalenessCacheHeadersSQL, []) { row in
            let asset: String = row[0]
            // Read without trapping: an entry whose counts are not integers (a hand-edited file)
            // is left out, as if absent, and recomputed.
            let counts = (0..<slots).compactMap { Int.decode(row.values[2 + $0]) }
            guard counts.count == slots else { return }
            let keys = Int.decode(row.values[slots + 4]).flatMap { count in
                String.decode(row.values[slots + 5]).map { KeysStamp(count: count, digest: $0) }
            }
            headers[AssetKey(asset)] = StalenessCacheHeader(
                fingerprint: row[1], counts: counts,
                refresh: StalenessRefresh.Entry(structure: row[slots + 2], asOf: row[slots + 3], keys: keys))
        }
        return headers
    }

    static let stalenessCacheHeadersSQL = """
        SELECT asset, fingerprint, \(StalenessCacheColumns.counts), structure, as_of, keys_count, keys_digest \
        FROM staleness_cache
        """

    /// The materializations recorded after ledger position `seq`, in ledger order; nil when
    /// there are more than `limit` (a refresh would not be worth it).
    public func materializations(after seq: Int64, limit: Int) throws -> [StalenessRefresh.Change]? {
        var changes: [StalenessRefresh.Change] = []
        try session.forEachRow(
            """
                SELECT asset, coalesce(partition_display, partition_key), seq FROM materializations \
                WHERE seq > ? ORDER BY seq LIMIT ?
                """,
            [seq, limit + 1]
        ) { row in
            let partition: String = row[1]
            changes.append(StalenessRefresh.Change(asset: AssetKey(row[0] as String), partition: partition.isEmpty ? nil : partition, seq: row[2]))
        }
        return changes.count > limit ? nil : changes
    }

    /// The verdict cache's epoch, raised by every rebuild and import: verdicts computed in a read
    /// transaction are saved only if it has not changed since.
    public func stalenessCacheEpoch() throws -> Int64 {
        try session.value("SELECT epoch FROM staleness_cache_epoch WHERE id = 0") ?? 0
    }

    /// The encoded rows of an asset's cached verdicts.
    public func stalenessCacheRows(_ asset: AssetKey) throws -> [UInt8]? {
        try session.value("SELECT rows FROM staleness_cache WHERE asset = ?", [asset.rawValue], as: Data.self)
            .map { Array($0) }
    }
}

extension StoreTransaction {
    /// Writes `entries` unless the cache epoch is no longer `epoch`.
    func saveStalenessCache(_ entries: [StalenessCacheEntry], epoch: Int64) throws {
        guard try reader.stalenessCacheEpoch() == epoch else { throw EpochChanged() }
        for entry in entries {
            precondition(entry.counts.count == StalenessCacheEntry.countSlots, "an entry has one count per slot")
            var arguments: SQLArguments = [entry.asset.rawValue, entry.fingerprint]
            for count in entry.counts { arguments.append(count) }
            arguments += [entry.structure, entry.asOf, entry.keys?.count, entry.keys?.digest, Data(entry.rows)]
            try session.execute(StalenessCacheColumns.upsert, arguments)
        }
    }
}

/// A rebuild or an import raised the cache epoch since the verdicts being saved were computed.
struct EpochChanged: Error {}

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

    /// Writes one entry in place of the asset's previous one.
    static let upsert: String = {
        let columns = "asset, fingerprint, \(counts), structure, as_of, keys_count, keys_digest, rows"
        return """
            INSERT INTO staleness_cache (\(columns)) \
            VALUES (\(Array(repeating: "?", count: names.count + 7).joined(separator: ", "))) \
            ON CONFLICT(asset) DO UPDATE SET \(ProjectionSQL.updateAssignments(columns, key: ["asset"]))
            """
    }()
}
