/// `--only`: narrows a backfill to partitions in a status when it is created, Dagster users'
/// most common backfill ("fill what is missing", "redo what failed").
public enum BackfillOnly: String, Sendable, Hashable, CaseIterable {
    case missing
    case failed
    case missingOrFailed = "missing-or-failed"

    /// Whether a partition in `state` stays in the backfill.
    public func admits(_ state: PartitionState) -> Bool {
        switch self {
        case .missing: return state == .missing
        case .failed: return state == .failed
        case .missingOrFailed: return state == .missing || state == .failed
        }
    }

    /// The targets whose state `admits`, frozen as a subset selector (runs of consecutive keys),
    /// so the backfill covers what was missing or failed when it was created, however the
    /// statuses move while it runs.
    /// - Parameters:
    ///   - state: the state of an asset partition (`nil` partition: an unpartitioned asset).
    ///   - order: an asset's keys in partition order, to find runs of consecutive keys.
    public func freeze(
        _ targets: BackfillTargets, state: (AssetKey, String?) -> PartitionState, order: (AssetKey) -> [String]
    ) -> PartitionSelector {
        Self.subset(targets, where: { admits(state($0, $1)) }, order: order)
    }

    /// The targets `keep` accepts, as a subset selector of runs of consecutive keys.
    public static func subset(
        _ targets: BackfillTargets, where keep: (AssetKey, String?) -> Bool, order: (AssetKey) -> [String]
    ) -> PartitionSelector {
        var assets = [String: [PartitionRun]]()
        for asset in targets.assets {
            let keys = targets.keys[asset] ?? []
            if keys.isEmpty {
                if keep(asset, nil) { assets[asset.rawValue] = [] }
                continue
            }
            let positions = SelectorResolution.positions(order(asset))
            let kept = keys.filter { keep(asset, $0) }.map { (key: $0, position: positions[$0] ?? 0) }
            if !kept.isEmpty { assets[asset.rawValue] = PartitionRun.runs(of: kept) }
        }
        return .subset(assets)
    }
}
