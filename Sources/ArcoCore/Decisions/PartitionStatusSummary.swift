/// Counts of partition states and the runs of consecutive partitions sharing one, for an asset.
public struct PartitionStatusSummary: Sendable, Hashable {
    /// A run of consecutive partitions (in partition order) in the same state.
    public struct Range: Sendable, Hashable {
        public var first: String
        public var last: String
        public var state: PartitionState
        public var count: Int

        public init(first: String, last: String, state: PartitionState, count: Int) {
            self.first = first
            self.last = last
            self.state = state
            self.count = count
        }
    }

    /// How many partitions are in each state.
    public var counts: [PartitionState: Int]
    /// Consecutive partitions grouped by state, in partition order.
    public var ranges: [Range]

    /// The number of partitions summarised.
    public var total: Int { counts.values.reduce(0, +) }

    /// Summarises `keys` (in partition order) against status rows keyed by display key.
    public static func summarize(keys: [String], statusByKey: [String: PartitionStatusRow]) -> PartitionStatusSummary {
        summarize(keys: keys, stateByKey: statusByKey.mapValues { PartitionState($0) })
    }

    /// Summarises `keys` against precomputed states (missing when absent).
    public static func summarize(keys: [String], stateByKey: [String: PartitionState]) -> PartitionStatusSummary {
        walk(count: keys.count, state: { stateByKey[keys[$0]] ?? .missing }, key: { keys[$0] })
    }

    /// Counts and ranges of `count` partitions in order, naming only the partitions at range
    /// boundaries: with a large time-window set most keys are never formatted.
    static func walk(
        count: Int, state: (Int) -> PartitionState, key: (Int) -> String
    ) -> PartitionStatusSummary {
        var counts = Dictionary(uniqueKeysWithValues: PartitionState.allCases.map { ($0, 0) })
        var ranges = [Range]()
        var index = 0
        while index < count {
            let current = state(index)
            var end = index + 1
            while end < count, state(end) == current { end += 1 }
            counts[current, default: 0] += end - index
            let first = key(index)
            ranges.append(Range(first: first, last: end - 1 == index ? first : key(end - 1), state: current,
                count: end - index))
            index = end
        }
        return PartitionStatusSummary(counts: counts, ranges: ranges)
    }
}
