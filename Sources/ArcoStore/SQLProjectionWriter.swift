import ArcoCore

/// The fold's SQL writer: projection tables in one schema (`main`, or `rebuild` while a
/// rebuild folds into scratch tables), used only inside a write transaction, on either store.
///
/// With `buffered`, run and step rows are kept in memory for the writer's lifetime and written
/// back by `flush()`: a batch of events touches each run's row several times, and reading and
/// rewriting it through SQL every time cost more than the rest of the fold. A buffered writer
/// must be flushed before its transaction reads those tables through SQL or commits.
///
/// Writes go through `executeDeferred`: on PostgreSQL they are sent batched, before anything
/// that could read them (docs/adr/0023-postgres-store.md, "Batched writes").
final class SQLProjectionWriter: ProjectionWriter {
    let session: any SQLSession
    private let sql: ProjectionSQL
    /// The schema the tables live in (`main` or `rebuild`).
    let schema: String
    private let buffered: Bool
    private var runs = [RunID: RunRow?]()
    private var dirtyRuns = Set<RunID>()
    private var steps = [RunID: [StepKey: StepRow]]()
    private var completeSteps = Set<RunID>()
    private var dirtySteps = [RunID: Set<StepKey>]()
    private var statuses = [String: PartitionStatusRow?]()
    private var dirtyStatuses = Set<String>()

    init(_ session: any SQLSession, schema: String = "main", buffered: Bool = false) {
        self.session = session
        self.sql = ProjectionSQL.forSchema(schema)
        self.schema = schema
        self.buffered = buffered
    }

    /// The ledger's UNIQUE index admits each key once, and the store folds rows in order.
    var keysAreUniqueByConstruction: Bool { true }

    /// Writes buffered run and step rows back to their tables.
    func flush() throws {
        guard buffered else { return }
        for id in dirtyRuns.sorted() {
            if let row = runs[id] ?? nil { try writeRun(row) }
        }
        for (run, keys) in dirtySteps.sorted(by: { $0.key < $1.key }) {
            for key in keys.sorted() {
                if let row = steps[run]?[key] { try writeStep(row) }
            }
        }
        for id in dirtyStatuses.sorted() {
            if let row = statuses[id] ?? nil { try writeStatus(row) }
        }
        // Dropping the buffers bounds memory on long folds (import, rebuild); later reads go to the
        // tables, which now hold everything.
        runs.removeAll(keepingCapacity: true)
        steps.removeAll(keepingCapacity: true)
        completeSteps.removeAll(keepingCapacity: true)
        dirtyRuns.removeAll(keepingCapacity: true)
        dirtySteps.removeAll(keepingCapacity: true)
        statuses.removeAll(keepingCapacity: true)
        dirtyStatuses.removeAll(keepingCapacity: true)
    }

    /// Reads the rows and steps of `ids` into the buffers with one query per table and chunk,
    /// where the fold would read them one at a time, each a round trip on PostgreSQL. An id
    /// without a row is remembered as absent, as a single read would; ids are hints (the batch's
    /// correlation ids), and a run not named here is still read when the fold asks for it.
    /// Only before the first write: the buffers must hold nothing newer than the tables.
    func prefetchRuns(_ ids: [RunID]) throws {
        guard buffered else { return }
        let unseen = Array(Set(ids.filter { runs[$0] == nil && !completeSteps.contains($0) && steps[$0] == nil }))
        guard !unseen.isEmpty else { return }
        let qualifier = ProjectionSQL.qualifier(schema)
        for id in unseen { runs[id] = .some(nil) }
        try SQLInList.forEachChunk(unseen.map { .text($0.rawValue) }) { list, arguments in
            try session.forEachRow("SELECT \(ProjectionSQL.runColumns) FROM \(qualifier)runs WHERE run_id IN \(list)", arguments) { row in
                let run = try ProjectionRowCoding.runRow(row)
                runs[run.runID] = .some(run)
            }
            try session.forEachRow("SELECT \(ProjectionSQL.stepColumns) FROM \(qualifier)steps WHERE run_id IN \(list)", arguments) { row in
                let step = try ProjectionRowCoding.stepRow(row)
                steps[step.runID, default: [:]][step.stepKey] = step
            }
        }
        completeSteps.formUnion(unseen)
    }

    /// Takes a run's row (nil: no such run) and all its steps, read by the caller in the same
    /// transaction, as `prefetchRuns` would have read them.
    func seedRun(_ id: RunID, run: RunRow?, steps runSteps: [StepRow]) {
        guard buffered, runs[id] == nil, steps[id] == nil, !completeSteps.contains(id) else { return }
        runs[id] = .some(run)
        for step in runSteps { steps[id, default: [:]][step.stepKey] = step }
        completeSteps.insert(id)
    }

