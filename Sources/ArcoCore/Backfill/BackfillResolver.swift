/// What a backfill covers: per selected asset in dependency order, its partition keys.
public struct BackfillTargets: Sendable, Hashable {
    /// The assets with targets, in dependency order.
    public var assets: [AssetKey]
    /// Each asset's keys in partition order; empty for an unpartitioned asset (targeted whole).
    public var keys: [AssetKey: [String]]

    /// The number of asset partitions (an unpartitioned asset counts once).
    public var total: Int { assets.reduce(0) { $0 + max(1, keys[$1]?.count ?? 0) } }

    /// Every target in planning order: assets in dependency order, then partition order.
    public var flattened: [BackfillTarget] {
        var result = [BackfillTarget]()
        result.reserveCapacity(total)
        for asset in assets {
            let keys = self.keys[asset] ?? []
            if keys.isEmpty {
                result.append(BackfillTarget(asset: asset.rawValue, partition: nil))
            } else {
                for key in keys { result.append(BackfillTarget(asset: asset.rawValue, partition: key)) }
            }
        }
        return result
    }
}

/// One asset partition of a backfill (`partition` nil for an unpartitioned asset).
public struct BackfillTarget: Sendable, Hashable {
    public var asset: String
    public var partition: String?

    public init(asset: String, partition: String?) {
        self.asset = asset
        self.partition = partition
    }

    public func json() -> JSONValue { ["asset": .string(asset), "partition": .optional(partition)] }

    init(fields: JSONFields) throws(PayloadDecodingError) {
        asset = try fields.string("asset")
        partition = try fields.optionalString("partition")
    }
}

/// Resolves a backfill's selector over its selected assets. Pure: the caller supplies the
/// partition sets (dynamic keys already read) and the instant the backfill was created.
///
/// An asset whose partitions the selector names gets them directly; one it does not name (a
/// weekly rollup under a daily range) gets the keys its selected upstream targets map down to,
/// so one backfill spans assets with different partitions definitions (Dagster's #22126).
public struct BackfillResolver {
    public let definitions: WorkspaceDefinitions
    public let partitionSets: [AssetKey: PartitionSet]
    public let now: Timestamp

    public init(definitions: WorkspaceDefinitions, partitionSets: [AssetKey: PartitionSet], now: Timestamp) {
        self.definitions = definitions
        self.partitionSets = partitionSets
        self.now = now
    }

    /// The targets of `selector` over `assets` (in dependency order).
    /// - Throws: an unknown key or dimension, an asset the selector cannot reach, or no targets.
    public func resolve(_ assets: [AssetKey], _ selector: PartitionSelector) throws(BackfillError) -> BackfillTargets {
        var targets = BackfillTargets(assets: [], keys: [:])
        var anyPartitioned = false
        for asset in assets {
            guard let definition = definitions.asset(asset) else { continue }
            if case .subset(let chosen) = selector, chosen[asset.rawValue] == nil { continue }
            guard let set = partitionSets[asset] else {
                targets.assets.append(asset)
                targets.keys[asset] = []
                continue
            }
            anyPartitioned = true
            let resolution = self.resolution(definition, set)
            let keys: [String]
            switch resolution.applicability(selector) {
            case .applies:
                keys = try resolution.keys(selector)
            case .doesNotApply, .partly:
                // A weekly asset under a daily range whose first day happens to be a week key
                // still gets its weeks through the mapping, not a literal (broken) range.
                guard hasTargetedUpstream(definition, targets) else {
                    if case .partly(let error) = resolution.applicability(selector) { throw error }
                    throw .notApplicable(
                        asset: asset.rawValue, partitionsDef: definition.partitions?.rawValue ?? "", selector: selector.display)
                }
                keys = try mappedDown(definition, set: set, targets: targets)
            }
            guard !keys.isEmpty else { continue }
            targets.assets.append(asset)
            targets.keys[asset] = keys
        }
        if case .subset = selector {
            // A frozen subset may hold only an unpartitioned asset (a retry of a failed report).
            guard !targets.assets.isEmpty else { throw .empty(selector: selector.display) }
            return targets
        }
        guard anyPartitioned else { throw .nothingPartitioned }
        guard targets.keys.values.contains(where: { !$0.isEmpty }) else { throw .empty(selector: selector.display) }
        return targets
    }

    /// The number of targets without listing keys when every partitioned asset's partitions are
    /// named by the selector itself (the common single-asset backfill); otherwise it resolves.
    public func count(_ assets: [AssetKey], _ selector: PartitionSelector) throws(BackfillError) -> Int {
        // A frozen subset names its assets and keys itself: resolving it is counting it.
        if case .subset = selector { return try resolve(assets, selector).total }
        var total = 0
        var anyPartitioned = false
        for asset in assets {
            guard let definition = definitions.asset(asset) else { continue }
            guard let set = partitionSets[asset] else {
                total += 1
                continue
            }
            anyPartitioned = true
            let resolution = self.resolution(definition, set)
            guard case .applies = resolution.applicability(selector) else { return try resolve(assets, selector).total }
            total += try resolution.count(selector)
        }
        guard anyPartitioned else { throw .nothingPartitioned }
        guard total > assets.filter({ partitionSets[$0] == nil }).count else { throw .empty(selector: selector.display) }
        return total
    }

