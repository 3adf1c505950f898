import ArcoCore

extension StoreReader {
    /// The materialized partitions of `asset` with what staleness needs of each, by display key
    /// (`""` for an unpartitioned asset): one indexed scan of `partition_status` joined to each
    /// partition's last materialization for its consumed versions.
    ///
    /// - Parameter only: when given, just these display keys (a freshness check of the latest
    ///   window reads one partition, not the asset's history).
    public func stalenessFacts(_ asset: AssetKey, only: [String]? = nil) throws -> [String: PartitionFacts] {
        var facts: [String: PartitionFacts] = [:]
        var sql = """
            SELECT p.partition_key, p.partition_display, p.data_version, p.code_version, \
            p.last_materialized_at, p.data_version_since, m.consumed \
            FROM partition_status p JOIN materializations m ON m.seq = p.last_materialization_seq \
            WHERE p.asset = ?
            """
        var arguments: SQLArguments = [asset.rawValue]
        if let only {
            guard !only.isEmpty else { return [:] }
            sql += " AND coalesce(p.partition_display, p.partition_key) IN (" + only.map { _ in "?" }.joined(separator: ",") + ")"
            for key in only { arguments.append(key) }
        }
        // Prepared once per shape: a walk asks this of every asset, mostly with few keys.
        try session.forEachRow(sql, arguments) { row in
            let key: String = row[0]
            let display: String? = row[1]
            guard let version: String = row[2], let at = ProjectionRowCoding.optionalTimestamp(row[4]) else { return }
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
        try forEachPartitionAttempt(asset) { key, attempt in attempts[key] = attempt }
        return attempts
    }

    /// Calls `body` with each attempted partition of `asset`, by display key, without building
    /// a dictionary: a plan over every partition of a large workspace reads hundreds of thousands.
    public func forEachPartitionAttempt(_ asset: AssetKey, _ body: (String, PartitionAttempt) throws -> Void) throws {
        try session.forEachRow(
            """
                SELECT coalesce(partition_display, partition_key), in_progress_run_id, last_attempt_run_id \
                FROM partition_status WHERE asset = ? AND last_attempt_run_id IS NOT NULL
                """,
            [asset.rawValue]
        ) { row in
            try body(
                row[0],
                PartitionAttempt(
                    inProgressRunID: (row[1] as String?).map(RunID.init), lastAttemptRunID: (row[2] as String?).map(RunID.init)))
        }
    }
}

extension StoreReader {
    /// The partitions of `asset` that a run not yet ended will materialize, by display key, with
    /// that run: queued runs included, whose steps have not started (`partition_status` only
    /// learns of a run when its step starts).
    public func pendingTargets(_ asset: AssetKey) throws -> [String: RunID] {
        var targets: [String: RunID] = [:]
        try session.forEachRow(
            """
                SELECT s.run_id, s.partition_key, s.partition_range FROM steps s JOIN runs r ON r.run_id = s.run_id \
                WHERE s.asset = ? AND s.status IN ('PENDING', 'RUNNING', 'RETRY_WAIT') \
                AND r.status IN ('QUEUED', 'STARTING', 'STARTED', 'CANCELING')
                """,
            [asset.rawValue]
        ) { row in
            let run = RunID(row[0])
            let partition: String? = row[1]
            let range = (try? JSONParser.parse(row[2] as String? ?? "[]"))?.arrayValue?.compactMap(\.stringValue) ?? []
            if let partition { targets[partition] = run }
            for key in range { targets[key] = run }
            if partition == nil && range.isEmpty { targets[""] = run }
        }
        return targets
    }
}
