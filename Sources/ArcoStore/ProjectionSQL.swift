import Foundation

/// The projection statements for one schema, built once so cached statements are reused.
struct ProjectionSQL: Sendable {
    let selectMeta: String
    let upsertMeta: String
    let selectAppliedKey: String
    let insertAppliedKey: String
    let insertRejection: String
    let selectRun: String
    let upsertRun: String
    let selectStep: String
    let selectSteps: String
    let upsertStep: String
    let selectRunKey: String
    let insertRunKey: String
    let insertRunKeyConflict: String
    let selectDynamicVersion: String
    let upsertDynamicVersion: String
    let selectDynamicPartition: String
    let insertDynamicPartition: String
    let deleteDynamicPartition: String
    let insertMaterialization: String
    let selectPartitionStatus: String
    let upsertPartitionStatus: String
    let selectBackfill: String
    let upsertBackfill: String
    let selectBackfillPartition: String
    let upsertBackfillPartition: String

    static let runColumns = """
        run_id, run_key, fingerprint, selection, tags, trigger_kind, trigger_ref, status, requested_at, \
        started_at, finished_at, executions, pid, host, cancel_requested, reason, steps_total, steps_succeeded, \
        steps_failed, steps_skipped, steps_canceled, requested_seq, parent_run_id, root_run_id, partitions
        """
    static let stepColumns = """
        run_id, step_key, position, asset, partition_key, partition_range, depends_on, status, attempt, \
        attempt_id, started_at, finished_at, exit_code, reason, canonical_partitions
        """
    static let partitionStatusColumns = """
        asset, partition_key, partition_display, last_materialization_seq, last_materialized_at, \
        last_materialization_run_id, data_version, code_version, last_attempt_run_id, last_attempt_outcome, \
        last_attempt_at, in_progress_run_id, data_version_since
        """

    /// `only` is quoted: it is a reserved word in PostgreSQL (SQLite accepts the quotes too).
    static let backfillColumns = """
        backfill_id, status, state_version, request_key, fingerprint, selection, selector, "only", parent_backfill_id, \
        total, chunk_size, max_concurrent_runs, planned_chunks, planned, queued, running, succeeded, failed, canceled, \
        created_at, updated_at, ended_at, reason, created_seq
        """
    static let backfillPartitionColumns = """
        backfill_id, asset, partition_display, position, chunk_index, status, run_id, attempt, error, updated_at
        """

    /// `a = excluded.a, b = excluded.b, …` for every column but the key.
    static func updateAssignments(_ columns: String, key: Set<String>) -> String {
        // Column names have no spaces. Foundation's `.whitespaces` set would consult Unicode
        // tables, which a short-lived worker would load just to build these statements.
        columns.split(separator: ",").map { String($0.filter { $0 != " " }) }
            .filter { !key.contains($0) }
            .map { "\($0) = excluded.\($0)" }
            .joined(separator: ", ")
    }

    /// The live tables are named unqualified: SQLite resolves them to `main` before any attached
    /// database, and PostgreSQL through the session's `search_path`, so one text serves both
    /// stores. Only a rebuild's scratch tables are qualified (`rebuild.` on SQLite, a scratch
    /// schema on PostgreSQL).
    static let main = ProjectionSQL(schema: "main")
    static let rebuild = ProjectionSQL(schema: "rebuild")

    static func forSchema(_ schema: String) -> ProjectionSQL {
        schema == "main" ? main : schema == "rebuild" ? rebuild : ProjectionSQL(schema: schema)
    }

    /// `""` for the live tables, `"NAME."` for a scratch schema.
    static func qualifier(_ schema: String) -> String { schema == "main" ? "" : schema + "." }

