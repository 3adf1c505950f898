import ArcoCore

extension StoreReader {
    /// A backfill by id.
    public func backfill(_ id: BackfillID) throws -> BackfillRow? {
        try SQLProjectionWriter(session).backfill(id)
    }

    /// The backfill created under an idempotency key, if any.
    public func backfill(requestKey: String) throws -> BackfillRow? {
        try session.row(
            "SELECT \(ProjectionSQL.backfillColumns) FROM backfills WHERE request_key = ? ORDER BY created_seq LIMIT 1",
            [requestKey]
        ).map(ProjectionRowCoding.backfillRow)
    }

    /// Backfills, newest first, optionally of some statuses only.
    public func backfills(statuses: [BackfillState] = [], limit: Int? = nil) throws -> [BackfillRow] {
        var sql = "SELECT \(ProjectionSQL.backfillColumns) FROM backfills"
        var arguments = SQLArguments()
        if !statuses.isEmpty {
            sql += " WHERE status IN (\(statuses.map { _ in "?" }.joined(separator: ", ")))"
            for status in statuses { arguments.append(status.rawValue) }
        }
        sql += " ORDER BY created_seq DESC"
        if let limit {
            sql += " LIMIT ?"
            arguments.append(limit)
        }
        return try session.rows(sql, arguments).map(ProjectionRowCoding.backfillRow)
    }

    /// A backfill's planned targets that did not succeed: what its driver decides from. Read
    /// through `backfill_partitions_by_status`, so a backfill of 100,000 partitions costs what
    /// its unfinished ones do.
    public func unfinishedBackfillPartitions(_ id: BackfillID) throws -> [BackfillPartitionRow] {
        try session.rows(
            """
                SELECT \(ProjectionSQL.backfillPartitionColumns) FROM backfill_partitions \
                WHERE backfill_id = ? AND status IN ('PENDING', 'QUEUED', 'RUNNING', 'FAILED', 'CANCELED')
                """, [id.rawValue]
        ).map(ProjectionRowCoding.backfillPartitionRow)
    }

    /// A backfill's failed and canceled targets in planning order, at most `limit`.
    public func backfillFailures(_ id: BackfillID, limit: Int) throws -> [BackfillPartitionRow] {
        try session.rows(
            """
                SELECT \(ProjectionSQL.backfillPartitionColumns) FROM backfill_partitions \
                WHERE backfill_id = ? AND status IN ('FAILED', 'CANCELED') ORDER BY position LIMIT ?
                """, [id.rawValue, limit]
        ).map(ProjectionRowCoding.backfillPartitionRow)
    }

    /// Every planned target of a backfill, in planning order.
    public func backfillPartitions(_ id: BackfillID) throws -> [BackfillPartitionRow] {
        try session.rows(
            "SELECT \(ProjectionSQL.backfillPartitionColumns) FROM backfill_partitions WHERE backfill_id = ? ORDER BY position",
            [id.rawValue]
        ).map(ProjectionRowCoding.backfillPartitionRow)
    }

    /// The bytes of every event payload in the ledger: how much recording something grew it
    /// (benchmarks compare backfills of different sizes with it).
    public func ledgerPayloadBytes() throws -> Int {
        try session.value("SELECT COALESCE(SUM(LENGTH(payload)), 0) FROM events") ?? 0
    }
}
