/// One run a backfill asks for: one asset over one partition, or over consecutive partitions
/// when the asset's `backfill_policy` groups them.
public struct BackfillRunRequest: Sendable, Hashable {
    public var asset: String
    /// Display keys; empty for an unpartitioned asset.
    public var partitions: [String]
    public var canonicalPartitions: [String]
    /// 1, or one more than the attempt whose worker was lost.
    public var attempt: Int64
    public var runKey: RunKey

    /// The run's single step, keyed like `arco run`'s (`asset[key]`, `asset[first...last]`).
    public var step: PlannedStep {
        switch partitions.count {
        case 0:
            return PlannedStep(stepKey: StepKey(asset), asset: asset)
        case 1:
            return PlannedStep(
                stepKey: StepKey("\(asset)[\(partitions[0])]"), asset: asset, partition: partitions[0],
                canonicalPartitions: canonicalPartitions)
        default:
            return PlannedStep(
                stepKey: StepKey("\(asset)[\(partitions[0])...\(partitions[partitions.count - 1])]"), asset: asset,
                partitionRange: partitions, canonicalPartitions: canonicalPartitions)
        }
    }
}

/// What one pass of a backfill's driver records, decided from the backfill's row and its
/// unfinished partitions. Pure: the engine reads both inside the write transaction that appends
/// the result, so two drivers never decide from the same state.
public struct BackfillDriverDecision: Sendable {
    /// Chunks to plan, in order.
    public var chunks: [BackfillChunkPlanned] = []
    /// Runs to request, in planning order.
    public var runs: [BackfillRunRequest] = []
    /// The final state when nothing is left to run.
    public var finish: BackfillState?
    /// Targets that can never run because a target they read failed or was canceled.
    public var blocked = 0

    /// Decides a pass for a RUNNING backfill.
    /// - Parameters:
    ///   - unfinished: its `backfill_partitions` rows that did not succeed, any order; a planned
    ///     target without a row here succeeded.
    public static func decide(_ backfill: BackfillRow, plan: BackfillPlan, unfinished: [BackfillPartitionRow])
        throws(BackfillError) -> BackfillDriverDecision
    {
        var decision = BackfillDriverDecision()
        guard backfill.status == .running else { return decision }
        var pass = BackfillPass(backfill: backfill, plan: plan, unfinished: unfinished)
        var ready = try pass.readyUnits(from: 0)
        var chunksThisPass = 0
        while pass.planned < plan.targets.count, ready.count < backfill.maxConcurrentRuns - Int64(pass.activeRuns),
            chunksThisPass < Limits.backfillChunksPerPass
        {
            let first = pass.planned
            decision.chunks.append(pass.planNextChunk())
            chunksThisPass += 1
            ready += try pass.readyUnits(from: first)
        }
        for unit in ready where pass.activeRuns < backfill.maxConcurrentRuns {
            decision.runs.append(pass.request(unit))
            pass.activeRuns += 1
        }
        for position in pass.status.keys where pass.status[position]?.status == .pending {
            if try pass.isDoomed(position) { decision.blocked += 1 }
        }
        let pendingLeft = pass.status.values.filter { $0.status == .pending }.count
        if pass.planned == plan.targets.count, pass.activeRuns == 0, decision.runs.isEmpty,
            pendingLeft == decision.blocked
        {
            let failed = pass.status.values.contains { $0.status == .failed || $0.status == .canceled } || decision.blocked > 0
            decision.finish = failed ? .failed : .succeeded
        }
        return decision
    }
}
