/// Decodes the `partitions:` section: name → definition.
extension WorkspaceDecoding {
    static let partitionTypes = [
        "hourly", "daily", "weekly", "monthly", "time_window", "static", "dynamic", "multi",
    ]

    /// The keys a definition of `type` accepts.
    static func partitionKeys(for type: String) -> [String] {
        let window = ["type", "start", "end", "timezone", "fmt", "end_offset", "exclusions"]
        switch type {
        case "hourly": return window + ["minute_offset"]
        case "daily": return window + ["minute_offset", "hour_offset"]
        case "weekly", "monthly": return window + ["minute_offset", "hour_offset", "day_offset"]
        case "time_window": return window + ["cron"]
        case "static": return ["type", "keys"]
        case "dynamic": return ["type"]
        case "multi": return ["type", "dimensions"]
        default:
            var all: [String] = []
            for known in partitionTypes {
                all += partitionKeys(for: known).filter { !all.contains($0) }
            }
            return all
        }
    }

    /// The keys a definition of `type` cannot do without.
    static func requiredPartitionKeys(for type: String?) -> [String] {
        switch type {
        case "hourly", "daily", "weekly", "monthly": ["type", "start"]
        case "time_window": ["type", "cron", "start", "fmt"]
        case "static": ["type", "keys"]
        case "multi": ["type", "dimensions"]
        default: ["type"]
        }
    }

    /// Hints for keys that are valid, just not for `type`.
    static func misplacedPartitionKeyHints(for type: String) -> [String: String] {
        let own = partitionKeys(for: type)
        var hints: [String: String] = [:]
        for key in partitionKeys(for: "") where !own.contains(key) {
            let owners = partitionTypes.filter { partitionKeys(for: $0).contains(key) }
            hints[key] = "'\(key)' applies only to \(owners.joined(separator: ", ")) definitions"
        }
        return hints
    }

    mutating func decodePartitionsSection(_ node: ConfigNode) -> [PartitionsDefinition] {
        guard let entries = mappingEntries(node, of: DefinitionSubject.root.child("partitions"))
        else { return [] }
        var definitions: [PartitionsDefinition] = []
        for entry in entries {
            _ = checkName(entry.key, what: "partitions definition name")
            let name = PartitionsDefinitionName(entry.key.value)
            locations.partitions[name] = entry.key.location
            guard let kind = decodePartitionsKind(entry.value, name: name) else {
                // Keep the name declared so that references to it do not read as unknown.
                brokenPartitions.insert(name)
                definitions.append(PartitionsDefinition(name: name, kind: .dynamic))
                continue
            }
            definitions.append(PartitionsDefinition(name: name, kind: kind))
        }
        return definitions
    }

    private mutating func decodePartitionsKind(
        _ node: ConfigNode, name: PartitionsDefinitionName
    ) -> PartitionsDefinition.Kind? {
        let subject = DefinitionSubject.named("partitions definition", name.rawValue)
        var type: String?
        if case .mapping(let entries, _) = node,
            let typeNode = entries.first(where: { $0.key.value == "type" })?.value
        {
            type = keyword(typeNode, subject.child("type"), among: Self.partitionTypes)
        }
        guard
            let fields = fields(node, of: subject, allowed: Self.partitionKeys(for: type ?? ""),
                required: Self.requiredPartitionKeys(for: type),
                misplaced: type.map(Self.misplacedPartitionKeyHints) ?? [:]),
            let type
        else { return nil }
        switch type {
        case "static": return .static(decodeStaticPartitions(fields))
        case "dynamic": return .dynamic
        case "multi": return .multi(decodeMultiPartitions(fields, name: name))
        default: return decodeTimeWindow(fields, type: type).map { .timeWindow($0) }
        }
    }

    private mutating func decodeStaticPartitions(_ fields: ConfigFields) -> StaticPartitions {
        guard let node = fields["keys"], let items = scalarList(node, fields.subject("keys")) else {
            return StaticPartitions(keys: [])
        }
        // An empty list is valid, as in Dagster: an asset whose partitions are not known yet.
        if items.count > Limits.partitionsPerDefinitionMax {
            report("\(fields.subject("keys")) lists \(items.count) keys, more than the limit of "
                + "\(Limits.partitionsPerDefinitionMax)", at: node.location,
                hint: "split the definition, or use a dynamic one (`type: dynamic`)")
        }
        var seen: Set<String> = []
        var keys: [String] = []
        for item in items {
            checkPartitionKey(item, of: fields.subject)
            if !seen.insert(item.value).inserted {
                report("duplicate partition key '\(item.value)' in \(fields.subject)",
                    at: item.location, hint: "partition keys must be unique")
            }
            keys.append(item.value)
        }
        return StaticPartitions(keys: keys)
    }

    /// Applies Dagster's rules for any partition key: not empty, no `...`, no control characters.
    private mutating func checkPartitionKey(_ key: ConfigScalar, of subject: DefinitionSubject) {
        let shown = NameRules.printable(key.value)
        if key.value.isEmpty {
            report("empty partition key in \(subject)", at: key.location)
        } else if key.value.contains("...") {
            report("partition key '\(shown)' of \(subject) contains '...'", at: key.location,
                hint: "'...' is reserved for key ranges such as '2024-01-01...2024-01-31'")
        } else if NameRules.containsControlCharacter(key.value) {
            report("partition key '\(shown)' of \(subject) contains a control character",
                at: key.location)
        }
    }

    private mutating func decodeMultiPartitions(
        _ fields: ConfigFields, name: PartitionsDefinitionName
    ) -> MultiPartitions {
        let subject = fields.subject("dimensions")
        guard let node = fields["dimensions"], let entries = mappingEntries(node, of: subject)
        else {
            return MultiPartitions(dimensions: [])
        }
        if entries.count < 2 {
            report("multi partitions definition '\(name)' has \(entries.count) dimension"
                + (entries.count == 1 ? "" : "s") + "; it needs at least 2", at: node.location,
                hint: "use the other definition directly, or add a dimension")
        }
        var dimensions: [MultiPartitionDimension] = []
        for entry in entries {
            let dimensionName = entry.key.value
            _ = checkName(entry.key, what: "dimension name")
            guard let target = string(entry.value, subject.child(dimensionName)) else { continue }
            let dimension = MultiPartitionDimension(
                name: dimensionName, partitions: PartitionsDefinitionName(target))
            dimensions.append(dimension)
            partitionsReferences.append(DefinitionReference(name: target,
                location: entry.value.location,
                usage: "dimension '\(dimensionName)' of partitions definition '\(name)'"))
            dimensionSites.append(DimensionSite(multi: name, dimension: dimension,
                location: entry.value.location))
        }
        return MultiPartitions(dimensions: dimensions)
    }
}
