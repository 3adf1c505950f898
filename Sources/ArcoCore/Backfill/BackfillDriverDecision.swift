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

    /// Chunks planned in one pass at most, so one transaction stays small.
    public static let chunksPerPass = 8

    /// Decides a pass for a RUNNING backfill.
    /// - Parameters:
    ///   - unfinished: its `backfill_partitions` rows that did not succeed, any order; a planned
    ///     target without a row here succeeded.
    public static func decide(_ backfill: BackfillRow, plan: BackfillPlan, unfinished: [BackfillPartitionRow])
        throws(BackfillError) -> BackfillDriverDecision
    {
        var decision = BackfillDriverDecision()
        guard backfill.status == .running else { return decision }
        var status = [Int: BackfillPartitionRow]()
        for row in unfinished { status[Int(row.position)] = row }
        var planned = Int(backfill.planned)
        var chunkIndex = backfill.plannedChunks
        let total = plan.targets.count
        var activeRuns = Set(unfinished.filter { $0.status.isActive }.compactMap(\.runID)).count
        var doomed = Set<Int>()

        func isSucceeded(_ position: Int) -> Bool { position < planned && status[position] == nil }
        func isDoomed(_ position: Int) throws(BackfillError) -> Bool {
            if doomed.contains(position) { return true }
            if let row = status[position], row.status == .failed || row.status == .canceled { return true }
            for upstream in try plan.upstream(of: position) where try isDoomed(upstream) {
                doomed.insert(position)
                return true
            }
            return false
        }

        // Ready units among planned pending rows, in planning order.
        func readyUnits(from start: Int) throws(BackfillError) -> [[Int]] {
            var units = [[Int]]()
            var group = [Int]()
            var groupKey: (Int64, String)?
            func close() {
                guard !group.isEmpty else { return }
                let size: Int
                switch plan.policy(of: plan.targets[group[0]].asset) {
                case .singleRun: size = group.count
                case .multiRun(let n): size = max(1, n)
                }
                units += stride(from: 0, to: group.count, by: size).map { Array(group[$0..<min($0 + size, group.count)]) }
                group = []
            }
            // A target that can never run leaves its group: the rest of a single_run range still
            // runs, and the backfill can end instead of waiting on a unit that never becomes ready.
            var pending = [Int]()
            for row in status.values where row.status == .pending && Int(row.position) >= start {
                if try !isDoomed(Int(row.position)) { pending.append(Int(row.position)) }
            }
            pending.sort()
            for position in pending {
                let row = status[position]!
                let key = (row.chunkIndex, row.asset)
                if let current = groupKey, current != key || group.last.map({ $0 + 1 }) != position { close() }
                groupKey = key
                group.append(position)
            }
            close()
            var ready = [[Int]]()
            for unit in units {
                var ok = true
                for position in unit {
                    if try isDoomed(position) { ok = false; break }
                    for upstream in try plan.upstream(of: position) where !isSucceeded(upstream) {
                        ok = false
                        break
                    }
                    if !ok { break }
                }
                if ok { ready.append(unit) }
            }
            return ready
        }

        var ready = try readyUnits(from: 0)
        var chunksThisPass = 0
        while planned < total, ready.count < backfill.maxConcurrentRuns - Int64(activeRuns),
            chunksThisPass < chunksPerPass
        {
            // Compared before adding: a recorded chunk size near Int64.max must not overflow.
            let end = planned + min(Int(clamping: backfill.chunkSize), total - planned)
            let targets = Array(plan.targets[planned..<end])
            decision.chunks.append(BackfillChunkPlanned(backfillID: plan.backfillID, chunkIndex: chunkIndex, targets: targets))
            for position in planned..<end {
                status[position] = BackfillPartitionRow(
                    backfillID: plan.backfillID, position: Int64(position), asset: targets[position - planned].asset,
                    partition: targets[position - planned].partition, chunkIndex: chunkIndex, updatedAt: backfill.updatedAt)
            }
            let first = planned
            planned = end
            chunkIndex += 1
            chunksThisPass += 1
            ready += try readyUnits(from: first)
        }

        for unit in ready where activeRuns < backfill.maxConcurrentRuns {
            let rows = unit.compactMap { status[$0] }
            let target = plan.targets[unit[0]]
            let partitions = unit.compactMap { plan.targets[$0].partition }
            let canonical = unit.compactMap { plan.canonical(plan.targets[$0]) }
            let attempt = (rows.map(\.attempt).max() ?? 0) + 1
            decision.runs.append(
                BackfillRunRequest(
                    asset: target.asset, partitions: partitions, canonicalPartitions: canonical, attempt: attempt,
                    runKey: BackfillRunKey.make(
                        backfill: plan.backfillID, asset: target.asset, canonicalPartitions: canonical, attempt: attempt)))
            activeRuns += 1
        }

        for position in status.keys where status[position]?.status == .pending {
            if try isDoomed(position) { decision.blocked += 1 }
        }
        let pendingLeft = status.values.filter { $0.status == .pending }.count
        if planned == total, activeRuns == 0, decision.runs.isEmpty, pendingLeft == decision.blocked {
            let failed = status.values.contains { $0.status == .failed || $0.status == .canceled } || decision.blocked > 0
            decision.finish = failed ? .failed : .succeeded
        }
        return decision
    }
}
