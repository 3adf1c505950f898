/// Why a run could not be planned. Each case names the asset and partition involved, so the
/// operator sees what to change.
public enum PlanningError: Error, Sendable, Hashable {
    /// A partitioned asset was selected without `--partition` or `--partition-range`.
    case partitionRequired(asset: String, example: String?)
    /// The requested key is not a partition of the asset, and no selected upstream maps to one.
    case notAPartition(key: String, asset: String, nearest: [String])
    /// The range's end comes before its start in the asset's partition order.
    case reversedRange(from: String, to: String, asset: String)
    /// `--partition` was given but nothing selected is partitioned.
    case nothingPartitioned(key: String)
    /// A partition mapping could not be applied between two selected assets.
    case mapping(asset: String, upstream: String, reason: String)
}
