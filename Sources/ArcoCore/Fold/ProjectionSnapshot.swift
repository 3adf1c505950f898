/// Every projection row in a canonical order: what "incremental equals rebuilt" compares.
public struct ProjectionSnapshot: Sendable, Hashable {
    public var meta: ProjectionMeta
    public var runs: [RunRow]
    public var steps: [StepRow]
    public var runKeys: [RunKeyRow]
    public var runKeyConflicts: [RunKeyConflictRow]
    public var dynamicPartitions: [DynamicPartitionRow]
    public var dynamicPartitionVersions: [String: Int64]
    public var appliedKeys: [AppliedKeyRow]
    public var rejections: [FoldRejectionRow]
    public var materializations: [MaterializationRow]
    public var partitionStatuses: [PartitionStatusRow]
    public var backfills: [BackfillRow]
    public var backfillPartitions: [BackfillPartitionRow]
    public var scheduleStates: [ScheduleStateRow]
    public var scheduleTicks: [ScheduleTickRow]
    public var sensorStates: [SensorStateRow]
    public var sensorEvals: [SensorEvalRow]

    /// Creates a snapshot, sorting every table by its primary key.
    public init(
        meta: ProjectionMeta, runs: [RunRow], steps: [StepRow], runKeys: [RunKeyRow],
        runKeyConflicts: [RunKeyConflictRow], dynamicPartitions: [DynamicPartitionRow],
        dynamicPartitionVersions: [String: Int64], appliedKeys: [AppliedKeyRow], rejections: [FoldRejectionRow],
        materializations: [MaterializationRow], partitionStatuses: [PartitionStatusRow], backfills: [BackfillRow] = [],
        backfillPartitions: [BackfillPartitionRow] = [], scheduleStates: [ScheduleStateRow] = [],
        scheduleTicks: [ScheduleTickRow] = [], sensorStates: [SensorStateRow] = [], sensorEvals: [SensorEvalRow] = []
    ) {
        self.sensorStates = sensorStates.sorted { $0.sensor < $1.sensor }
        self.sensorEvals = sensorEvals.sorted { $0.evalID < $1.evalID }
        self.scheduleStates = scheduleStates.sorted { $0.schedule < $1.schedule }
        self.scheduleTicks = scheduleTicks.sorted { $0.tickID < $1.tickID }
        self.backfills = backfills.sorted { $0.backfillID < $1.backfillID }
        self.backfillPartitions = backfillPartitions.sorted { ($0.backfillID, $0.position) < ($1.backfillID, $1.position) }
        self.materializations = materializations.sorted { $0.seq < $1.seq }
        self.partitionStatuses = partitionStatuses.sorted { ($0.asset, $0.partitionKey) < ($1.asset, $1.partitionKey) }
        self.meta = meta
        self.runs = runs.sorted { $0.runID < $1.runID }
        self.steps = steps.sorted { ($0.runID, $0.stepKey) < ($1.runID, $1.stepKey) }
        self.runKeys = runKeys.sorted { $0.runKey < $1.runKey }
        self.runKeyConflicts = runKeyConflicts.sorted { ($0.runKey, $0.seq) < ($1.runKey, $1.seq) }
        self.dynamicPartitions = dynamicPartitions.sorted {
            ($0.partitionsDef, $0.key) < ($1.partitionsDef, $1.key)
        }
        self.dynamicPartitionVersions = dynamicPartitionVersions
        self.appliedKeys = appliedKeys.sorted { $0.idempotencyKey < $1.idempotencyKey }
        self.rejections = rejections.sorted { $0.seq < $1.seq }
    }

    /// The snapshot with ledger positions removed, for comparing folds of the same events in a
    /// different order or with duplicates interleaved.
    public var withoutPositions: ProjectionSnapshot {
        var copy = self
        copy.meta.appliedSeq = 0
        copy.meta.appliedHash = ""
        copy.runs = runs.map { var row = $0; row.requestedSeq = 0; return row }
        copy.runKeys = runKeys.map { var row = $0; row.seq = 0; return row }
        copy.runKeyConflicts = runKeyConflicts.map { var row = $0; row.seq = 0; return row }
        copy.dynamicPartitions = dynamicPartitions.map { var row = $0; row.addedSeq = 0; return row }
        copy.appliedKeys = appliedKeys.map { var row = $0; row.seq = 0; return row }
        copy.rejections = rejections.map { var row = $0; row.seq = 0; return row }.sorted {
            $0.idempotencyKey < $1.idempotencyKey
        }
        copy.materializations = materializations.map { var row = $0; row.seq = 0; return row }.sorted {
            ($0.asset, $0.partitionKey, $0.dataVersion) < ($1.asset, $1.partitionKey, $1.dataVersion)
        }
        copy.partitionStatuses = partitionStatuses.map { var row = $0; row.lastMaterializationSeq = nil; return row }
        copy.backfills = backfills.map { var row = $0; row.createdSeq = 0; return row }
        copy.sensorStates = sensorStates.map { var row = $0; row.position = 0; return row }
        copy.sensorEvals = sensorEvals.map { var row = $0; row.seq = 0; return row }
        return copy
    }
}
