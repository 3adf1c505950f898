/// The working state of one `BackfillDriverDecision.decide` pass: the backfill's targets by
/// position as the pass plans more of them, and which can never run. Kept apart from the
/// decision so each question the pass asks (is this target done, doomed, ready) reads on its own.
struct BackfillPass {
    let backfill: BackfillRow
    let plan: BackfillPlan
    /// Unfinished rows by position, including the pending rows of chunks this pass plans.
    var status: [Int: BackfillPartitionRow] = [:]
    /// Targets planned so far, this pass's chunks included.
    var planned: Int
    var chunkIndex: Int64
    /// Distinct runs in flight, counting the ones this pass requests.
    var activeRuns: Int
    /// Positions known to read, directly or not, a failed or canceled target (memoised).
    private var doomed = Set<Int>()

    init(backfill: BackfillRow, plan: BackfillPlan, unfinished: [BackfillPartitionRow]) {
        self.backfill = backfill
        self.plan = plan
        for row in unfinished { status[Int(row.position)] = row }
        planned = Int(backfill.planned)
        chunkIndex = backfill.plannedChunks
        activeRuns = Set(unfinished.filter { $0.status.isActive }.compactMap(\.runID)).count
    }

    /// A planned target without an unfinished row succeeded.
    func isSucceeded(_ position: Int) -> Bool { position < planned && status[position] == nil }

    /// Whether the target failed, was canceled, or reads one that did (through any chain).
    mutating func isDoomed(_ position: Int) throws(BackfillError) -> Bool {
        if doomed.contains(position) { return true }
        if let row = status[position], row.status == .failed || row.status == .canceled { return true }
        for upstream in try plan.upstream(of: position) where try isDoomed(upstream) {
            doomed.insert(position)
            return true
        }
        return false
    }

    /// Plans the next chunk: its targets become pending rows of this pass.
    mutating func planNextChunk() -> BackfillChunkPlanned {
        // Compared before adding: a recorded chunk size near Int64.max must not overflow.
        let end = planned + min(Int(clamping: backfill.chunkSize), plan.targets.count - planned)
        let targets = Array(plan.targets[planned..<end])
        for position in planned..<end {
            status[position] = BackfillPartitionRow(
                backfillID: plan.backfillID, position: Int64(position), asset: targets[position - planned].asset,
                partition: targets[position - planned].partition, chunkIndex: chunkIndex, updatedAt: backfill.updatedAt)
        }
        let chunk = BackfillChunkPlanned(backfillID: plan.backfillID, chunkIndex: chunkIndex, targets: targets)
        planned = end
        chunkIndex += 1
        return chunk
    }

    /// Units (one run each) among the pending rows at or after `start` whose upstream targets
    /// all succeeded, in planning order.
    mutating func readyUnits(from start: Int) throws(BackfillError) -> [[Int]] {
        var ready = [[Int]]()
        for unit in try pendingUnits(from: start) where try isReady(unit) { ready.append(unit) }
        return ready
    }

    private mutating func isReady(_ unit: [Int]) throws(BackfillError) -> Bool {
        for position in unit {
            if try isDoomed(position) { return false }
            for upstream in try plan.upstream(of: position) where !isSucceeded(upstream) { return false }
        }
        return true
    }

    /// Pending rows grouped into runs: consecutive positions of one chunk and asset form a
    /// range, cut by the asset's backfill policy.
    private mutating func pendingUnits(from start: Int) throws(BackfillError) -> [[Int]] {
        // A target that can never run leaves its group: the rest of a single_run range still
        // runs, and the backfill can end instead of waiting on a unit that never becomes ready.
        var pending = [Int]()
        for row in status.values where row.status == .pending && Int(row.position) >= start {
            if try !isDoomed(Int(row.position)) { pending.append(Int(row.position)) }
        }
        pending.sort()
        var units = [[Int]]()
        var group = [Int]()
        var groupKey: (Int64, String)?
        for position in pending {
            let row = status[position]!
            let key = (row.chunkIndex, row.asset)
            if let current = groupKey, current != key || group.last.map({ $0 + 1 }) != position {
                units += split(group)
                group = []
            }
            groupKey = key
            group.append(position)
        }
        return units + split(group)
    }

    /// One group cut into runs by its asset's policy: all of it, or `n` partitions per run.
    private func split(_ group: [Int]) -> [[Int]] {
        guard !group.isEmpty else { return [] }
        let size: Int
        switch plan.policy(of: plan.targets[group[0]].asset) {
        case .singleRun: size = group.count
        case .multiRun(let n): size = max(1, n)
        }
        return stride(from: 0, to: group.count, by: size).map { Array(group[$0..<min($0 + size, group.count)]) }
    }

    /// The run request for a ready unit; its attempt is one more than any lost attempt's.
    func request(_ unit: [Int]) -> BackfillRunRequest {
        let rows = unit.compactMap { status[$0] }
        let target = plan.targets[unit[0]]
        let partitions = unit.compactMap { plan.targets[$0].partition }
        let canonical = unit.compactMap { plan.canonical(plan.targets[$0]) }
        let attempt = (rows.map(\.attempt).max() ?? 0) + 1
        return BackfillRunRequest(
            asset: target.asset, partitions: partitions, canonicalPartitions: canonical, attempt: attempt,
            runKey: BackfillRunKey.make(
                backfill: plan.backfillID, asset: target.asset, canonicalPartitions: canonical, attempt: attempt))
    }
}
