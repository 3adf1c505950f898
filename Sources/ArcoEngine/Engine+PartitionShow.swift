import ArcoCore
import ArcoStore

/// One partition key as `arco partitions show` reports it.
public struct PartitionKeyReport: Sendable {
    /// The display key as given (multi keys normalised to `a|b` order).
    public var key: String
    /// Whether the definition currently has this key.
    public var exists: Bool
    /// The canonical identity (ADR 0007).
    public var canonical: CanonicalPartitionKey
    /// The time window (of the time dimension, for a multi key), if there is one.
    public var window: PartitionTimeWindow?
}

extension Engine {
    /// Describes one key of a partitions definition.
    ///
    /// Multi keys are accepted in display form (`a|b`, dimensions in name order) or as
    /// `dim=value,dim=value` in any order. A key that cannot name a partition (`2024-02-30` of a
    /// daily definition) is an error naming the nearest keys; a well-formed key outside the range
    /// is reported with `exists: false`.
    public func describePartition(_ name: String, key: String, now: Timestamp? = nil) throws -> PartitionKeyReport {
        let now = now ?? environment.clock.now()
        let definitions = try loadDefinitions()
        guard let definition = definitions.partitionsDefinition(PartitionsDefinitionName(name)) else {
            throw Self.unknownDefinition(name, definitions)
        }
        switch definition.kind {
        case .static, .dynamic:
            let exists = try partitionKeys(name).contains(key)
            return PartitionKeyReport(key: key, exists: exists, canonical: CanonicalPartitionKey(single: .string(key)))
        case .timeWindow(let timeWindow):
            let set = try timeWindowSet(name, timeWindow)
            let described = try describeTimeWindowKey(name, set, key: key, now: now)
            return PartitionKeyReport(
                key: key, exists: described.exists, canonical: CanonicalPartitionKey(single: described.value),
                window: described.window)
        case .multi(let multi):
            return try describeMultiKey(name, multi, key: key, definitions: definitions, now: now)
        }
    }

    private func describeMultiKey(
        _ name: String, _ multi: MultiPartitions, key: String, definitions: WorkspaceDefinitions, now: Timestamp
    ) throws -> PartitionKeyReport {
        let values = try Self.multiValues(key, multi, definition: name)
        var exists = true
        var window: PartitionTimeWindow?
        var segments = [(dimension: String, value: CanonicalPartitionKey.Value)]()
        for (dimension, value) in zip(multi.dimensions, values) {
            let dimensionName = dimension.partitions.rawValue
            if let timeWindow = definitions.partitionsDefinition(dimension.partitions)?.timeWindow {
                let described = try describeTimeWindowKey(dimensionName, try timeWindowSet(dimensionName, timeWindow), key: value, now: now)
                exists = exists && described.exists
                window = described.window
                segments.append((dimension.name, described.value))
            } else {
                exists = try exists && partitionKeys(dimensionName).contains(value)
                segments.append((dimension.name, .string(value)))
            }
        }
        let canonical = try Self.canonical(segments)
        return PartitionKeyReport(key: values.joined(separator: "|"), exists: exists, canonical: canonical, window: window)
    }

    /// Splits a multi key given as `a|b` (name order) or `dim=value,…` (any order).
    static func multiValues(_ key: String, _ multi: MultiPartitions, definition: String) throws -> [String] {
        let names = multi.dimensions.map(\.name)
        if key.contains("=") {
            var byName = [String: String]()
            for part in key.split(separator: ",", omittingEmptySubsequences: false) {
                guard let equals = part.firstIndex(of: "="), names.contains(String(part[..<equals])),
                    byName.updateValue(String(part[part.index(after: equals)...]), forKey: String(part[..<equals])) == nil
                else { throw badMultiKey(key, definition: definition, names: names) }
            }
            guard byName.count == names.count else { throw badMultiKey(key, definition: definition, names: names) }
            return names.compactMap { byName[$0] }
        }
        let parts = key.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == names.count else { throw badMultiKey(key, definition: definition, names: names) }
        return parts
    }

    static func badMultiKey(_ key: String, definition: String, names: [String]) -> OperatorError {
        OperatorError(
            .dataError, "'\(key)' is not a key of multi definition '\(definition)'",
            hint: "give one value per dimension: `\(names.joined(separator: "|"))` or `\(names.map { "\($0)=…" }.joined(separator: ","))`")
    }

    static func canonical(_ segments: [(dimension: String, value: CanonicalPartitionKey.Value)]) throws
        -> CanonicalPartitionKey
    {
        do {
            return try CanonicalPartitionKey(segments)
        } catch {
            throw OperatorError(.dataError, "cannot form a canonical key: \(error)", hint: "check the dimension names in arco.yaml")
        }
    }
}
