/// Turns selected assets and a partition request into a run's steps (asset × partition) and the
/// edges between them, through the partition mappings. Pure: the caller supplies the partition
/// sets (with dynamic keys already read) and `now`.
public struct RunPlanner {
    /// The workspace's definitions.
    public let definitions: WorkspaceDefinitions
    /// The partition set of every selected partitioned asset; absent means unpartitioned.
    public let partitionSets: [AssetKey: PartitionSet]
    /// Decides which time windows exist.
    public let now: Timestamp

    /// Creates a planner.
    public init(definitions: WorkspaceDefinitions, partitionSets: [AssetKey: PartitionSet], now: Timestamp) {
        self.definitions = definitions
        self.partitionSets = partitionSets
        self.now = now
    }

    /// The steps for `assets` (in dependency order), each depending on the steps of its selected
    /// upstream assets whose partitions it reads.
    ///
    /// A requested key applies to every selected asset that has it. A selected asset that does not
    /// (a weekly rollup below a daily asset) gets the partitions its selected upstream steps map
    /// to, so `daily_orders+ --partition 2024-01-03` also plans the week holding that day.
    public func plan(_ assets: [AssetKey], request: PartitionRequest) throws(PlanningError) -> [PlannedStep] {
        try planned(assets, request: request).steps
    }

    /// The plan, and the selected assets left out of it because none of their partitions reads
    /// a planned partition of what they depend on (a weekly rollup of a day before its first
    /// week): the request is fine for the rest, so those are skipped, never the whole run.
    public func planned(_ assets: [AssetKey], request: PartitionRequest) throws(PlanningError) -> RunPlan {
        var steps = [PlannedStep]()
        var skipped = [RunPlan.Skip]()
        // Per asset: each partition key → the key of the step covering it ("" when unpartitioned).
        var coverage = [AssetKey: [String: StepKey]]()
        let selected = Set(assets)
        var anyPartitioned = false
        for asset in assets {
            guard let definition = definitions.asset(asset) else { continue }
            guard let set = partitionSets[asset] else {
                let key = StepKey(asset.rawValue)
                let dependsOn = try dependencies(of: definition, keys: [nil], selected: selected, coverage: coverage)
                steps.append(PlannedStep(stepKey: key, asset: asset.rawValue, dependsOn: dependsOn))
                coverage[asset] = ["": key]
                continue
            }
            anyPartitioned = true
            let keys = try partitionKeys(of: definition, set: set, request: request, coverage: coverage, selected: selected)
            if keys.isEmpty {
                skipped.append(RunPlan.Skip(asset: asset.rawValue, firstPartition: set.keys(now: now, limit: 1).first))
                coverage[asset] = [:]
                continue
            }
            var covered = [String: StepKey]()
            for chunk in chunks(keys, policy: definition.backfillPolicy) {
                let ranged = chunk.count > 1
                let stepKey = StepKey(
                    ranged ? "\(asset.rawValue)[\(chunk[0])...\(chunk[chunk.count - 1])]" : "\(asset.rawValue)[\(chunk[0])]")
                var dependsOn = try dependencies(of: definition, keys: chunk, selected: selected, coverage: coverage)
                // A self-dependency (e.g. yesterday's partition) orders steps of one asset.
                dependsOn.removeAll { $0 == stepKey }
                steps.append(
                    PlannedStep(
                        stepKey: stepKey, asset: asset.rawValue, partition: ranged ? nil : chunk[0],
                        partitionRange: ranged ? chunk : [], dependsOn: dependsOn,
                        canonicalPartitions: chunk.map { set.canonicalKey(for: $0)?.description ?? $0 }))
                for key in chunk { covered[key] = stepKey }
            }
            coverage[asset] = covered
        }
        if !anyPartitioned, let key = request.display { throw .nothingPartitioned(key: key) }
        return RunPlan(steps: steps, skipped: skipped)
    }

