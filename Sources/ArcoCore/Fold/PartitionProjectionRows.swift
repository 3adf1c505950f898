/// A row of `materializations`: one materialization of an asset partition, in ledger order.
public struct MaterializationRow: Sendable, Hashable {
    public var seq: Int64
    public var asset: String
    /// The partition's identity: its canonical key, its display key when no canonical key was
    /// recorded, or "" for an unpartitioned asset.
    public var partitionKey: String
    public var partition: String?
    public var runID: RunID?
    public var stepKey: StepKey?
    public var attempt: Int64?
    public var codeVersion: String?
    public var dataVersion: String
    /// The upstream data versions consumed, as canonical JSON.
    public var consumed: String
    public var materializedAt: Timestamp

    /// Creates a row.
    public init(
        seq: Int64, asset: String, partitionKey: String, partition: String?, runID: RunID?, stepKey: StepKey?,
        attempt: Int64?, codeVersion: String?, dataVersion: String, consumed: String, materializedAt: Timestamp
    ) {
        self.seq = seq
        self.asset = asset
        self.partitionKey = partitionKey
        self.partition = partition
        self.runID = runID
        self.stepKey = stepKey
        self.attempt = attempt
        self.codeVersion = codeVersion
        self.dataVersion = dataVersion
        self.consumed = consumed
        self.materializedAt = materializedAt
    }
}

/// A row of `partition_status`: the latest materialization and attempt of one asset partition.
public struct PartitionStatusRow: Sendable, Hashable {
    public var asset: String
    /// The identity, as in `MaterializationRow.partitionKey`.
    public var partitionKey: String
    public var partition: String?
    public var lastMaterializationSeq: Int64?
    public var lastMaterializedAt: Timestamp?
    public var lastMaterializationRunID: RunID?
    public var dataVersion: String?
    public var codeVersion: String?
    public var lastAttemptRunID: RunID?
    /// How the last attempt ended; `nil` while it runs or before any attempt.
    public var lastAttemptOutcome: StepOutcome?
    public var lastAttemptAt: Timestamp?
    /// The run whose step is materializing the partition now.
    public var inProgressRunID: RunID?
    /// When `dataVersion` first appeared: the earliest of the consecutive materializations that
    /// produced it (a re-materialization with the same version keeps it).
    public var dataVersionSince: Timestamp?

    /// A partition nothing has happened to yet.
    public init(asset: String, partitionKey: String, partition: String?) {
        self.asset = asset
        self.partitionKey = partitionKey
        self.partition = partition
    }
}

extension StepRow {
    /// The partitions the step covers, as (identity, display key) pairs; one `("", nil)` pair
    /// for an unpartitioned asset.
    public var partitionIdentities: [(key: String, display: String?)] {
        let displays = partition.map { [$0] } ?? partitionRange
        guard !displays.isEmpty else { return [("", nil)] }
        let keys = canonicalPartitions.count == displays.count ? canonicalPartitions : displays
        return zip(keys, displays).map { ($0, $1) }
    }
}
