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
}

extension Engine {
    /// Describes one key of a static, dynamic or multi (non-time) definition.
    ///
    /// Multi keys are accepted in display form (`a|b`, dimensions in name order) or as
    /// `dim=value,dim=value` in any order.
    public func describePartition(_ name: String, key: String) throws -> PartitionKeyReport {
        let definitions = try loadDefinitions()
        guard let definition = definitions.partitionsDefinition(PartitionsDefinitionName(name)) else {
            throw Self.unknownDefinition(name, definitions)
        }
        switch definition.kind {
        case .static, .dynamic:
            let exists = try partitionKeys(name).contains(key)
            return PartitionKeyReport(key: key, exists: exists, canonical: CanonicalPartitionKey(single: .string(key)))
        case .multi(let multi):
            let values = try Self.multiValues(key, multi, definition: name)
            var exists = true
            var segments = [(dimension: String, value: CanonicalPartitionKey.Value)]()
            for (dimension, value) in zip(multi.dimensions, values) {
                if dimensionIsTimeWindow(dimension, definitions) {
                    throw Self.timeWindowsUnavailable(name)
                }
                exists = try exists && partitionKeys(dimension.partitions.rawValue).contains(value)
                segments.append((dimension.name, .string(value)))
            }
            let canonical = try Self.canonical(segments)
            return PartitionKeyReport(key: values.joined(separator: "|"), exists: exists, canonical: canonical)
        case .timeWindow:
            throw Self.timeWindowsUnavailable(name)
        }
    }

    private func dimensionIsTimeWindow(_ dimension: MultiPartitionDimension, _ definitions: WorkspaceDefinitions) -> Bool {
        definitions.partitionsDefinition(dimension.partitions)?.timeWindow != nil
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

    static func timeWindowsUnavailable(_ name: String) -> OperatorError {
        OperatorError(
            .usage, "time-window keys of '\(name)' are not available in this build",
            hint: "static, dynamic and multi definitions without a time dimension work; see `arco partitions list --help`")
    }
}