    /// The keys one asset is planned for: the request itself when the asset has it, else what its
    /// selected upstream steps map down to.
    private func partitionKeys(
        of definition: AssetDefinition, set: PartitionSet, request: PartitionRequest,
        coverage: [AssetKey: [String: StepKey]], selected: Set<AssetKey>
    ) throws(PlanningError) -> [String] {
        let asset = definition.key.rawValue
        switch request {
        case .none:
            throw .partitionRequired(asset: asset, example: set.keys(now: now, limit: 1).first)
        case .key(let key):
            if set.hasKey(key, now: now) { return [key] }
        case .range(let from, let to):
            if set.hasKey(from, now: now), set.hasKey(to, now: now) {
                let keys = set.keys(now: now)
                guard let lower = keys.firstIndex(of: from), let upper = keys.firstIndex(of: to) else { break }
                guard lower <= upper else { throw .reversedRange(from: from, to: to, asset: asset) }
                return Array(keys[lower...upper])
            }
        }
        let derived = try mappedDown(definition, set: set, coverage: coverage, selected: selected)
        // Below a selected, partitioned upstream asset the request reached, an empty mapping is
        // a fact about this asset's partitions, not a mistake in the request: skip it.
        guard derived.isEmpty, !hasSelectedPartitionedUpstream(definition, selected: selected) else { return derived }
        let requested: String
        switch request {
        case .key(let key): requested = key
        case .range(let from, let to): requested = set.hasKey(from, now: now) ? to : from
        case .none: requested = ""
        }
        throw .notAPartition(key: requested, asset: asset, nearest: NearestKeys.around(requested, in: set.keys(now: now)))
    }

    private func hasSelectedPartitionedUpstream(_ definition: AssetDefinition, selected: Set<AssetKey>) -> Bool {
        definition.dependencies.contains {
            $0.asset != definition.key && selected.contains($0.asset) && partitionSets[$0.asset] != nil
        }
    }

    /// The asset's keys whose upstream partitions include a planned partition of a selected,
    /// partitioned upstream asset.
    private func mappedDown(
        _ definition: AssetDefinition, set: PartitionSet, coverage: [AssetKey: [String: StepKey]],
        selected: Set<AssetKey>
    ) throws(PlanningError) -> [String] {
        let upstreamPlanned = definition.dependencies.filter {
            $0.asset != definition.key && selected.contains($0.asset) && partitionSets[$0.asset] != nil
        }
        guard !upstreamPlanned.isEmpty else { return [] }
        var result = [String]()
        for key in set.keys(now: now) {
            for dependency in upstreamPlanned {
                let planned = coverage[dependency.asset] ?? [:]
                if try upstreamKeys(definition, dependency, downstreamKey: key).contains(where: { planned[$0] != nil }) {
                    result.append(key)
                    break
                }
            }
        }
        return result
    }

    /// The planned steps `keys` of this asset wait for, in plan order without repeats.
    private func dependencies(
        of definition: AssetDefinition, keys: [String?], selected: Set<AssetKey>,
        coverage: [AssetKey: [String: StepKey]]
    ) throws(PlanningError) -> [StepKey] {
        var result = [StepKey]()
        var seen = Set<StepKey>()
        for dependency in definition.dependencies where selected.contains(dependency.asset) {
            guard let planned = coverage[dependency.asset] ?? (dependency.asset == definition.key ? [:] : nil) else {
                continue
            }
            var wanted = [StepKey]()
            if partitionSets[dependency.asset] == nil {
                wanted = Array(planned.values)
            } else if keys.contains(where: { $0 == nil }) {
                // An unpartitioned asset reads every planned partition of its upstream.
                wanted = Array(planned.values)
            } else {
                for key in keys.compactMap({ $0 }) {
                    for upstreamKey in try upstreamKeys(definition, dependency, downstreamKey: key) {
                        if let step = planned[upstreamKey] { wanted.append(step) }
                    }
                }
            }
            for step in wanted.sorted() where seen.insert(step).inserted { result.append(step) }
        }
        return result
    }

    private func upstreamKeys(_ definition: AssetDefinition, _ dependency: AssetDependency, downstreamKey: String)
        throws(PlanningError) -> [String]
    {
        do {
            return try definitions.upstreamKeys(
                of: downstreamKey, asset: definition.key, dependency: dependency, sets: partitionSets, now: now)
        } catch {
            throw .mapping(asset: definition.key.rawValue, upstream: dependency.asset.rawValue, reason: "\(error)")
        }
    }

    /// Groups keys into steps: one per key by default, all in one for `single_run`, at most N each
    /// for `multi_run(N)`.
    private func chunks(_ keys: [String], policy: BackfillPolicy) -> [[String]] {
        switch policy {
        case .singleRun:
            return keys.isEmpty ? [] : [keys]
        case .multiRun(let size):
            let size = max(1, size)
            return stride(from: 0, to: keys.count, by: size).map { Array(keys[$0..<min($0 + size, keys.count)]) }
        }
    }
}
