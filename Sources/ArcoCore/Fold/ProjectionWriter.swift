/// The projection storage the fold reads and writes through.
///
/// Two implementations pass one conformance suite: SQLite tables (`ArcoStore`) and
/// `InMemoryProjections` (tests and simulations). The fold itself stays pure: all state lives
/// behind this protocol and every input comes from the event.
public protocol ProjectionWriter: AnyObject {
    /// Whether every event this writer is given has a key never folded before. The SQLite store
    /// guarantees it: the ledger's UNIQUE index admits each key once and rows fold in `seq` order,
    /// so the fold skips its own lookup (which on SQLite would scan `applied_keys`, deliberately
    /// unindexed by key; see docs/benchmarks.md).
    var keysAreUniqueByConstruction: Bool { get }

    func appliedKey(_ key: IdempotencyKey) throws -> AppliedKeyRow?
    func insertAppliedKey(_ row: AppliedKeyRow) throws
    func insertRejection(_ row: FoldRejectionRow) throws

    func run(_ id: RunID) throws -> RunRow?
    func upsertRun(_ row: RunRow) throws
    func step(_ run: RunID, _ key: StepKey) throws -> StepRow?
    func steps(of run: RunID) throws -> [StepRow]
    func upsertStep(_ row: StepRow) throws

    func runKey(_ key: RunKey) throws -> RunKeyRow?
    func insertRunKey(_ row: RunKeyRow) throws
    func insertRunKeyConflict(_ row: RunKeyConflictRow) throws

    func insertMaterialization(_ row: MaterializationRow) throws
    func partitionStatus(_ asset: String, _ partitionKey: String) throws -> PartitionStatusRow?
    func upsertPartitionStatus(_ row: PartitionStatusRow) throws

    func backfill(_ id: BackfillID) throws -> BackfillRow?
    func upsertBackfill(_ row: BackfillRow) throws
    func backfillPartition(_ id: BackfillID, asset: String, partition: String?) throws -> BackfillPartitionRow?
    func insertBackfillPartition(_ row: BackfillPartitionRow) throws
    func upsertBackfillPartition(_ row: BackfillPartitionRow) throws

    func dynamicPartitionsVersion(_ partitionsDef: String) throws -> Int64
    func setDynamicPartitionsVersion(_ partitionsDef: String, _ version: Int64) throws
    func hasDynamicPartition(_ partitionsDef: String, _ key: String) throws -> Bool
    func insertDynamicPartition(_ row: DynamicPartitionRow) throws
    func deleteDynamicPartition(_ partitionsDef: String, _ key: String) throws

    func scheduleState(_ schedule: String) throws -> ScheduleStateRow?
    func upsertScheduleState(_ row: ScheduleStateRow) throws
    func insertScheduleTick(_ row: ScheduleTickRow) throws

    func sensorState(_ sensor: String) throws -> SensorStateRow?
    func upsertSensorState(_ row: SensorStateRow) throws
    func sensorEval(_ evalID: String) throws -> SensorEvalRow?
    func insertSensorEval(_ row: SensorEvalRow) throws
}

extension ProjectionWriter {
    public var keysAreUniqueByConstruction: Bool { false }
}
