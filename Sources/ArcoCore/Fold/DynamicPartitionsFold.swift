/// Folds `DynamicPartitionsChanged` into `dynamic_partitions`.
///
/// Adding a present key and removing a missing one are no-ops (Dagster's behaviour); the change
/// must carry the next state version, so two racing changes cannot both apply.
enum DynamicPartitionsFold {
    static func changed(_ body: DynamicPartitionsChanged, seq: Int64, _ writer: some ProjectionWriter) throws
        -> FoldOutcome
    {
        let current = try writer.dynamicPartitionsVersion(body.partitionsDef)
        guard body.stateVersion == current + 1 else {
            return .rejected(
                "dynamic partitions '\(body.partitionsDef)' are at version \(current), not \(body.stateVersion - 1)")
        }
        for key in body.added where try !writer.hasDynamicPartition(body.partitionsDef, key) {
            try writer.insertDynamicPartition(DynamicPartitionRow(partitionsDef: body.partitionsDef, key: key, addedSeq: seq))
        }
        for key in body.removed {
            try writer.deleteDynamicPartition(body.partitionsDef, key)
        }
        try writer.setDynamicPartitionsVersion(body.partitionsDef, body.stateVersion)
        return .applied
    }
}
