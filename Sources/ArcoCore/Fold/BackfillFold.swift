/// Folds backfill events into `backfills` and `backfill_partitions`, and follows the runs a
/// backfill requested so its per-partition statuses and counters stay current.
///
/// Consumes `BackfillCreated`, `BackfillChunkPlanned`, `BackfillStateChanged`; `track` is called
/// by the run and step folds whenever a backfill's run changes.
enum BackfillFold {
    static func created(_ body: BackfillCreated, seq: Int64, at: Timestamp, _ writer: some ProjectionWriter) throws
        -> FoldOutcome
    {
        guard try writer.backfill(body.backfillID) == nil else {
            return .rejected("backfill '\(body.backfillID)' already exists")
        }
        try writer.upsertBackfill(
            BackfillRow(
                backfillID: body.backfillID, status: .pending, requestKey: body.requestKey, fingerprint: body.fingerprint,
                selection: body.selection, selector: CanonicalJSON.encode(body.selector), only: body.only,
                parentBackfillID: body.parentBackfillID, total: body.totalPartitions, chunkSize: body.chunkSize,
                maxConcurrentRuns: body.maxConcurrentRuns, createdAt: at, createdSeq: seq))
        return .applied
    }

    static func chunkPlanned(_ body: BackfillChunkPlanned, at: Timestamp, _ writer: some ProjectionWriter) throws
        -> FoldOutcome
    {
        guard var backfill = try writer.backfill(body.backfillID) else {
            return .rejected("unknown backfill '\(body.backfillID)'")
        }
        guard backfill.status == .running else {
            return .rejected("backfill '\(body.backfillID)' is \(backfill.status.rawValue); only a RUNNING backfill plans chunks")
        }
        guard body.chunkIndex == backfill.plannedChunks else {
            return .rejected("chunk \(body.chunkIndex) of backfill '\(body.backfillID)' is not the next one (\(backfill.plannedChunks))")
        }
        guard backfill.planned + Int64(body.targets.count) <= backfill.total else {
            return .rejected("chunk \(body.chunkIndex) would plan more than the backfill's \(backfill.total) targets")
        }
        for (offset, target) in body.targets.enumerated() {
            try writer.insertBackfillPartition(
                BackfillPartitionRow(
                    backfillID: body.backfillID, position: backfill.planned + Int64(offset), asset: target.asset,
                    partition: target.partition, chunkIndex: body.chunkIndex, updatedAt: at))
        }
        backfill.planned += Int64(body.targets.count)
        backfill.plannedChunks += 1
        backfill.updatedAt = at
        try writer.upsertBackfill(backfill)
        return .applied
    }

    static func stateChanged(_ body: BackfillStateChanged, at: Timestamp, _ writer: some ProjectionWriter) throws
        -> FoldOutcome
    {
        guard var backfill = try writer.backfill(body.backfillID) else {
            return .rejected("unknown backfill '\(body.backfillID)'")
        }
        guard body.fromState == backfill.status else {
            return .rejected("backfill '\(body.backfillID)' is \(backfill.status.rawValue), not \(body.fromState.rawValue)")
        }
        guard body.stateVersion == backfill.stateVersion + 1 else {
            return .rejected("state version \(body.stateVersion) of backfill '\(body.backfillID)' is not \(backfill.stateVersion + 1)")
        }
        guard BackfillLifecycle.allows(body.fromState, body.toState) else {
            return .rejected("backfill '\(body.backfillID)' cannot go from \(body.fromState.rawValue) to \(body.toState.rawValue)")
        }
        backfill.status = body.toState
        backfill.stateVersion = body.stateVersion
        backfill.reason = body.reason ?? backfill.reason
        backfill.updatedAt = at
        if body.toState.isFinal { backfill.endedAt = at }
        try writer.upsertBackfill(backfill)
        return .applied
    }

    /// Brings the backfill partitions a run covers up to the run's status. A run failed because
    /// its worker was lost leaves its partitions PENDING, to be requested again with the next
    /// attempt: a lost worker is not a partition failure.
    static func track(_ run: RunRow, lostReason: String? = nil, at: Timestamp, _ writer: some ProjectionWriter) throws {
        guard run.trigger.kind == .backfill, let reference = run.trigger.reference else { return }
        let backfillID = BackfillID(reference)
        guard var backfill = try writer.backfill(backfillID) else { return }
        let attempt = BackfillRunKey.attempt(of: run.runKey) ?? 1
        var status = BackfillPartitionStatus(run: run.status)
        let steps = try writer.steps(of: run.runID)
        // The failed step's own words ("exit code 3") say more than the run's count of failures.
        let stepError = steps.first { $0.status == .failure }?.reason
        var error = run.status == .failure || run.status == .canceled ? stepError ?? run.reason : nil
        if let lostReason {
            status = .pending
            error = "worker lost: \(lostReason); requested again"
        }
        var changed = false
        for step in steps {
            for display in step.partition.map({ [$0] }) ?? (step.partitionRange.isEmpty ? [nil] : step.partitionRange.map { $0 }) {
                guard var row = try writer.backfillPartition(backfillID, asset: step.asset, partition: display) else { continue }
                // Facts about an older attempt's run never overwrite a newer one's.
                if row.runID != run.runID {
                    guard run.status == .queued, attempt > row.attempt || row.runID == nil else { continue }
                    row.runID = run.runID
                    row.attempt = attempt
                }
                guard row.status != status || row.error != error else { continue }
                backfill.move(from: row.status, to: status)
                row.status = status
                row.error = error
                row.updatedAt = at
                try writer.upsertBackfillPartition(row)
                changed = true
            }
        }
        if changed {
            backfill.updatedAt = at
            try writer.upsertBackfill(backfill)
        }
    }
}
