/// What each partition to reconcile waits for, worked out from verdicts alone (cached verdicts
/// carry no causes besides the first): the upstream partitions it reads, through the same
/// mappings the evaluation uses, that are missing or stale for a reason that propagates. It is
/// what `StalenessEvaluator` collects with `collectWaits`; `ReconcileWaitsTests` holds them equal.
public enum ReconcileWaits {
    /// The rows each row waits for.
    ///
    /// - Parameters:
    ///   - rows: the rows that are not fresh, in report order.
    ///   - rowAt: for each asset with rows, the index in `rows` of each partition position's row
    ///     (-1 where the partition is fresh).
    ///   - evaluator: the evaluation's mappings (`upstreamReads`).
    public static func graph(_ rows: [StalenessRow], rowAt: [AssetKey: [Int]], evaluator: inout StalenessEvaluator)
        -> ReconcileWaitGraph
    {
        var graph = ReconcileWaitGraph()
        // Whether each row's reason propagates downstream, looked up once rather than per read.
        let propagates = rows.map { $0.reason?.propagates ?? false }
        var index = 0
        while index < rows.count {
            let asset = rows[index].asset
            let reads = evaluator.upstreamReads(of: asset).compactMap { read in rowAt[read.upstream].map { (read, $0) } }
            while index < rows.count, rows[index].asset == asset {
                let position = rows[index].position
                for (read, upstreamRows) in reads {
                    read.forEachPosition(of: position) { upstream in
                        guard upstream < upstreamRows.count else { return }
                        let found = upstreamRows[upstream]
                        if found >= 0, propagates[found] { graph.addWait(found) }
                    }
                }
                graph.endRow()
                index += 1
            }
        }
        return graph
    }
}
