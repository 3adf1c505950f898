/// How a backfill groups the partitions of one asset into steps.
public enum BackfillPolicy: Sendable, Hashable {
    /// One step covers the whole partition range (`ARCO_PARTITION_KEYS`).
    case singleRun
    /// Steps of at most this many partitions; 1 (the default) is one step per partition.
    case multiRun(maxPartitionsPerRun: Int)

    /// One step per partition, as in Dagster when no policy is set.
    public static let `default` = BackfillPolicy.multiRun(maxPartitionsPerRun: 1)
}
