/// Which planned reconcile runs read what other planned runs write, so `reconcile run` can run
/// independent runs side by side, start a run only once everything it reads is done, and let a
/// failure stop only the runs that read it (directly or not) instead of the whole plan.
///
/// Run B reads run A when an asset of B depends on an asset of A and, through the dependency's
/// partition mapping, one of B's partitions reads one of A's. An unpartitioned side, or a
/// mapping that cannot be applied, reads all of A: when unsure, wait.
public enum ReconcileRunGraph {
    /// For each run of `plan`, the indices of the other runs it reads, ascending.
    /// - Complexity: O(targets × dependencies × mapped keys), with an index of the planned
    ///   (asset, partition) pairs; never a comparison of every pair of runs.
    public static func upstream(
        of plan: [ReconcileRun], definitions: WorkspaceDefinitions, sets: [AssetKey: PartitionSet], now: Timestamp
    ) -> [[Int]] {
        // (asset, display key or "") → the run that materializes it; asset → its runs.
        var owner = [AssetKey: [String: Int]]()
        var runsOf = [AssetKey: [Int]]()
        for (index, run) in plan.enumerated() {
            for asset in run.assets {
                runsOf[asset, default: []].append(index)
                for key in run.partitions.isEmpty ? [""] : run.partitions { owner[asset, default: [:]][key] = index }
            }
        }
        return plan.enumerated().map { index, run in
            var reads = Set<Int>()
            for asset in run.assets {
                guard let definition = definitions.asset(asset) else { continue }
                for dependency in definition.dependencies {
                    guard let writers = runsOf[dependency.asset] else { continue }
                    let keyed = owner[dependency.asset] ?? [:]
                    // Either side unpartitioned: the whole upstream is read.
                    guard !run.partitions.isEmpty, keyed[""] == nil else {
                        reads.formUnion(writers)
                        continue
                    }
                    for key in run.partitions {
                        guard let keys = try? definitions.upstreamKeys(
                            of: key, asset: asset, dependency: dependency, sets: sets, now: now)
                        else {
                            reads.formUnion(writers)
                            break
                        }
                        for upstreamKey in keys { if let writer = keyed[upstreamKey] { reads.insert(writer) } }
                    }
                }
            }
            reads.remove(index)
            return reads.sorted()
        }
    }
}
