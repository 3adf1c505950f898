import ArcoCore

/// Read access to the ledger and projections within one snapshot.
public struct StoreReader {
    let session: any SQLSession

    /// The number of ledger rows.
    public func eventCount() throws -> Int64 {
        try session.value("SELECT count(*) FROM events", as: Int64.self) ?? 0
    }

    /// The last ledger row's sequence number and hash.
    public func tip() throws -> (seq: Int64, hash: String) {
        guard let row = try session.row("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1") else {
            return (0, LedgerHash.genesis)
        }
        return (row[0], row[1])
    }

    /// The hash of the ledger row at `seq`, if the ledger holds one there.
    public func hash(atSeq seq: Int64) throws -> String? {
        try session.value("SELECT hash FROM events WHERE seq = ?", [seq], as: String.self)
    }

    /// The projection meta row.
    public func meta() throws -> ProjectionMeta {
        try SQLProjectionWriter(session).meta()
    }

    /// Streams ledger rows matching `filter`, in sequence order, without loading them all.
    ///
    /// A PostgreSQL session receives a statement's whole result before handing rows on, so there
    /// the range is read in pages of `Limits.rebuildBatchRows` rows by `seq`; SQLite steps one
    /// cursor.
    public func forEachEvent(_ filter: EventFilter, _ body: (LedgerRow) throws -> Void) throws {
        guard session.dialect == .postgres else { return try forEachEventPage(filter, body) }
        var page = filter
        var remaining = filter.limit
        while remaining.map({ $0 > 0 }) ?? true {
            page.limit = min(remaining ?? Limits.rebuildBatchRows, Limits.rebuildBatchRows)
            var read = 0
            try forEachEventPage(page) { row in
                read += 1
                page.afterSeq = row.seq
                try body(row)
            }
            remaining = remaining.map { $0 - read }
            if read < page.limit ?? 0 { return }
        }
    }

    private func forEachEventPage(_ filter: EventFilter, _ body: (LedgerRow) throws -> Void) throws {
        var sql = "SELECT \(Self.eventColumns) FROM events WHERE seq > ?"
        var arguments: SQLArguments = [filter.afterSeq]
        if !filter.types.isEmpty {
            sql += " AND type IN (\(filter.types.map { _ in "?" }.joined(separator: ", ")))"
            for type in filter.types { arguments.append(type) }
        }
        if let runID = filter.runID {
            sql += " AND correlation_id = ?"
            arguments.append(runID.rawValue)
        }
        sql += " ORDER BY seq"
        if let limit = filter.limit {
            sql += " LIMIT ?"
            arguments.append(limit)
        }
        try session.forEachRow(sql, arguments) { row in try body(Self.ledgerRow(row)) }
    }

    /// Ledger rows matching `filter`, loaded into memory; use `forEachEvent` for large ranges.
    public func events(_ filter: EventFilter) throws -> [LedgerRow] {
        var rows = [LedgerRow]()
        try forEachEvent(filter) { rows.append($0) }
        return rows
    }

    /// The stored type strings present in the ledger, with counts.
    public func typeCounts() throws -> [String: Int64] {
        var counts = [String: Int64]()
        try session.forEachRow("SELECT type, count(*) FROM events GROUP BY type", []) { row in
            counts[row[0]] = row[1]
        }
        return counts
    }

    /// A run, if it exists.
    public func run(_ id: RunID) throws -> RunRow? {
        try SQLProjectionWriter(session).run(id)
    }

    /// A run's steps, in plan order.
    public func steps(of run: RunID) throws -> [StepRow] {
        try SQLProjectionWriter(session).steps(of: run)
    }

    /// Every projection row, canonically ordered (tests and small stores only).
    public func snapshot() throws -> ProjectionSnapshot {
        try ProjectionSnapshotReader.read(session, schema: "main")
    }

    static let eventColumns = """
        seq, event_id, type, version, recorded_at, idempotency_key, correlation_id, causation_id, payload, hash
        """

