/// Cross-definition checks that need the whole file: unknown names, multi dimensions, cycles.
extension WorkspaceDecoding {
    /// Reports names that are used but not declared, suggesting the closest declared name.
    mutating func checkReferences(assets: [AssetDefinition], partitions: [PartitionsDefinition]) {
        let assetNames = assets.map(\.key.rawValue)
        let declaredAssets = Set(assetNames)
        for reference in assetReferences where !declaredAssets.contains(reference.name) {
            report("unknown asset '\(reference.name)' in \(reference.usage)",
                at: reference.location,
                hint: NameSuggestion.hint(for: reference.name, in: assetNames))
        }
        let partitionsNames = partitions.map(\.name.rawValue)
        let declaredPartitions = Set(partitionsNames)
        for reference in partitionsReferences where !declaredPartitions.contains(reference.name) {
            report("unknown partitions definition '\(reference.name)' in \(reference.usage)",
                at: reference.location,
                hint: NameSuggestion.hint(for: reference.name, in: partitionsNames))
        }
    }

    /// Checks that each multi dimension is a static, dynamic or time-window definition whose
    /// static keys, or time-window keys, can be joined into multi keys.
    mutating func checkDimensions(partitions: [PartitionsDefinition]) {
        let byName = Dictionary(partitions.map { ($0.name, $0) }) { first, _ in first }
        for site in dimensionSites {
            guard let target = byName[site.dimension.partitions],
                !brokenPartitions.contains(target.name)
            else { continue }
            let dimension =
                "dimension '\(site.dimension.name)' of partitions definition '\(site.multi)'"
            switch target.kind {
            case .multi:
                report("\(dimension) refers to multi definition '\(target.name)'",
                    at: site.location,
                    hint: "a dimension must be a static, dynamic or time-window definition")
            case .static(let definition):
                for key in definition.keys {
                    guard let character = key.first(where: { "|,[]".contains($0) }) else {
                        continue
                    }
                    report("static key '\(key)' of '\(target.name)' cannot be used in "
                        + "\(dimension): it contains '\(character)'", at: site.location,
                        hint: "multi keys are joined with '|' and listed with ',' and '[]'; "
                            + "rename the key")
                }
            case .timeWindow(let definition):
                // The format's literal text ends up in every key; strftime directives never
                // print these characters.
                if let character = definition.format.first(where: { "|,[]".contains($0) }) {
                    report("format '\(definition.format)' of '\(target.name)' cannot be used in "
                        + "\(dimension): its keys would contain '\(character)'", at: site.location,
                        hint: "multi keys are joined with '|' and listed with ',' and '[]'; "
                            + "set another fmt, e.g. fmt: \"%Y-%m-%d\"")
                }
            case .dynamic:
                break
            }
        }
    }

    /// Reports each dependency cycle once, at the dependency that closes it.
    mutating func checkCycles(_ graph: DependencyGraph) {
        for cycle in graph.cycles() {
            guard let first = cycle.first else { continue }
            let names = (cycle + [first]).map(\.rawValue).joined(separator: " -> ")
            // In data-flow order the second asset lists the first one in its deps.
            let downstream = cycle.count > 1 ? cycle[1] : first
            let site = dependencySites.first {
                $0.downstream == downstream && $0.dependency.asset == first
            }
            let hint = cycle.count == 1
                ? "an asset cannot depend on itself"
                : "remove one of these dependencies"
            report("dependency cycle: \(names)", at: site?.location, hint: hint)
        }
    }
}
