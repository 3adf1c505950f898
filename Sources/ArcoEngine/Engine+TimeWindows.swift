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
}
