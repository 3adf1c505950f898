import ArcoCore
import GRDB

extension StoreReader {
    /// The materialized partitions of `asset` with what staleness needs of each, by display key
    /// (`""` for an unpartitioned asset): one indexed scan of `partition_status` joined to each
    /// partition's last materialization for its consumed versions.
    public func stalenessFacts(_ asset: AssetKey) throws -> [String: PartitionFacts] {
        var facts: [String: PartitionFacts] = [:]
        let cursor = try Row.fetchCursor(
            db,
            sql: """
                SELECT p.partition_key, p.partition_display, p.data_version, p.code_version, \
                p.last_materialized_at, p.data_version_since, m.consumed \
                FROM partition_status p JOIN materializations m ON m.seq = p.last_materialization_seq \
                WHERE p.asset = ?
                """,
            arguments: [asset.rawValue])
        while let row = try cursor.next() {
            let key: String = row[0]
            let display: String? = row[1]
            guard let version: String = row[2], let at = ProjectionRowCoding.optionalTimestamp(row[4]) else { continue }
            facts[display ?? key] = PartitionFacts(
                dataVersion: version, codeVersion: row[3], materializedAt: at,
                dataVersionSince: ProjectionRowCoding.optionalTimestamp(row[5]), consumed: ConsumedVersions(json: row[6]))
        }
        return facts
    }
}

extension StoreReader {
    /// The partitions of `asset` that were ever attempted, by display key (`""` unpartitioned):
    /// the run in flight and the last attempt's run, which reconciliation plans around.
    public func partitionAttempts(_ asset: AssetKey) throws -> [String: PartitionAttempt] {
        var attempts: [String: PartitionAttempt] = [:]
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT partition_key, partition_display, in_progress_run_id, last_attempt_run_id \
                FROM partition_status WHERE asset = ? AND last_attempt_run_id IS NOT NULL
                """,
            arguments: [asset.rawValue])
        while let row = try rows.next() {
            let key: String = row[0]
            let display: String? = row[1]
            attempts[display ?? key] = PartitionAttempt(
                inProgressRunID: (row[2] as String?).map(RunID.init), lastAttemptRunID: (row[3] as String?).map(RunID.init))
        }
        return attempts
    }
}
