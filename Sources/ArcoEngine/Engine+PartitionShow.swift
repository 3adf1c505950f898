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
        try Self.checkTypedPartitionKeys([key], option: "partition key")
        let now = now ?? environment.clock.now()
        let definitions = try loadDefinitions()
        let set = try partitionSet(name, in: definitions, now: now)
        var displayKey = key
        if case .multi = set, let multi = definitions.partitionsDefinition(PartitionsDefinitionName(name))?.multi {
            displayKey = try Self.multiValues(key, multi, definition: name).joined(separator: "|")
        }
        guard let canonical = set.canonicalKey(for: displayKey) else {
            throw invalidKey(displayKey, of: name, set: set, now: now)
        }
        return PartitionKeyReport(
            key: displayKey, exists: set.hasKey(displayKey, now: now), canonical: canonical,
            window: set.window(forKey: displayKey))
    }

    /// Names the nearest keys of a time-window set (they sort chronologically).
    private func invalidKey(_ key: String, of name: String, set: PartitionSet, now: Timestamp) -> OperatorError {
        var nearest = [String]()
        if case .timeWindow(let timeWindows) = set { nearest = timeWindows.nearestKeys(to: key, now: now) }
        return OperatorError(
            .dataError,
            "'\(key)' is not a partition of '\(name)'" + (nearest.isEmpty ? "" : "; nearest: \(nearest.joined(separator: ", "))"),
            hint: "list the keys with `arco partitions list \(name)`")
    }

    /// Splits a multi key given as `a|b` (name order) or `dim=value,…` (any order).
    static func multiValues(_ key: String, _ multi: MultiPartitions, definition: String) throws -> [String] {
        let names = multi.dimensions.map(\.name)
        let parts = key.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        // The display form wins when it fits: a static key may itself contain `=`.
        if parts.count == names.count { return parts }
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
        throw badMultiKey(key, definition: definition, names: names)
    }

    static func badMultiKey(_ key: String, definition: String, names: [String]) -> OperatorError {
        OperatorError(
            .dataError, "'\(key)' is not a key of multi definition '\(definition)'",
            hint: "give one value per dimension: `\(names.joined(separator: "|"))` or `\(names.map { "\($0)=…" }.joined(separator: ","))`")
    }
}
