import ArcoCore

extension Engine {
    /// The partitions of a time-window definition, with definition problems as operator errors.
    func timeWindowSet(_ name: String, _ definition: TimeWindowPartitions) throws -> TimeWindowPartitionSet {
        do {
            return try TimeWindowPartitionSet(definition)
        } catch {
            throw OperatorError(
                .dataError, "partitions definition '\(name)' has no usable windows: \(error)",
                hint: "fix it in arco.yaml, then check with `arco validate`")
        }
    }

    /// Describes a time-window key, or explains why it is not one, naming the nearest keys.
    func describeTimeWindowKey(
        _ name: String, _ set: TimeWindowPartitionSet, key: String, now: Timestamp
    ) throws -> (exists: Bool, window: PartitionTimeWindow, value: CanonicalPartitionKey.Value) {
        guard let window = try? set.window(forKey: key) else {
            let nearest = set.nearestKeys(to: key, now: now)
            throw OperatorError(
                .dataError,
                "'\(key)' is not a partition of '\(name)'" + (nearest.isEmpty ? "" : "; nearest: \(nearest.joined(separator: ", "))"),
                hint: "list the keys with `arco partitions list \(name)`")
        }
        return (set.hasKey(key, now: now), window, set.canonicalValue(of: window))
    }
}
