/// Checks that every dependency's partition mapping, declared or inferred, fits the partitions
/// of the two assets.
extension WorkspaceDecoding {
    /// An asset's partitions as the mapping checks see them.
    private struct Side {
        let key: AssetKey
        let definition: PartitionsDefinition?

        var phrase: String {
            guard let definition else { return "'\(key)' is unpartitioned" }
            return "'\(key)' uses \(definition.kindDescription) partitions '\(definition.name)'"
        }
    }

    mutating func checkPartitionMappings(
        assets: [AssetDefinition], partitions: [PartitionsDefinition]
    ) {
        let assetsByKey = Dictionary(assets.map { ($0.key, $0) }) { first, _ in first }
        let partitionsByName = Dictionary(partitions.map { ($0.name, $0) }) { first, _ in first }
        func side(_ key: AssetKey) -> Side? {
            guard let asset = assetsByKey[key] else { return nil }
            guard let name = asset.partitions else { return Side(key: key, definition: nil) }
            // Unknown or broken definitions were reported already; checking against them
            // would only add noise.
            guard let definition = partitionsByName[name], !brokenPartitions.contains(name) else {
                return nil
            }
            return Side(key: key, definition: definition)
        }
        for site in dependencySites {
            guard let upstream = side(site.dependency.asset), let downstream = side(site.downstream)
            else { continue }
            checkMapping(site, upstream, downstream, partitionsByName)
        }
    }

    private mutating func checkMapping(
        _ site: DependencySite, _ upstream: Side, _ downstream: Side,
        _ partitions: [PartitionsDefinitionName: PartitionsDefinition]
    ) {
        guard let mapping = site.dependency.mapping else {
            checkInferredMapping(site, upstream, downstream)
            return
        }
        let location = site.mappingLocation ?? site.location
        let subject = "mapping '\(mapping.name)' of dependency '\(upstream.key)' of asset "
            + "'\(downstream.key)'"
        switch mapping {
        case .all:
            return
        case .identity:
            checkIdentity(subject, location, upstream, downstream)
        case .last:
            if upstream.definition == nil {
                report("\(subject) needs a partitioned upstream; \(upstream.phrase)", at: location)
            }
        case .timeWindow:
            for side in [upstream, downstream] where side.definition?.timeWindow == nil {
                report("\(subject) needs time-window partitions on both sides; \(side.phrase)",
                    at: location)
            }
        case .staticKeys(let keyMap):
            checkStaticMapping(subject, site, keyMap, upstream, downstream)
        case .multiToSingle(let dimension):
            checkMultiToSingle(subject, location, dimension, upstream, downstream, partitions)
        case .specific(let keys):
            checkSpecific(subject, site, keys, upstream)
        }
    }

    /// Dagster infers time-window between time windows, multi-to-single when one side is a
    /// dimension of the other, and identity otherwise; identity between different kinds of
    /// partitions would match nothing, so arco asks for an explicit mapping instead.
    private mutating func checkInferredMapping(_ site: DependencySite, _ upstream: Side,
        _ downstream: Side)
    {
        guard let up = upstream.definition, let down = downstream.definition, up.name != down.name,
            up.timeWindow == nil || down.timeWindow == nil
        else { return }
        if let multi = up.multi ?? down.multi, (up.multi == nil) != (down.multi == nil) {
            let single = up.multi == nil ? up : down
            if multi.dimensions.contains(where: { $0.partitions == single.name }) { return }
        } else if up.kindDescription == down.kindDescription {
            return
        }
        report("no partition mapping can be inferred between '\(upstream.key)' and "
            + "'\(downstream.key)': \(upstream.phrase); \(downstream.phrase)", at: site.location,
            hint: "declare one, e.g. \(upstream.key): {mapping: all}")
    }

    private mutating func checkIdentity(
        _ subject: String, _ location: SourceLocation, _ upstream: Side, _ downstream: Side
    ) {
        guard let up = upstream.definition, let down = downstream.definition else {
            let unpartitioned = upstream.definition == nil ? upstream : downstream
            report("\(subject) needs both assets partitioned; \(unpartitioned.phrase)",
                at: location)
            return
        }
        if up.name != down.name, up.kindDescription != down.kindDescription {
            report("\(subject) joins different kinds of partitions: \(upstream.phrase); "
                + "\(downstream.phrase)", at: location)
        }
    }