    static func ledgerRow(_ row: SQLRow) -> LedgerRow {
        LedgerRow(
            seq: row[0], eventID: EventID(row[1]), type: row[2], version: row[3],
            recordedAtText: row[4], idempotencyKey: IdempotencyKey(row[5]),
            correlationID: row[6], causationID: (row[7] as String?).map(EventID.init), payload: row[8], hash: row[9])
    }
}

/// Reads every projection table of a schema into a snapshot.
enum ProjectionSnapshotReader {
    static func read(_ session: any SQLSession, schema: String) throws -> ProjectionSnapshot {
        let writer = SQLProjectionWriter(session, schema: schema)
        let s = ProjectionSQL.qualifier(schema)
        let runs = try session.rows("SELECT \(ProjectionSQL.runColumns) FROM \(s)runs")
            .map(ProjectionRowCoding.runRow)
        let steps = try session.rows("SELECT \(ProjectionSQL.stepColumns) FROM \(s)steps")
            .map(ProjectionRowCoding.stepRow)
        let runKeys = try session.rows("SELECT run_key, run_id, fingerprint, created_at, seq FROM \(s)run_keys")
            .map {
                RunKeyRow(
                    runKey: RunKey($0[0]), runID: RunID($0[1]), fingerprint: $0[2],
                    createdAt: ProjectionRowCoding.timestamp($0[3]), seq: $0[4])
            }
        let conflicts = try session.rows("SELECT * FROM \(s)run_key_conflicts").map {
            RunKeyConflictRow(
                runKey: RunKey($0[0]), seq: $0[1], existingRunID: RunID($0[2]), existingFingerprint: $0[3],
                conflictingRunID: RunID($0[4]), conflictingFingerprint: $0[5],
                detectedAt: ProjectionRowCoding.timestamp($0[6]))
        }
        let partitions = try session.rows("SELECT * FROM \(s)dynamic_partitions").map {
            DynamicPartitionRow(partitionsDef: $0[0], key: $0[1], addedSeq: $0[2])
        }
        var versions = [String: Int64]()
        try session.forEachRow("SELECT * FROM \(s)dynamic_partition_versions", []) { versions[$0[0]] = $0[1] }
        let keys = try session.rows("SELECT idempotency_key, seq, type, outcome FROM \(s)applied_keys").map {
            AppliedKeyRow(
                idempotencyKey: IdempotencyKey($0[0]), seq: $0[1], type: $0[2],
                outcome: try ProjectionRowCoding.value($0[3], table: "applied_keys", column: "outcome"))
        }
        let rejections = try session.rows("SELECT * FROM \(s)fold_rejections").map {
            FoldRejectionRow(seq: $0[0], idempotencyKey: IdempotencyKey($0[1]), type: $0[2], reason: $0[3])
        }
        let materializations = try session.rows(
            """
                SELECT seq, asset, partition_key, partition_display, run_id, step_key, attempt, code_version, \
                data_version, consumed, materialized_at FROM \(s)materializations
                """
        ).map(ProjectionRowCoding.materializationRow)
        let statuses = try session.rows("SELECT \(ProjectionSQL.partitionStatusColumns) FROM \(s)partition_status")
            .map(ProjectionRowCoding.partitionStatusRow)
        let backfills = try session.rows("SELECT \(ProjectionSQL.backfillColumns) FROM \(s)backfills")
            .map(ProjectionRowCoding.backfillRow)
        let backfillPartitions = try session.rows(
            "SELECT \(ProjectionSQL.backfillPartitionColumns) FROM \(s)backfill_partitions"
        ).map(ProjectionRowCoding.backfillPartitionRow)
        let scheduleStates = try session.rows(
            "SELECT \(SQLProjectionWriter.scheduleStateColumns) FROM \(s)schedule_state"
        ).map(SQLProjectionWriter.scheduleStateRow)
        let scheduleTicks = try session.rows(
            "SELECT \(SQLProjectionWriter.scheduleTickColumns) FROM \(s)schedule_ticks"
        ).map(SQLProjectionWriter.scheduleTickRow)
        let sensorStates = try session.rows(
            "SELECT \(SQLProjectionWriter.sensorStateColumns) FROM \(s)sensor_state"
        ).map(SQLProjectionWriter.sensorStateRow)
        let sensorEvals = try session.rows(
            "SELECT \(SQLProjectionWriter.sensorEvalColumns) FROM \(s)sensor_evals"
        ).map(SQLProjectionWriter.sensorEvalRow)
        return ProjectionSnapshot(
            meta: try writer.meta(), runs: runs, steps: steps, runKeys: runKeys, runKeyConflicts: conflicts,
            dynamicPartitions: partitions, dynamicPartitionVersions: versions, appliedKeys: keys,
            rejections: rejections, materializations: materializations, partitionStatuses: statuses,
            backfills: backfills, backfillPartitions: backfillPartitions, scheduleStates: scheduleStates,
            scheduleTicks: scheduleTicks, sensorStates: sensorStates, sensorEvals: sensorEvals)
    }
}

