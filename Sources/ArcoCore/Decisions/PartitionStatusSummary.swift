/// What `arco asset show` reports for each partition.
public enum PartitionState: String, Sendable, Hashable, CaseIterable {
    case materialized = "MATERIALIZED"
    case failed = "FAILED"
    case inProgress = "IN_PROGRESS"
    case missing = "MISSING"

    /// The state of one partition from its status row (nil: nothing ever happened to it).
    ///
    /// In progress wins; then a failed attempt newer than the last materialization; then the last
    /// materialization. A canceled attempt changes nothing: it neither made nor broke data.
    public init(_ row: PartitionStatusRow?) {
        guard let row else {
            self = .missing
            return
        }
        if row.inProgressRunID != nil {
            self = .inProgress
        } else if row.lastAttemptOutcome == .failed,
            row.lastMaterializedAt.map({ at in row.lastAttemptAt.map { $0 > at } ?? false }) ?? true
        {
            self = .failed
        } else if row.lastMaterializationSeq != nil {
            self = .materialized
        } else {
            self = .missing
        }
    }
}

/// Counts of partition states and the runs of consecutive partitions sharing one, for an asset.
public struct PartitionStatusSummary: Sendable, Hashable {
    /// A run of consecutive partitions (in partition order) in the same state.
    public struct Range: Sendable, Hashable {
        public var first: String
        public var last: String
        public var state: PartitionState
        public var count: Int
    }

    /// How many partitions are in each state.
    public var counts: [PartitionState: Int]
    /// Consecutive partitions grouped by state, in partition order.
    public var ranges: [Range]

    /// Summarises `keys` (in partition order) against status rows keyed by display key, in one
    /// pass over the keys and one dictionary lookup each.
    public static func summarize(keys: [String], statusByKey: [String: PartitionStatusRow]) -> PartitionStatusSummary {
        summarize(keys: keys, stateByKey: statusByKey.mapValues { PartitionState($0) })
    }

    /// Summarises `keys` against precomputed states (missing when absent).
    public static func summarize(keys: [String], stateByKey: [String: PartitionState]) -> PartitionStatusSummary {
        var counts = Dictionary(uniqueKeysWithValues: PartitionState.allCases.map { ($0, 0) })
        var ranges = [Range]()
        for key in keys {
            let state = stateByKey[key] ?? .missing
            counts[state, default: 0] += 1
            if let last = ranges.last, last.state == state {
                ranges[ranges.count - 1].last = key
                ranges[ranges.count - 1].count += 1
            } else {
                ranges.append(Range(first: key, last: key, state: state, count: 1))
            }
        }
        return PartitionStatusSummary(counts: counts, ranges: ranges)
    }
}
