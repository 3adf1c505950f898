/// The `arco validate` check that no definition has more than `Limits.partitionsPerDefinitionMax`
/// partitions at the time it runs.
///
/// The decoder cannot make this check, because a time-window set's size depends on `now`.
/// Dynamic keys live in the ledger, not in `arco.yaml`, so a dynamic definition (alone or as a
/// dimension) counts as empty here; commands check the sets they use (`PartitionSet.hasMore`).
public enum PartitionLimitCheck {
    /// One diagnostic, at the definition's name, for each definition over the limit at `now`.
    public static func diagnostics(
        _ definitions: WorkspaceDefinitions, now: Timestamp,
        limit: Int = Limits.partitionsPerDefinitionMax
    ) -> [DefinitionDiagnostic] {
        definitions.partitions.compactMap { definition in
            guard let set = set(of: definition, in: definitions),
                set.hasMore(than: limit, now: now)
            else { return nil }
            return DefinitionDiagnostic(
                location: definitions.locations.partitions[definition.name],
                message: "partitions definition '\(definition.name.rawValue)' has more than \(limit) "
                    + "partitions at \(now)",
                hint: "start it later, give it an 'end' or a coarser cadence; arco refuses sets "
                    + "over \(limit) partitions (docs/workspace.md)")
        }
    }

    /// The set a definition describes, dynamic keys read as none; nil when it cannot be built,
    /// which the decoder has already reported.
    private static func set(
        of definition: PartitionsDefinition, in definitions: WorkspaceDefinitions
    ) -> PartitionSet? {
        switch definition.kind {
        case .timeWindow(let timeWindow):
            return (try? TimeWindowPartitionSet(timeWindow)).map { .timeWindow($0) }
        case .static(let keys): return .keys(keys.keys)
        case .dynamic: return .keys([])
        case .multi(let multi):
            var dimensions: [PartitionDimension] = []
            for dimension in multi.dimensions {
                guard let target = definitions.partitionsDefinition(dimension.partitions),
                    target.multi == nil, let set = set(of: target, in: definitions)
                else { return nil }
                dimensions.append(PartitionDimension(name: dimension.name, set: set))
            }
            return try? PartitionSet.multi(dimensions: dimensions)
        }
    }
}
