import ArcoCore

extension StoreTransaction {
    /// Fills the buffered writer with the rows a batch's fold will most likely read, one query
    /// per table, where the fold would read them one at a time: each first read is a round trip
    /// on PostgreSQL. Runs and their steps by the drafts' correlation ids (most events name their
    /// run so); partition statuses by the partitions of the planned, buffered and materialized
    /// steps. Hints only: a row not prefetched is still read when the fold asks for it.
    func prefetch(for drafts: [(EventDraft, EventID)], into writer: SQLProjectionWriter) throws {
        try writer.prefetchRuns(drafts.compactMap { $0.0.correlationID.map(RunID.init) })
        var pairs = [(asset: String, key: String)]()
        for (draft, _) in drafts {
            switch draft.payload {
            case .runRequested(let body):
                for step in body.steps { pairs += Self.partitionKeys(of: step).map { (step.asset, $0) } }
            case .assetMaterialized(let body):
                pairs.append((body.asset, body.canonicalPartition ?? body.partition ?? ""))
            default:
                continue
            }
        }
        try writer.prefetchPartitionStatuses(pairs)
    }

    /// The partition keys the fold will give a planned step's row (`StepRow.partitionIdentities`).
    private static func partitionKeys(of step: PlannedStep) -> [String] {
        let displays = step.partition.map { [$0] } ?? step.partitionRange
        guard !displays.isEmpty else { return [""] }
        return step.canonicalPartitions.count == displays.count ? step.canonicalPartitions : displays
    }
}