extension StoreReader {
    /// Checks that the projections sit exactly on the ledger's tip.
    ///
    /// The meta row records the last folded row and its hash. A ledger that ends before it, or
    /// holds a different row there, lost acknowledged events after they were folded; one that
    /// ends after it has rows the projections never saw.
    /// - Returns: the mismatch, or `nil` when meta and ledger agree.
    public func tipMismatch() throws -> StoreError? {
        let meta = try meta()
        let tip = try tip()
        if meta.appliedSeq > tip.seq { return .ledgerTruncated(appliedSeq: meta.appliedSeq, tipSeq: tip.seq) }
        if meta.appliedSeq > 0 {
            let hash = try hash(atSeq: meta.appliedSeq)
            if hash != meta.appliedHash { return .ledgerTruncated(appliedSeq: meta.appliedSeq, tipSeq: tip.seq) }
        }
        if meta.appliedSeq < tip.seq { return .projectionsBehind(appliedSeq: meta.appliedSeq, tipSeq: tip.seq) }
        return nil
    }
}

extension StoreReader {
    /// A dynamic definition's keys, in the order they were added (as Dagster lists them).
    public func dynamicPartitionKeys(_ partitionsDef: String) throws -> [String] {
        try session.column(
            "SELECT partition_key FROM dynamic_partitions WHERE partitions_def = ? ORDER BY added_seq, partition_key",
            [partitionsDef])
    }

    /// How many keys a dynamic definition has, without reading them.
    public func dynamicPartitionCount(_ partitionsDef: String) throws -> Int {
        try session.value("SELECT COUNT(*) FROM dynamic_partitions WHERE partitions_def = ?", [partitionsDef]) ?? 0
    }
}

extension StoreReader {
    /// Every stored partition state of an asset, with the state decided in SQL by the rule of
    /// `PartitionState(_:)` (in progress, then a newer failure, then materialized): reading the
    /// full rows cost more than the rest of `arco asset show` for 100,000 partitions.
    public func partitionStates(asset: String) throws -> [StoredPartitionState] {
        var states = [StoredPartitionState]()
        try session.forEachRow(
            """
                SELECT partition_key, partition_display, CASE
                    WHEN in_progress_run_id IS NOT NULL THEN 1
                    WHEN last_attempt_outcome = 'FAILED' AND (last_materialized_at IS NULL OR
                        (last_attempt_at IS NOT NULL AND last_attempt_at > last_materialized_at)) THEN 2
                    WHEN last_materialization_seq IS NOT NULL THEN 3
                    ELSE 0 END
                FROM partition_status WHERE asset = ?
                """, [asset]
        ) { row in
            let code: Int = row[2]
            states.append(StoredPartitionState(key: row[0], display: row[1],
                state: code == 1 ? .inProgress : code == 2 ? .failed : code == 3 ? .materialized : .missing))
        }
        return states
    }

    /// The most recently materialized partition of an asset.
    public func lastMaterialization(asset: String) throws -> PartitionStatusRow? {
        try session.row(
            """
                SELECT \(ProjectionSQL.partitionStatusColumns) FROM partition_status \
                WHERE asset = ? AND last_materialization_seq IS NOT NULL ORDER BY last_materialization_seq DESC LIMIT 1
                """, [asset]
        ).map(ProjectionRowCoding.partitionStatusRow)
    }
}
