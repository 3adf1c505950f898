extension WorkspaceDefinitions {
    /// The mapping a dependency uses: the declared one, or the one Dagster infers (see
    /// `PartitionMapper.inferredMapping`), with a multi-to-single mapping's dimension filled in.
    ///
    /// Partition sets do not know their definitions' names, so the dimension is resolved here, as
    /// Dagster resolves it: the one dimension whose definition is the single side's. Validation
    /// has already rejected a dependency where that is not exactly one dimension; nil is left for
    /// the mapper to report if the definitions were built without validation.
    public func effectiveMapping(of dependency: AssetDependency, downstream: AssetKey) -> PartitionMapping? {
        let down = partitionsDefinition(of: downstream)
        let up = partitionsDefinition(of: dependency.asset)
        let mapping = dependency.mapping ?? Self.inferredMapping(down: down?.kind, up: up?.kind)
        guard case .multiToSingle(nil) = mapping, let down, let up else { return mapping }
        let (multi, single): (MultiPartitions, PartitionsDefinition)
        switch (down.kind, up.kind) {
        case (.multi, .multi): return mapping
        case (.multi(let found), _): (multi, single) = (found, up)
        case (_, .multi(let found)): (multi, single) = (found, down)
        default: return mapping
        }
        let matching = multi.dimensions.filter { $0.partitions == single.name }
        guard matching.count == 1, let dimension = matching.first else { return mapping }
        return .multiToSingle(dimension: dimension.name)
    }

    /// The keys of `dependency`'s asset that partition `downstreamKey` of `asset` reads (all of
    /// them for an unpartitioned downstream asset), through the effective mapping; none when
    /// the upstream asset is unpartitioned. Run planning and backfills both decide with it.
    public func upstreamKeys(
        of downstreamKey: String?, asset: AssetKey, dependency: AssetDependency, sets: [AssetKey: PartitionSet],
        now: Timestamp
    ) throws(PartitionMappingError) -> [String] {
        let mapped = try PartitionMapper.upstream(
            of: downstreamKey, downstream: sets[asset], upstream: sets[dependency.asset],
            mapping: effectiveMapping(of: dependency, downstream: asset), now: now)
        if case .keys(let keys) = mapped { return keys }
        return []
    }

    /// Dagster's default between two definitions' kinds, matching the partition sets' rule.
    private static func inferredMapping(down: PartitionsDefinition.Kind?, up: PartitionsDefinition.Kind?) -> PartitionMapping {
        switch (down, up) {
        case (.timeWindow?, .timeWindow?): return .timeWindow(startOffset: 0, endOffset: 0)
        case (.multi?, .multi?): return .identity
        case (.multi?, _?), (_?, .multi?): return .multiToSingle(dimension: nil)
        case (_?, _?): return .identity
        default: return .all
        }
    }
}
