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
