import ArcoCore
import GRDB

/// The fold's SQLite writer: projection tables in one schema (`main`, or `rebuild` while a
/// rebuild folds into scratch tables), used only inside a write transaction.
final class SQLiteProjectionWriter: ProjectionWriter {
    private let db: Database
    private let sql: ProjectionSQL

    init(_ db: Database, schema: String = "main") {
        self.db = db
        self.sql = ProjectionSQL.forSchema(schema)
    }

    // MARK: - Meta

    func meta() throws -> ProjectionMeta {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: sql.selectMeta)) else { return .empty }
        return ProjectionMeta(
            appliedSeq: row[0], appliedHash: row[1], unknownEvents: row[2], rejectedEvents: row[3],
            foldVersion: row[4])
    }

    func setMeta(_ meta: ProjectionMeta) throws {
        try db.cachedStatement(sql: sql.upsertMeta).execute(arguments: [
            meta.appliedSeq, meta.appliedHash, meta.unknownEvents, meta.rejectedEvents, meta.foldVersion,
        ])
    }

    // MARK: - Fold bookkeeping

    func appliedKey(_ key: IdempotencyKey) throws -> AppliedKeyRow? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: sql.selectAppliedKey), arguments: [key.rawValue]) else {
            return nil
        }
        return AppliedKeyRow(
            idempotencyKey: key, seq: row[0], type: row[1],
            outcome: FoldOutcomeKind(rawValue: row[2]) ?? .applied)
    }

    func insertAppliedKey(_ row: AppliedKeyRow) throws {
        try db.cachedStatement(sql: sql.insertAppliedKey).execute(arguments: [
            row.idempotencyKey.rawValue, row.seq, row.type, row.outcome.rawValue,
        ])
    }

    func insertRejection(_ row: FoldRejectionRow) throws {
        try db.cachedStatement(sql: sql.insertRejection).execute(arguments: [
            row.seq, row.idempotencyKey.rawValue, row.type, row.reason,
        ])
    }

    // MARK: - Runs and steps

    func run(_ id: RunID) throws -> RunRow? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: sql.selectRun), arguments: [id.rawValue]) else {
            return nil
        }
        return ProjectionRowCoding.runRow(row)
    }

    func upsertRun(_ row: RunRow) throws {
        try db.cachedStatement(sql: sql.upsertRun).execute(arguments: ProjectionRowCoding.arguments(row))
    }

    func step(_ run: RunID, _ key: StepKey) throws -> StepRow? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: sql.selectStep), arguments: [run.rawValue, key.rawValue])
        else { return nil }
        return ProjectionRowCoding.stepRow(row)
    }

    func steps(of run: RunID) throws -> [StepRow] {
        try Row.fetchAll(db.cachedStatement(sql: sql.selectSteps), arguments: [run.rawValue])
            .map(ProjectionRowCoding.stepRow)
    }

    func upsertStep(_ row: StepRow) throws {
        try db.cachedStatement(sql: sql.upsertStep).execute(arguments: ProjectionRowCoding.arguments(row))
    }

    // MARK: - Run keys

    func runKey(_ key: RunKey) throws -> RunKeyRow? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: sql.selectRunKey), arguments: [key.rawValue]) else {
            return nil
        }
        return RunKeyRow(
            runKey: key, runID: RunID(row[0]), fingerprint: row[1],
            createdAt: ProjectionRowCoding.timestamp(row[2]), seq: row[3])
    }

    func insertRunKey(_ row: RunKeyRow) throws {
        try db.cachedStatement(sql: sql.insertRunKey).execute(arguments: [
            row.runKey.rawValue, row.runID.rawValue, row.fingerprint, row.createdAt.iso8601, row.seq,
        ])
    }

    func insertRunKeyConflict(_ row: RunKeyConflictRow) throws {
        try db.cachedStatement(sql: sql.insertRunKeyConflict).execute(arguments: [
            row.runKey.rawValue, row.seq, row.existingRunID.rawValue, row.existingFingerprint,
            row.conflictingRunID.rawValue, row.conflictingFingerprint, row.detectedAt.iso8601,
        ])
    }

    // MARK: - Dynamic partitions

    func dynamicPartitionsVersion(_ partitionsDef: String) throws -> Int64 {
        try Int64.fetchOne(db.cachedStatement(sql: sql.selectDynamicVersion), arguments: [partitionsDef]) ?? 0
    }

    func setDynamicPartitionsVersion(_ partitionsDef: String, _ version: Int64) throws {
        try db.cachedStatement(sql: sql.upsertDynamicVersion).execute(arguments: [partitionsDef, version])
    }

    func hasDynamicPartition(_ partitionsDef: String, _ key: String) throws -> Bool {
        try Row.fetchOne(db.cachedStatement(sql: sql.selectDynamicPartition), arguments: [partitionsDef, key]) != nil
    }

    func insertDynamicPartition(_ row: DynamicPartitionRow) throws {
        try db.cachedStatement(sql: sql.insertDynamicPartition).execute(arguments: [
            row.partitionsDef, row.key, row.addedSeq,
        ])
    }

    func deleteDynamicPartition(_ partitionsDef: String, _ key: String) throws {
        try db.cachedStatement(sql: sql.deleteDynamicPartition).execute(arguments: [partitionsDef, key])
    }
}