    /// Reads the partition-status rows of `pairs` (asset, partition key), and of the partitions
    /// of every step now buffered, into the buffer in one query per chunk; as `prefetchRuns`,
    /// the pairs are hints and a pair without a row is remembered as absent.
    func prefetchPartitionStatuses(_ pairs: [(asset: String, key: String)]) throws {
        guard buffered else { return }
        var wanted = Set<String>()
        var keys = [[SQLValue]]()
        let buffered = steps.values.flatMap { $0.values.flatMap { step in step.partitionIdentities.map { (step.asset, $0.key) } } }
        for (asset, key) in pairs + buffered where statuses[Self.statusID(asset, key)] == nil {
            guard wanted.insert(Self.statusID(asset, key)).inserted else { continue }
            statuses[Self.statusID(asset, key)] = .some(nil)
            keys.append([.text(asset), .text(key)])
        }
        let table = ProjectionSQL.qualifier(schema) + "partition_status"
        try SQLInList.forEachChunk(keys) { list, arguments in
            let sql = "SELECT \(ProjectionSQL.partitionStatusColumns) FROM \(table) WHERE (asset, partition_key) IN \(list)"
            try session.forEachRow(sql, arguments) { row in
                let status = ProjectionRowCoding.partitionStatusRow(row)
                statuses[Self.statusID(status.asset, status.partitionKey)] = .some(status)
            }
        }
    }

    // MARK: - Meta

    func meta() throws -> ProjectionMeta {
        guard let row = try session.row(sql.selectMeta) else { return .empty }
        return ProjectionMeta(
            appliedSeq: row[0], appliedHash: row[1], unknownEvents: row[2], rejectedEvents: row[3],
            foldVersion: row[4])
    }

    func setMeta(_ meta: ProjectionMeta) throws {
        try session.executeDeferred(sql.upsertMeta, [
            meta.appliedSeq, meta.appliedHash, meta.unknownEvents, meta.rejectedEvents, meta.foldVersion,
        ])
    }

    // MARK: - Fold bookkeeping

    func appliedKey(_ key: IdempotencyKey) throws -> AppliedKeyRow? {
        guard let row = try session.row(sql.selectAppliedKey, [key.rawValue]) else {
            return nil
        }
        return AppliedKeyRow(
            idempotencyKey: key, seq: row[0], type: row[1],
            outcome: try ProjectionRowCoding.value(row[2], table: "applied_keys", column: "outcome"))
    }

    func insertAppliedKey(_ row: AppliedKeyRow) throws {
        try session.executeDeferred(sql.insertAppliedKey, [
            row.idempotencyKey.rawValue, row.seq, row.type, row.outcome.rawValue,
        ])
    }

    func insertRejection(_ row: FoldRejectionRow) throws {
        try session.executeDeferred(sql.insertRejection, [
            row.seq, row.idempotencyKey.rawValue, row.type, row.reason,
        ])
    }

    // MARK: - Runs and steps

    func run(_ id: RunID) throws -> RunRow? {
        if buffered, let cached = runs[id] { return cached }
        let row = try session.row(sql.selectRun, [id.rawValue])
            .map(ProjectionRowCoding.runRow)
        if buffered { runs[id] = .some(row) }
        return row
    }

    func upsertRun(_ row: RunRow) throws {
        guard buffered else { return try writeRun(row) }
        runs[row.runID] = .some(row)
        dirtyRuns.insert(row.runID)
    }

    private func writeRun(_ row: RunRow) throws {
        try session.executeDeferred(sql.upsertRun, ProjectionRowCoding.arguments(row))
    }

    func step(_ run: RunID, _ key: StepKey) throws -> StepRow? {
        if buffered {
            if let cached = steps[run]?[key] { return cached }
            if completeSteps.contains(run) { return nil }
        }
        let row = try session.row(sql.selectStep, [run.rawValue, key.rawValue])
            .map(ProjectionRowCoding.stepRow)
        if buffered, let row { steps[run, default: [:]][key] = row }
        return row
    }

    func steps(of run: RunID) throws -> [StepRow] {
        if buffered, completeSteps.contains(run) {
            return (steps[run].map { Array($0.values) } ?? []).sorted { $0.position < $1.position }
        }
        let stored = try session.rows(sql.selectSteps, [run.rawValue])
            .map(ProjectionRowCoding.stepRow)
        guard buffered else { return stored }
        // Buffered rows are newer than their stored copies.
        var merged = steps[run] ?? [:]
        for row in stored where merged[row.stepKey] == nil { merged[row.stepKey] = row }
        steps[run] = merged
        completeSteps.insert(run)
        return merged.values.sorted { $0.position < $1.position }
    }

    func upsertStep(_ row: StepRow) throws {
        guard buffered else { return try writeStep(row) }
        steps[row.runID, default: [:]][row.stepKey] = row
        dirtySteps[row.runID, default: []].insert(row.stepKey)
    }

