/// What each partition to reconcile waits for, worked out from verdicts alone (cached verdicts
/// carry no causes besides the first): the upstream partitions it reads, through the same
/// mappings the evaluation uses, that are missing or stale for a reason that propagates. It is
/// what `StalenessEvaluator` collects with `collectWaits`; `ReconcileWaitsTests` holds them equal.
public enum ReconcileWaits {
    /// Fills each row's `upstreamCauses` with the missing or stale upstream partitions it reads.
    ///
    /// - Parameters:
    ///   - rows: the rows that are not fresh, in report order.
    ///   - rowAt: for each asset with rows, the index in `rows` of each partition position's row
    ///     (-1 where the partition is fresh).
    ///   - evaluator: the evaluation's mappings (`upstreamReads`).
    public static func fill(_ rows: inout [StalenessRow], rowAt: [AssetKey: [Int]], evaluator: inout StalenessEvaluator) {
        var index = 0
        while index < rows.count {
            let asset = rows[index].asset
            let reads = evaluator.upstreamReads(of: asset).compactMap { read in
                rowAt[read.upstream].map { (read.upstream, read.positions, $0) }
            }
            while index < rows.count, rows[index].asset == asset {
                var causes: [StalenessCause] = []
                for (upstream, mapped, upstreamRows) in reads {
                    for position in mapped(rows[index].position) where position < upstreamRows.count {
                        let found = upstreamRows[position]
                        guard found >= 0, let reason = rows[found].reason, reason.propagates else { continue }
                        causes.append(
                            reason == .neverMaterialized
                                ? .upstreamNeverMaterialized(asset: upstream, partition: rows[found].partition)
                                : .upstreamStale(asset: upstream, partition: rows[found].partition, reason: reason))
                    }
                }
                rows[index].upstreamCauses = causes
                index += 1
            }
        }
    }
}
