/// Projections held in memory: the fold's second writer, used by tests and simulations.
///
/// It must behave exactly like the SQLite tables; the store conformance suite checks both.
public final class InMemoryProjections: ProjectionWriter {
    /// The meta row, kept by callers as the SQLite store keeps `projection_meta`.
    public var meta = ProjectionMeta.empty
    private var runs = [RunID: RunRow]()
    private var steps = [RunID: [StepKey: StepRow]]()
    private var runKeys = [RunKey: RunKeyRow]()
    private var conflicts = [RunKeyConflictRow]()
    private var dynamicPartitions = [String: [String: DynamicPartitionRow]]()
    private var dynamicVersions = [String: Int64]()
    private var appliedKeys = [IdempotencyKey: AppliedKeyRow]()
    private var rejections = [FoldRejectionRow]()
    private var materializations = [MaterializationRow]()
    private var statuses = [String: [String: PartitionStatusRow]]()
    private var backfills = [BackfillID: BackfillRow]()
    private var backfillPartitions = [BackfillID: [String: BackfillPartitionRow]]()
    /// Schedule rows by schedule name and by tick id.
    public private(set) var scheduleStates = [String: ScheduleStateRow]()
    public private(set) var scheduleTicks = [String: ScheduleTickRow]()
    /// Sensor rows, readable by tests (not part of `snapshot()` either).
    public private(set) var sensorStates = [String: SensorStateRow]()
    public private(set) var sensorEvals = [String: SensorEvalRow]()

    /// Creates empty projections.
    public init() {}

    /// Folds events in order, as the store does within one transaction.
    @discardableResult
    public func fold(_ events: [Event]) throws -> [FoldOutcome] {
        var outcomes = [FoldOutcome]()
        for event in events { outcomes.append(try Fold.apply(event, to: self, meta: &meta)) }
        return outcomes
    }

    /// Every row, canonically ordered.
    public func snapshot() -> ProjectionSnapshot {
        ProjectionSnapshot(
            meta: meta, runs: Array(runs.values), steps: steps.values.flatMap(\.values),
            runKeys: Array(runKeys.values), runKeyConflicts: conflicts,
            dynamicPartitions: dynamicPartitions.values.flatMap(\.values), dynamicPartitionVersions: dynamicVersions,
            appliedKeys: Array(appliedKeys.values), rejections: rejections, materializations: materializations,
            partitionStatuses: statuses.values.flatMap(\.values), backfills: Array(backfills.values),
            backfillPartitions: backfillPartitions.values.flatMap(\.values),
            scheduleStates: Array(scheduleStates.values), scheduleTicks: Array(scheduleTicks.values),
            sensorStates: Array(sensorStates.values), sensorEvals: Array(sensorEvals.values))
    }

    public func appliedKey(_ key: IdempotencyKey) -> AppliedKeyRow? { appliedKeys[key] }
    public func insertAppliedKey(_ row: AppliedKeyRow) { appliedKeys[row.idempotencyKey] = row }
    public func insertRejection(_ row: FoldRejectionRow) { rejections.append(row) }

    public func run(_ id: RunID) -> RunRow? { runs[id] }
    public func upsertRun(_ row: RunRow) { runs[row.runID] = row }
    public func step(_ run: RunID, _ key: StepKey) -> StepRow? { steps[run]?[key] }
    public func steps(of run: RunID) -> [StepRow] {
        (steps[run].map { Array($0.values) } ?? []).sorted { $0.position < $1.position }
    }
    public func upsertStep(_ row: StepRow) { steps[row.runID, default: [:]][row.stepKey] = row }

    public func runKey(_ key: RunKey) -> RunKeyRow? { runKeys[key] }
    public func insertRunKey(_ row: RunKeyRow) { runKeys[row.runKey] = row }
    public func insertRunKeyConflict(_ row: RunKeyConflictRow) { conflicts.append(row) }

    public func insertMaterialization(_ row: MaterializationRow) { materializations.append(row) }
    public func partitionStatus(_ asset: String, _ partitionKey: String) -> PartitionStatusRow? {
        statuses[asset]?[partitionKey]
    }
    public func upsertPartitionStatus(_ row: PartitionStatusRow) { statuses[row.asset, default: [:]][row.partitionKey] = row }

    public func backfill(_ id: BackfillID) -> BackfillRow? { backfills[id] }
    public func upsertBackfill(_ row: BackfillRow) { backfills[row.backfillID] = row }
    public func backfillPartition(_ id: BackfillID, asset: String, partition: String?) -> BackfillPartitionRow? {
        backfillPartitions[id]?[Self.target(asset, partition)]
    }
    public func insertBackfillPartition(_ row: BackfillPartitionRow) { upsertBackfillPartition(row) }
    public func upsertBackfillPartition(_ row: BackfillPartitionRow) {
        backfillPartitions[row.backfillID, default: [:]][Self.target(row.asset, row.partition)] = row
    }
    private static func target(_ asset: String, _ partition: String?) -> String { asset + "\u{0}" + (partition ?? "") }

    public func dynamicPartitionsVersion(_ partitionsDef: String) -> Int64 { dynamicVersions[partitionsDef] ?? 0 }
    public func setDynamicPartitionsVersion(_ partitionsDef: String, _ version: Int64) {
        dynamicVersions[partitionsDef] = version
    }
    public func hasDynamicPartition(_ partitionsDef: String, _ key: String) -> Bool {
        dynamicPartitions[partitionsDef]?[key] != nil
    }
    public func insertDynamicPartition(_ row: DynamicPartitionRow) {
        dynamicPartitions[row.partitionsDef, default: [:]][row.key] = row
    }
    public func deleteDynamicPartition(_ partitionsDef: String, _ key: String) {
        dynamicPartitions[partitionsDef]?[key] = nil
    }

    public func scheduleState(_ schedule: String) -> ScheduleStateRow? { scheduleStates[schedule] }
    public func upsertScheduleState(_ row: ScheduleStateRow) { scheduleStates[row.schedule] = row }
    public func insertScheduleTick(_ row: ScheduleTickRow) { scheduleTicks[row.tickID] = row }

    public func sensorState(_ sensor: String) -> SensorStateRow? { sensorStates[sensor] }
    public func upsertSensorState(_ row: SensorStateRow) { sensorStates[row.sensor] = row }
    public func sensorEval(_ evalID: String) -> SensorEvalRow? { sensorEvals[evalID] }
    public func insertSensorEval(_ row: SensorEvalRow) { sensorEvals[row.evalID] = row }
}