    private init(schema: String) {
        let s = Self.qualifier(schema)
        selectMeta = """
            SELECT applied_seq, applied_hash, unknown_events, rejected_events, fold_version \
            FROM \(s)projection_meta WHERE id = 1
            """
        // Upserts update in place (INSERT OR REPLACE would delete and reinsert the row, and is
        // SQLite's alone); `ON CONFLICT … DO UPDATE` reads the same on PostgreSQL.
        upsertMeta = """
            INSERT INTO \(s)projection_meta \
            (id, applied_seq, applied_hash, unknown_events, rejected_events, fold_version) VALUES (1, ?, ?, ?, ?, ?) \
            ON CONFLICT(id) DO UPDATE SET applied_seq = excluded.applied_seq, applied_hash = excluded.applied_hash, \
            unknown_events = excluded.unknown_events, rejected_events = excluded.rejected_events, \
            fold_version = excluded.fold_version
            """
        // Deliberately unindexed by key: the store never looks keys up here (the ledger's UNIQUE
        // index is the gate), and a second random-order index doubled the append's page writes.
        selectAppliedKey = "SELECT seq, type, outcome FROM \(s)applied_keys WHERE idempotency_key = ?"
        insertAppliedKey = "INSERT INTO \(s)applied_keys (idempotency_key, seq, type, outcome) VALUES (?, ?, ?, ?)"
        insertRejection = """
            INSERT INTO \(s)fold_rejections (seq, idempotency_key, type, reason) VALUES (?, ?, ?, ?)
            """
        selectRun = "SELECT \(Self.runColumns) FROM \(s)runs WHERE run_id = ?"
        upsertRun = """
            INSERT INTO \(s)runs (\(Self.runColumns)) \
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) \
            ON CONFLICT(run_id) DO UPDATE SET \(Self.updateAssignments(Self.runColumns, key: ["run_id"]))
            """
        selectStep = "SELECT \(Self.stepColumns) FROM \(s)steps WHERE run_id = ? AND step_key = ?"
        selectSteps = "SELECT \(Self.stepColumns) FROM \(s)steps WHERE run_id = ? ORDER BY position"
        upsertStep = """
            INSERT INTO \(s)steps (\(Self.stepColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) \
            ON CONFLICT(run_id, step_key) DO UPDATE SET \(Self.updateAssignments(Self.stepColumns, key: ["run_id", "step_key"]))
            """
        selectRunKey = "SELECT run_id, fingerprint, created_at, seq FROM \(s)run_keys WHERE run_key = ?"
        insertRunKey = """
            INSERT INTO \(s)run_keys (run_key, run_id, fingerprint, created_at, seq) VALUES (?, ?, ?, ?, ?)
            """
        insertRunKeyConflict = """
            INSERT INTO \(s)run_key_conflicts (run_key, seq, existing_run_id, existing_fingerprint, \
            conflicting_run_id, conflicting_fingerprint, detected_at) VALUES (?, ?, ?, ?, ?, ?, ?)
            """
        selectDynamicVersion = "SELECT state_version FROM \(s)dynamic_partition_versions WHERE partitions_def = ?"
        upsertDynamicVersion = """
            INSERT INTO \(s)dynamic_partition_versions (partitions_def, state_version) VALUES (?, ?) \
            ON CONFLICT(partitions_def) DO UPDATE SET state_version = excluded.state_version
            """
        selectDynamicPartition = """
            SELECT 1 FROM \(s)dynamic_partitions WHERE partitions_def = ? AND partition_key = ?
            """
        insertDynamicPartition = """
            INSERT INTO \(s)dynamic_partitions (partitions_def, partition_key, added_seq) VALUES (?, ?, ?)
            """
        deleteDynamicPartition = "DELETE FROM \(s)dynamic_partitions WHERE partitions_def = ? AND partition_key = ?"
        insertMaterialization = """
            INSERT INTO \(s)materializations (seq, asset, partition_key, partition_display, run_id, step_key, attempt, \
            code_version, data_version, consumed, materialized_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """
        selectPartitionStatus = """
            SELECT \(Self.partitionStatusColumns) FROM \(s)partition_status WHERE asset = ? AND partition_key = ?
            """
        upsertPartitionStatus = """
            INSERT INTO \(s)partition_status (\(Self.partitionStatusColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) \
            ON CONFLICT(asset, partition_key) DO UPDATE SET \(Self.updateAssignments(Self.partitionStatusColumns, key: ["asset", "partition_key"]))
            """
        selectBackfill = "SELECT \(Self.backfillColumns) FROM \(s)backfills WHERE backfill_id = ?"
        upsertBackfill = """
            INSERT INTO \(s)backfills (\(Self.backfillColumns)) \
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) \
            ON CONFLICT(backfill_id) DO UPDATE SET \(Self.updateAssignments(Self.backfillColumns, key: ["backfill_id"]))
            """
        selectBackfillPartition = """
            SELECT \(Self.backfillPartitionColumns) FROM \(s)backfill_partitions \
            WHERE backfill_id = ? AND asset = ? AND partition_display = ?
            """
        upsertBackfillPartition = """
            INSERT INTO \(s)backfill_partitions (\(Self.backfillPartitionColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) \
            ON CONFLICT(backfill_id, asset, partition_display) DO UPDATE SET \
            \(Self.updateAssignments(Self.backfillPartitionColumns, key: ["backfill_id", "asset", "partition_display"]))
            """
    }
}
