/// One word for an asset's partitions as a whole, for pictures of the asset graph: the most
/// pressing state wins, as in the health bar.
public enum AssetHealth: String, Sendable, Hashable, CaseIterable {
    /// Some partition's last attempt failed.
    case failed = "FAILED"
    /// Some partition is being materialized.
    case inProgress = "IN_PROGRESS"
    /// Nothing materialized yet.
    case missing = "MISSING"
    /// Some partitions materialized, some not.
    case partial = "PARTIAL"
    /// Every partition materialized.
    case materialized = "MATERIALIZED"

    /// The health of partitions with these state counts.
    public init(counts: [PartitionState: Int]) {
        let materialized = counts[.materialized] ?? 0
        if counts[.failed] ?? 0 > 0 {
            self = .failed
        } else if counts[.inProgress] ?? 0 > 0 {
            self = .inProgress
        } else if materialized == 0 {
            self = .missing
        } else {
            self = counts[.missing] ?? 0 > 0 ? .partial : .materialized
        }
    }
}
