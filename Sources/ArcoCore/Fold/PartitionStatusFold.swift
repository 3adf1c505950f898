/// Folds materializations and step attempts into `materializations` and `partition_status`.
///
/// Consumes `AssetMaterialized` directly, and is called by the step and run folds when a step
/// starts or ends, so a partition's status follows its steps without events of its own.
enum PartitionStatusFold {
    static func materialized(_ body: AssetMaterialized, seq: Int64, at: Timestamp, _ writer: some ProjectionWriter)
        throws -> FoldOutcome
    {
        if let runID = body.runID, let stepKey = body.stepKey, let attempt = body.attempt {
            // A step's materialization is a fact of its current, running attempt; a late one from an
            // attempt that was retried, timed out or lost must not overwrite newer data versions.
            guard let step = try writer.step(runID, stepKey), step.status == .running, step.attempt == attempt else {
                return .rejected("materialization from attempt \(attempt) of step '\(stepKey)' is not the current attempt")
            }
        }
        let key = body.canonicalPartition ?? body.partition ?? ""
        try writer.insertMaterialization(
            MaterializationRow(
                seq: seq, asset: body.asset, partitionKey: key, partition: body.partition, runID: body.runID,
                stepKey: body.stepKey, attempt: body.attempt, codeVersion: body.codeVersion,
                dataVersion: body.dataVersion, consumed: CanonicalJSON.encode(.array(body.consumed.map { $0.json() })),
                materializedAt: at))
        var row = try writer.partitionStatus(body.asset, key)
            ?? PartitionStatusRow(asset: body.asset, partitionKey: key, partition: body.partition)
        row.lastMaterializationSeq = seq
        row.lastMaterializedAt = at
        row.lastMaterializationRunID = body.runID
        if row.dataVersion != body.dataVersion || row.dataVersionSince == nil { row.dataVersionSince = at }
        row.dataVersion = body.dataVersion
        row.codeVersion = body.codeVersion
        try writer.upsertPartitionStatus(row)
        return .applied
    }

    /// A step attempt began: its partitions are in progress in this run.
    static func stepStarted(_ step: StepRow, at: Timestamp, _ writer: some ProjectionWriter) throws {
        for (key, display) in step.partitionIdentities {
            var row = try writer.partitionStatus(step.asset, key)
                ?? PartitionStatusRow(asset: step.asset, partitionKey: key, partition: display)
            row.inProgressRunID = step.runID
            row.lastAttemptRunID = step.runID
            row.lastAttemptOutcome = nil
            row.lastAttemptAt = at
            try writer.upsertPartitionStatus(row)
        }
    }

    /// A step that had started ended for good (not a failure that will be retried).
    static func stepEnded(_ step: StepRow, outcome: StepOutcome, at: Timestamp, _ writer: some ProjectionWriter) throws {
        for (key, display) in step.partitionIdentities {
            var row = try writer.partitionStatus(step.asset, key)
                ?? PartitionStatusRow(asset: step.asset, partitionKey: key, partition: display)
            if row.inProgressRunID == step.runID { row.inProgressRunID = nil }
            row.lastAttemptRunID = step.runID
            row.lastAttemptOutcome = outcome
            row.lastAttemptAt = at
            try writer.upsertPartitionStatus(row)
        }
    }
}
