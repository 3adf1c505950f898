import ArcoCore

extension StoreReader {
    /// The most recent runs first (by request order), optionally of some statuses only.
    ///
    /// Reads `runs_by_requested_seq` / `runs_by_status` backwards, so listing 20 runs costs the
    /// same on a store of 100,000.
    public func recentRuns(limit: Int, statuses: [RunStatus] = []) throws -> [RunRow] {
        if statuses.isEmpty {
            return try session.rows(
                "SELECT \(ProjectionSQL.runColumns) FROM runs ORDER BY requested_seq DESC LIMIT ?",
                [limit]
            ).map(ProjectionRowCoding.runRow)
        }
        let placeholders = statuses.map { _ in "?" }.joined(separator: ", ")
        return try session.rows(
            """
                SELECT \(ProjectionSQL.runColumns) FROM runs WHERE status IN (\(placeholders)) \
                ORDER BY requested_seq DESC LIMIT ?
                """,
            SQLArguments(statuses.map { .text($0.rawValue) } + [.integer(Int64(limit))])
        ).map(ProjectionRowCoding.runRow)
    }

    /// Runs being executed by some process (claimed and not ended), oldest first.
    public func executingRuns() throws -> [RunRow] {
        try session.rows(
            """
                SELECT \(ProjectionSQL.runColumns) FROM runs \
                WHERE status IN ('STARTING', 'STARTED', 'CANCELING') AND executions > 0 ORDER BY requested_seq
                """
        ).map(ProjectionRowCoding.runRow)
    }

    /// Queued runs without a run key that a foreground process reserved and never started,
    /// oldest first: if that process is gone, nobody will ever start them.
    public func unstartedForegroundRuns() throws -> [RunRow] {
        try session.rows(
            """
                SELECT \(ProjectionSQL.runColumns) FROM runs \
                WHERE status = 'QUEUED' AND executions = 0 AND pid IS NOT NULL AND run_key IS NULL \
                ORDER BY requested_seq
                """
        ).map(ProjectionRowCoding.runRow)
    }

    /// Queued runs nobody has claimed, oldest first: the worker's queue.
    public func unclaimedRuns(limit: Int) throws -> [RunRow] {
        try session.rows(
            """
                SELECT \(ProjectionSQL.runColumns) FROM runs \
                WHERE status IN ('QUEUED', 'CANCELING') AND executions = 0 ORDER BY requested_seq LIMIT ?
                """, [limit]
        ).map(ProjectionRowCoding.runRow)
    }

    /// The run reserved under a key, if any.
    public func runKey(_ key: RunKey) throws -> RunKeyRow? {
        try SQLProjectionWriter(session).runKey(key)
    }

    /// The conflicts recorded for a key, oldest first.
    public func runKeyConflicts(_ key: RunKey) throws -> [RunKeyConflictRow] {
        try session.rows(
            """
                SELECT seq, existing_run_id, existing_fingerprint, conflicting_run_id, conflicting_fingerprint, \
                detected_at FROM run_key_conflicts WHERE run_key = ? ORDER BY seq
                """, [key.rawValue]
        ).map { row in
            RunKeyConflictRow(
                runKey: key, seq: row[0], existingRunID: RunID(row[1]), existingFingerprint: row[2],
                conflictingRunID: RunID(row[3]), conflictingFingerprint: row[4],
                detectedAt: ProjectionRowCoding.timestamp(row[5]))
        }
    }

    /// The status row of one partition (`""` for an unpartitioned asset).
    public func partitionStatus(asset: String, key: String) throws -> PartitionStatusRow? {
        try SQLProjectionWriter(session).partitionStatus(asset, key)
    }
}