    private mutating func checkStaticMapping(
        _ subject: String, _ site: DependencySite, _ keyMap: [StaticKeyMapping], _ upstream: Side,
        _ downstream: Side
    ) {
        let location = site.mappingLocation ?? site.location
        guard let up = upstream.definition?.staticPartitions,
            let down = downstream.definition?.staticPartitions
        else {
            let other = upstream.definition?.staticPartitions == nil ? upstream : downstream
            report("\(subject) needs static partitions on both sides; \(other.phrase)",
                at: location)
            return
        }
        for entry in keyMap {
            checkKey(entry.upstream, in: up.keys, of: upstream, subject,
                site.keyLocations["upstream:" + entry.upstream] ?? location)
            for key in entry.downstream {
                checkKey(key, in: down.keys, of: downstream, subject,
                    site.keyLocations["downstream:" + key] ?? location)
            }
        }
    }

    private mutating func checkKey(
        _ key: String, in keys: [String], of side: Side, _ subject: String,
        _ location: SourceLocation
    ) {
        guard !keys.contains(key), let definition = side.definition else { return }
        report("key '\(key)' in \(subject) is not a key of partitions '\(definition.name)' "
            + "of '\(side.key)'", at: location, hint: NameSuggestion.hint(for: key, in: keys))
    }

    private mutating func checkMultiToSingle(
        _ subject: String, _ location: SourceLocation, _ dimensionName: String?, _ upstream: Side,
        _ downstream: Side, _ partitions: [PartitionsDefinitionName: PartitionsDefinition]
    ) {
        let multiSides = [upstream, downstream].filter { $0.definition?.multi != nil }
        guard multiSides.count == 1, let multiSide = multiSides.first,
            let multi = multiSide.definition?.multi
        else {
            report("\(subject) needs a multi definition on exactly one side; \(upstream.phrase); "
                + "\(downstream.phrase)", at: location)
            return
        }
        let singleSide = multiSide.key == upstream.key ? downstream : upstream
        guard let single = singleSide.definition else {
            report("\(subject) needs both assets partitioned; \(singleSide.phrase)", at: location)
            return
        }
        let names = multi.dimensions.map(\.name)
        let dimension: MultiPartitionDimension
        if let dimensionName {
            guard let found = multi.dimension(named: dimensionName) else {
                report("unknown dimension '\(dimensionName)' in \(subject); \(multiSide.phrase)",
                    at: location, hint: NameSuggestion.hint(for: dimensionName, in: names)
                        ?? "dimensions: \(names.joined(separator: ", "))")
                return
            }
            dimension = found
        } else {
            let matching = multi.dimensions.filter { $0.partitions == single.name }
            guard matching.count == 1, let found = matching.first else {
                report("\(subject) cannot infer which dimension of '\(multiSide.key)' matches "
                    + "\(singleSide.phrase)", at: location,
                    hint: "set 'dimension' to one of \(names.joined(separator: ", "))")
                return
            }
            dimension = found
        }
        if let dimensionDefinition = partitions[dimension.partitions],
            dimensionDefinition.kindDescription != single.kindDescription
        {
            let kind = dimensionDefinition.kindDescription
            report("\(subject) maps dimension '\(dimension.name)' (\(kind) partitions "
                + "'\(dimensionDefinition.name)') onto \(singleSide.phrase)", at: location)
        }
    }

    private mutating func checkSpecific(
        _ subject: String, _ site: DependencySite, _ keys: [String], _ upstream: Side
    ) {
        let location = site.mappingLocation ?? site.location
        guard let definition = upstream.definition else {
            report("\(subject) needs a partitioned upstream; \(upstream.phrase)", at: location)
            return
        }
        guard let staticKeys = definition.staticPartitions?.keys else { return }
        for key in keys {
            checkKey(key, in: staticKeys, of: upstream, subject,
                site.keyLocations["specific:" + key] ?? location)
        }
    }
}
