/// A backfill's targets resolved once per driving process, with what each one waits for.
///
/// Deterministic: the same definitions, selector and creation instant give the same order, so
/// chunk `i` and the units inside it are the same in every process that drives the backfill.
public final class BackfillPlan: @unchecked Sendable {
    public let backfillID: BackfillID
    /// Every target in planning order (dependency order of assets, then partition order).
    public let targets: [BackfillTarget]
    private let positions: [BackfillTarget: Int]
    private let resolved: BackfillTargets
    private let resolver: BackfillResolver
    /// Positions of the targets each target reads, computed when first needed.
    private var upstreamCache = [Int: [Int]]()

    public init(backfillID: BackfillID, targets: BackfillTargets, resolver: BackfillResolver) {
        self.backfillID = backfillID
        self.resolved = targets
        self.resolver = resolver
        self.targets = targets.flattened
        var positions = [BackfillTarget: Int](minimumCapacity: self.targets.count)
        for (index, target) in self.targets.enumerated() { positions[target] = index }
        self.positions = positions
    }

    /// The backfill policy of an asset (how many partitions one run covers).
    public func policy(of asset: String) -> BackfillPolicy {
        resolver.definitions.asset(AssetKey(asset))?.backfillPolicy ?? .default
    }

    /// The canonical identity of a target's partition (ADR 0007), for run keys.
    public func canonical(_ target: BackfillTarget) -> String? {
        guard let partition = target.partition else { return nil }
        return resolver.partitionSets[AssetKey(target.asset)]?.canonicalKey(for: partition)?.description ?? partition
    }

    /// Each key's place in the asset's partition order (not in the backfill's planning order),
    /// to collapse keys into runs of consecutive partitions.
    public func partitionPositions(of asset: String) -> [String: Int] {
        SelectorResolution.positions(resolver.partitionSets[AssetKey(asset)]?.keys(now: resolver.now) ?? [])
    }

    /// The positions of the in-backfill targets `position` reads; always earlier positions.
    public func upstream(of position: Int) throws(BackfillError) -> [Int] {
        if let cached = upstreamCache[position] { return cached }
        let found = try resolver.upstreamTargets(of: targets[position], in: resolved).compactMap { positions[$0] }
        upstreamCache[position] = found
        return found
    }
}