    /// The targets of `upstream` that `target` reads, through the dependency's partition mapping.
    public func upstreamTargets(of target: BackfillTarget, in targets: BackfillTargets) throws(BackfillError)
        -> [BackfillTarget]
    {
        let asset = AssetKey(target.asset)
        guard let definition = definitions.asset(asset) else { return [] }
        var result = [BackfillTarget]()
        for dependency in definition.dependencies where dependency.asset != asset {
            guard let planned = targets.keys[dependency.asset] else { continue }
            if planned.isEmpty {
                result.append(BackfillTarget(asset: dependency.asset.rawValue, partition: nil))
                continue
            }
            guard target.partition != nil, partitionSets[asset] != nil else {
                // An unpartitioned asset reads every targeted partition of its upstream.
                result += planned.map { BackfillTarget(asset: dependency.asset.rawValue, partition: $0) }
                continue
            }
            let wanted = Set(try upstreamKeys(definition, dependency, downstreamKey: target.partition))
            result += planned.filter(wanted.contains).map { BackfillTarget(asset: dependency.asset.rawValue, partition: $0) }
        }
        return result
    }

    /// Targets that would read an incomplete upstream: some partition they read of a targeted,
    /// partitioned upstream asset is neither a target of this backfill nor materialized (a week
    /// whose days the backfill does not cover and nobody ran). A backfill leaves them out unless
    /// `--allow-partial`, so a rollup is not written from part of its inputs.
    /// - Parameter materialized: whether an upstream asset's partition (display key) is.
    public func partialTargets(_ targets: BackfillTargets, materialized: (AssetKey, String) -> Bool)
        throws(BackfillError) -> [BackfillTarget]
    {
        var partial = [BackfillTarget]()
        for asset in targets.assets {
            guard let definition = definitions.asset(asset), partitionSets[asset] != nil else { continue }
            let upstream = definition.dependencies.filter {
                $0.asset != asset && partitionSets[$0.asset] != nil && !(targets.keys[$0.asset]?.isEmpty ?? true)
            }
            guard !upstream.isEmpty else { continue }
            let targeted = upstream.map { Set(targets.keys[$0.asset] ?? []) }
            for key in targets.keys[asset] ?? [] {
                for (dependency, keys) in zip(upstream, targeted) {
                    let read = try upstreamKeys(definition, dependency, downstreamKey: key)
                    if read.contains(where: { !keys.contains($0) && !materialized(dependency.asset, $0) }) {
                        partial.append(BackfillTarget(asset: asset.rawValue, partition: key))
                        break
                    }
                }
            }
        }
        return partial
    }

    private func resolution(_ definition: AssetDefinition, _ set: PartitionSet) -> SelectorResolution {
        SelectorResolution(
            set: set, asset: definition.key.rawValue, definitionName: definition.partitions?.rawValue ?? "", now: now)
    }

    private func hasTargetedUpstream(_ definition: AssetDefinition, _ targets: BackfillTargets) -> Bool {
        definition.dependencies.contains { $0.asset != definition.key && !(targets.keys[$0.asset]?.isEmpty ?? true) }
    }

    /// The asset's keys that read at least one targeted partition of a selected upstream asset.
    private func mappedDown(_ definition: AssetDefinition, set: PartitionSet, targets: BackfillTargets)
        throws(BackfillError) -> [String]
    {
        let upstream = definition.dependencies.filter {
            $0.asset != definition.key && partitionSets[$0.asset] != nil && !(targets.keys[$0.asset]?.isEmpty ?? true)
        }
        guard !upstream.isEmpty else { return [] }
        let planned = upstream.map { Set(targets.keys[$0.asset] ?? []) }
        var result = [String]()
        for key in set.keys(now: now) {
            for (dependency, keys) in zip(upstream, planned)
            where try upstreamKeys(definition, dependency, downstreamKey: key).contains(where: keys.contains) {
                result.append(key)
                break
            }
        }
        return result
    }

    private func upstreamKeys(_ definition: AssetDefinition, _ dependency: AssetDependency, downstreamKey: String?)
        throws(BackfillError) -> [String]
    {
        do {
            return try definitions.upstreamKeys(
                of: downstreamKey, asset: definition.key, dependency: dependency, sets: partitionSets, now: now)
        } catch {
            throw .mapping(asset: definition.key.rawValue, upstream: dependency.asset.rawValue, reason: "\(error)")
        }
    }
}