    private func writeStep(_ row: StepRow) throws {
        try session.executeDeferred(sql.upsertStep, ProjectionRowCoding.arguments(row))
    }

    // MARK: - Materializations and partition status

    func insertMaterialization(_ row: MaterializationRow) throws {
        try session.executeDeferred(sql.insertMaterialization, [
            row.seq, row.asset, row.partitionKey, row.partition, row.runID?.rawValue, row.stepKey?.rawValue,
            row.attempt, row.codeVersion, row.dataVersion, row.consumed, row.materializedAt.iso8601,
        ])
    }

    /// Buffer keys join asset and partition with a separator neither can contain unescaped.
    private static func statusID(_ asset: String, _ key: String) -> String { asset + "\u{0}" + key }

    func partitionStatus(_ asset: String, _ partitionKey: String) throws -> PartitionStatusRow? {
        let id = Self.statusID(asset, partitionKey)
        if buffered, let cached = statuses[id] { return cached }
        let row = try session.row(sql.selectPartitionStatus, [asset, partitionKey])
            .map(ProjectionRowCoding.partitionStatusRow)
        if buffered { statuses[id] = .some(row) }
        return row
    }

    func upsertPartitionStatus(_ row: PartitionStatusRow) throws {
        guard buffered else { return try writeStatus(row) }
        let id = Self.statusID(row.asset, row.partitionKey)
        statuses[id] = .some(row)
        dirtyStatuses.insert(id)
    }

    private func writeStatus(_ row: PartitionStatusRow) throws {
        try session.executeDeferred(sql.upsertPartitionStatus, ProjectionRowCoding.arguments(row))
    }

    // MARK: - Run keys

    func runKey(_ key: RunKey) throws -> RunKeyRow? {
        guard let row = try session.row(sql.selectRunKey, [key.rawValue]) else {
            return nil
        }
        return RunKeyRow(
            runKey: key, runID: RunID(row[0]), fingerprint: row[1],
            createdAt: ProjectionRowCoding.timestamp(row[2]), seq: row[3])
    }

    func insertRunKey(_ row: RunKeyRow) throws {
        try session.executeDeferred(sql.insertRunKey, [
            row.runKey.rawValue, row.runID.rawValue, row.fingerprint, row.createdAt.iso8601, row.seq,
        ])
    }

    func insertRunKeyConflict(_ row: RunKeyConflictRow) throws {
        try session.executeDeferred(sql.insertRunKeyConflict, [
            row.runKey.rawValue, row.seq, row.existingRunID.rawValue, row.existingFingerprint,
            row.conflictingRunID.rawValue, row.conflictingFingerprint, row.detectedAt.iso8601,
        ])
    }

    // MARK: - Backfills

    func backfill(_ id: BackfillID) throws -> BackfillRow? {
        try session.row(sql.selectBackfill, [id.rawValue])
            .map(ProjectionRowCoding.backfillRow)
    }

    func upsertBackfill(_ row: BackfillRow) throws {
        try session.executeDeferred(sql.upsertBackfill, ProjectionRowCoding.arguments(row))
    }

    func backfillPartition(_ id: BackfillID, asset: String, partition: String?) throws -> BackfillPartitionRow? {
        try session.row(sql.selectBackfillPartition, [id.rawValue, asset, partition ?? ""])
            .map(ProjectionRowCoding.backfillPartitionRow)
    }

    func insertBackfillPartition(_ row: BackfillPartitionRow) throws { try upsertBackfillPartition(row) }

    func upsertBackfillPartition(_ row: BackfillPartitionRow) throws {
        try session.executeDeferred(sql.upsertBackfillPartition, ProjectionRowCoding.arguments(row))
    }

    // MARK: - Dynamic partitions

    func dynamicPartitionsVersion(_ partitionsDef: String) throws -> Int64 {
        try session.value(sql.selectDynamicVersion, [partitionsDef], as: Int64.self) ?? 0
    }

    func setDynamicPartitionsVersion(_ partitionsDef: String, _ version: Int64) throws {
        try session.executeDeferred(sql.upsertDynamicVersion, [partitionsDef, version])
    }

    func hasDynamicPartition(_ partitionsDef: String, _ key: String) throws -> Bool {
        try session.row(sql.selectDynamicPartition, [partitionsDef, key]) != nil
    }

    func insertDynamicPartition(_ row: DynamicPartitionRow) throws {
        try session.executeDeferred(sql.insertDynamicPartition, [
            row.partitionsDef, row.key, row.addedSeq,
        ])
    }

    func deleteDynamicPartition(_ partitionsDef: String, _ key: String) throws {
        try session.execute(sql.deleteDynamicPartition, [partitionsDef, key])
    }
}
