import GRDB

/// The store's schema history. Migrations are named, raw SQL, and frozen once landed: a change is
/// a new migration, and `Tests/ArcoStoreTests/Golden/schema.sql` changes in the same commit.
///
/// Each migration runs in its own `BEGIN IMMEDIATE` transaction that first re-reads what is
/// applied, so processes opening a new store at the same moment cannot both apply one.
enum StoreMigrations {
    /// Every migration, in order.
    static let all: [(name: String, sql: String)] = [
        ("0001_create_ledger", M0001.sql),
        ("0002_create_projections", M0002.sql),
        ("0003_run_lineage", M0003.sql),
        ("0004_backfills", M0004.sql),
        ("0005_data_version_since", M0005.sql),
        ("0006_staleness_cache", M0006.sql),
        ("0007_staleness_cache_refresh", M0007.sql),
        ("0008_staleness_cache_typed", M0008.sql),
        ("0009_schedules", M0009.sql),
        ("0010_sensors", M0010.sql),
        ("0011_leases", M0011.sql),
        ("0012_daemon_launches", M0012.sql),
    ]

    static var names: [String] { all.map(\.name) }

    static let createBookkeeping = """
        CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY NOT NULL) WITHOUT ROWID
        """

    /// The migrations recorded in the store, in the order applied.
    static func applied(_ db: Database) throws -> [String] {
        // GRDB's `tableExists` loads its whole schema cache, a measurable part of opening the
        // store in every short-lived worker; one row of `sqlite_master` answers the question.
        let exists = try Bool.fetchOne(db, sql: """
            SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'
            """) ?? false
        guard exists else { return [] }
        return try String.fetchAll(db, sql: "SELECT name FROM schema_migrations ORDER BY name")
    }

    /// Applies what is missing; cheap when nothing is (one read, no write lock).
    static func migrate(_ queue: DatabaseQueue) throws {
        let applied = Set(try queue.read { try Self.applied($0) })
        let unknown = applied.subtracting(names)
        guard unknown.isEmpty else { throw StoreError.newerSchema(unknown: unknown.sorted()) }
        for migration in all where !applied.contains(migration.name) {
            try queue.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    try db.execute(sql: createBookkeeping)
                    let done = try Bool.fetchOne(
                        db, sql: "SELECT 1 FROM schema_migrations WHERE name = ?", arguments: [migration.name]) ?? false
                    if !done {
                        try db.execute(sql: migration.sql)
                        try db.execute(sql: "INSERT INTO schema_migrations (name) VALUES (?)", arguments: [migration.name])
                    }
                    return .commit
                }
            }
        }
    }

    /// Empties the verdict cache and raises its epoch: what rebuild and import do (ADR 0012).
    static let dropStalenessCache = """
        DELETE FROM staleness_cache; UPDATE staleness_cache_epoch SET epoch = epoch + 1
        """

    /// The projection tables: what `rebuild` recreates and `--verify` compares.
    static let projectionTables = [
        "projection_meta", "applied_keys", "fold_rejections", "runs", "steps", "run_keys", "run_key_conflicts",
        "dynamic_partitions", "dynamic_partition_versions", "materializations", "partition_status",
        "backfills", "backfill_partitions", "schedule_state", "schedule_ticks", "sensor_state", "sensor_evals",
    ]
}

/// The append-only ledger.
enum M0001 {
    static let sql = """
        CREATE TABLE events (
            seq INTEGER PRIMARY KEY,
            event_id TEXT NOT NULL UNIQUE,
            type TEXT NOT NULL,
            version INTEGER NOT NULL,
            recorded_at TEXT NOT NULL,
            idempotency_key TEXT NOT NULL UNIQUE,
            correlation_id TEXT,
            causation_id TEXT,
            payload TEXT NOT NULL,
            hash TEXT NOT NULL
        );
        CREATE INDEX events_by_correlation ON events(correlation_id, seq) WHERE correlation_id IS NOT NULL;
        """
}

/// The first projections: fold bookkeeping, runs and steps, run keys, dynamic partitions.
enum M0002 {
    static let sql = """
        CREATE TABLE projection_meta (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            applied_seq INTEGER NOT NULL,
            applied_hash TEXT NOT NULL,
            unknown_events INTEGER NOT NULL,
            rejected_events INTEGER NOT NULL,
            fold_version INTEGER NOT NULL
        );
        INSERT INTO projection_meta (id, applied_seq, applied_hash, unknown_events, rejected_events, fold_version)
        VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000', 0, 0, 2);
        CREATE TABLE applied_keys (
            seq INTEGER PRIMARY KEY,
            idempotency_key TEXT NOT NULL,
            type TEXT NOT NULL,
            outcome TEXT NOT NULL
        );
        CREATE TABLE fold_rejections (
            seq INTEGER PRIMARY KEY,
            idempotency_key TEXT NOT NULL,
            type TEXT NOT NULL,
            reason TEXT NOT NULL
        );
        CREATE TABLE runs (
            run_id TEXT PRIMARY KEY,
            run_key TEXT,
            fingerprint TEXT NOT NULL,
            selection TEXT NOT NULL,
            tags TEXT NOT NULL,
            trigger_kind TEXT NOT NULL,
            trigger_ref TEXT,
            status TEXT NOT NULL,
            requested_at TEXT NOT NULL,
            started_at TEXT,
            finished_at TEXT,
            executions INTEGER NOT NULL,
            pid INTEGER,
            host TEXT,
            cancel_requested INTEGER NOT NULL,
            reason TEXT,
            steps_total INTEGER NOT NULL,
            steps_succeeded INTEGER NOT NULL,
            steps_failed INTEGER NOT NULL,
            steps_skipped INTEGER NOT NULL,
            steps_canceled INTEGER NOT NULL,
            requested_seq INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX runs_by_requested_seq ON runs(requested_seq);
        CREATE INDEX runs_by_status ON runs(status, requested_seq);
        CREATE TABLE steps (
            run_id TEXT NOT NULL,
            step_key TEXT NOT NULL,
            position INTEGER NOT NULL,
            asset TEXT NOT NULL,
            partition_key TEXT,
            partition_range TEXT NOT NULL,
            depends_on TEXT NOT NULL,
            status TEXT NOT NULL,
            attempt INTEGER NOT NULL,
            attempt_id TEXT,
            started_at TEXT,
            finished_at TEXT,
            exit_code INTEGER,
            reason TEXT,
            canonical_partitions TEXT NOT NULL,
            PRIMARY KEY (run_id, step_key)
        ) WITHOUT ROWID;
        CREATE TABLE run_keys (
            run_key TEXT PRIMARY KEY,
            run_id TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            created_at TEXT NOT NULL,
            seq INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE run_key_conflicts (
            run_key TEXT NOT NULL,
            seq INTEGER NOT NULL,
            existing_run_id TEXT NOT NULL,
            existing_fingerprint TEXT NOT NULL,
            conflicting_run_id TEXT NOT NULL,
            conflicting_fingerprint TEXT NOT NULL,
            detected_at TEXT NOT NULL,
            PRIMARY KEY (run_key, seq)
        ) WITHOUT ROWID;
        CREATE TABLE dynamic_partitions (
            partitions_def TEXT NOT NULL,
            partition_key TEXT NOT NULL,
            added_seq INTEGER NOT NULL,
            PRIMARY KEY (partitions_def, partition_key)
        ) WITHOUT ROWID;
        CREATE TABLE dynamic_partition_versions (
            partitions_def TEXT PRIMARY KEY,
            state_version INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE materializations (
            seq INTEGER PRIMARY KEY,
            asset TEXT NOT NULL,
            partition_key TEXT NOT NULL,
            partition_display TEXT,
            run_id TEXT,
            step_key TEXT,
            attempt INTEGER,
            code_version TEXT,
            data_version TEXT NOT NULL,
            consumed TEXT NOT NULL,
            materialized_at TEXT NOT NULL
        );
        CREATE INDEX materializations_by_partition ON materializations(asset, partition_key, seq);
        CREATE TABLE partition_status (
            asset TEXT NOT NULL,
            partition_key TEXT NOT NULL,
            partition_display TEXT,
            last_materialization_seq INTEGER,
            last_materialized_at TEXT,
            last_materialization_run_id TEXT,
            data_version TEXT,
            code_version TEXT,
            last_attempt_run_id TEXT,
            last_attempt_outcome TEXT,
            last_attempt_at TEXT,
            in_progress_run_id TEXT,
            PRIMARY KEY (asset, partition_key)
        ) WITHOUT ROWID;
        """
}

/// Runs gain their lineage (reruns) and the partition request as typed, for `arco status`.
/// Fold version 3 also renamed run and step statuses to Dagster's words (SUCCESS, FAILURE,
/// STARTING, CANCELING): a store with nothing folded is stamped here; one holding events keeps its
/// old version, so the engine refolds it before anyone reads it.
enum M0003 {
    static let sql = """
        ALTER TABLE runs ADD COLUMN parent_run_id TEXT;
        ALTER TABLE runs ADD COLUMN root_run_id TEXT;
        ALTER TABLE runs ADD COLUMN partitions TEXT;
        UPDATE projection_meta SET fold_version = 3 WHERE applied_seq = 0;
        """
}

/// Backfills and the asset partitions they planned. Fold version 4 folds the backfill events
/// that earlier builds only recorded: a store with nothing folded is stamped here, one holding
/// events keeps its old version and is refolded before anyone reads it.
enum M0004 {
    static let sql = """
        CREATE TABLE backfills (
            backfill_id TEXT PRIMARY KEY NOT NULL,
            status TEXT NOT NULL,
            state_version INTEGER NOT NULL,
            request_key TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            selection TEXT NOT NULL,
            selector TEXT NOT NULL,
            only TEXT,
            parent_backfill_id TEXT,
            total INTEGER NOT NULL,
            chunk_size INTEGER NOT NULL,
            max_concurrent_runs INTEGER NOT NULL,
            planned_chunks INTEGER NOT NULL,
            planned INTEGER NOT NULL,
            queued INTEGER NOT NULL,
            running INTEGER NOT NULL,
            succeeded INTEGER NOT NULL,
            failed INTEGER NOT NULL,
            canceled INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            ended_at TEXT,
            reason TEXT,
            created_seq INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX backfills_by_created_seq ON backfills(created_seq);
        CREATE INDEX backfills_by_request_key ON backfills(request_key);
        CREATE TABLE backfill_partitions (
            backfill_id TEXT NOT NULL,
            asset TEXT NOT NULL,
            partition_display TEXT NOT NULL,
            position INTEGER NOT NULL,
            chunk_index INTEGER NOT NULL,
            status TEXT NOT NULL,
            run_id TEXT,
            attempt INTEGER NOT NULL,
            error TEXT,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (backfill_id, asset, partition_display)
        ) WITHOUT ROWID;
        CREATE INDEX backfill_partitions_by_position ON backfill_partitions(backfill_id, position);
        CREATE INDEX backfill_partitions_by_status ON backfill_partitions(backfill_id, status, position);
        UPDATE projection_meta SET fold_version = 4 WHERE applied_seq = 0;
        """
}

/// A partition's current data version gets the instant it first appeared, which staleness
/// reports as when downstream partitions became stale (ADR 0011). Fold version 5 fills it; a
/// store holding events is refolded before anyone reads it.
enum M0005 {
    static let sql = """
        ALTER TABLE partition_status ADD COLUMN data_version_since TEXT;
        UPDATE projection_meta SET fold_version = 5 WHERE applied_seq = 0;
        """
}

/// Staleness verdicts kept between reports (ADR 0012). Not a projection: nothing is folded into
/// it, `rebuild` empties it, and an entry is used only while its fingerprint matches what the
/// verdicts would be computed from. `rebuild` and `import` also raise the epoch, so that a
/// report that read the old projections does not save what it computed from them. The index
/// answers "the last materialization of each asset" in one seek per asset, which is how
/// fingerprints notice new materializations.
enum M0006 {
    static let sql = """
        CREATE TABLE staleness_cache (
            asset TEXT PRIMARY KEY NOT NULL,
            fingerprint TEXT NOT NULL,
            counts TEXT NOT NULL,
            rows BLOB NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE staleness_cache_epoch (
            id INTEGER PRIMARY KEY CHECK (id = 0),
            epoch INTEGER NOT NULL
        );
        INSERT INTO staleness_cache_epoch (id, epoch) VALUES (0, 0);
        CREATE INDEX materializations_by_asset_seq ON materializations(asset, seq);
        """
}

/// What a cached asset's verdicts need to be refreshed partition by partition instead of
/// evaluated again (ADR 0012): a fingerprint of its inputs other than materializations and its
/// own keys (`structure`), the ledger position its verdicts are current at (`as_of`), and the
/// count and digest of the keys it covers (`keys`). The table is made again with the rows last:
/// SQLite reads a row's columns in order, so columns after an 8 KB blob would make every read
/// of the small ones walk the blob's overflow pages. Cached verdicts are only ever a shortcut,
/// so they are dropped (and the epoch raised, as a rebuild does) rather than copied.
enum M0007 {
    static let sql = """
        DROP TABLE staleness_cache;
        CREATE TABLE staleness_cache (
            asset TEXT PRIMARY KEY NOT NULL,
            fingerprint TEXT NOT NULL,
            counts TEXT NOT NULL,
            structure TEXT NOT NULL,
            as_of INTEGER NOT NULL,
            keys TEXT NOT NULL,
            rows BLOB NOT NULL
        ) WITHOUT ROWID;
        UPDATE staleness_cache_epoch SET epoch = epoch + 1;
        """
}

/// The verdict cache's metadata as typed columns (issue 16): one integer column per count
/// (the reasons in precedence order, then the fresh partitions) instead of comma-joined text,
/// and the keys covered as `keys_count` and `keys_digest` (`KeysStamp`) instead of
/// `count:digest` text; both are NULL for an entry that cannot be refreshed. Fingerprints now
/// hash canonical JSON (`StalenessFingerprints.version` 2), so no entry would match anyway:
/// the table is made again, rows still last (M0007), and the epoch raised.
enum M0008 {
    static let sql = """
        DROP TABLE staleness_cache;
        CREATE TABLE staleness_cache (
            asset TEXT PRIMARY KEY NOT NULL,
            fingerprint TEXT NOT NULL,
            never_materialized INTEGER NOT NULL,
            code_changed INTEGER NOT NULL,
            upstream_never_materialized INTEGER NOT NULL,
            upstream_changed INTEGER NOT NULL,
            upstream_stale INTEGER NOT NULL,
            freshness_violated INTEGER NOT NULL,
            fresh INTEGER NOT NULL,
            structure TEXT NOT NULL,
            as_of INTEGER NOT NULL,
            keys_count INTEGER,
            keys_digest TEXT,
            rows BLOB NOT NULL
        ) WITHOUT ROWID;
        UPDATE staleness_cache_epoch SET epoch = epoch + 1;
        """
}

/// Schedules (issue 18): each schedule's recorded status, baseline and newest tick, and every
/// tick evaluated. Fold version 6 folds the schedule events that earlier builds only recorded: a
/// store with nothing folded is stamped here, one holding events is refolded before anyone reads
/// it. Ticks are read per schedule newest first, hence the index.
enum M0009 {
    static let sql = """
        CREATE TABLE schedule_state (
            schedule TEXT PRIMARY KEY NOT NULL,
            status TEXT,
            state_version INTEGER NOT NULL,
            baseline_version INTEGER NOT NULL,
            baseline_since TEXT,
            baseline_cadence TEXT,
            last_tick_id TEXT,
            last_scheduled_for TEXT,
            last_tick_status TEXT
        ) WITHOUT ROWID;
        CREATE TABLE schedule_ticks (
            tick_id TEXT PRIMARY KEY NOT NULL,
            schedule TEXT NOT NULL,
            scheduled_for TEXT NOT NULL,
            scheduled_epoch INTEGER NOT NULL,
            status TEXT NOT NULL,
            run_key TEXT,
            run_id TEXT,
            reason TEXT,
            recorded_at TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX schedule_ticks_by_time ON schedule_ticks(schedule, scheduled_epoch);
        UPDATE projection_meta SET fold_version = 6 WHERE applied_seq = 0;
        """
}

/// Sensors (issue 19): each sensor's recorded status, compare-and-set version, cursor, last
/// evaluation and asset position, and every evaluation recorded. Fold version 7 folds the sensor
/// events that earlier builds only recorded: a store with nothing folded is stamped here, one
/// holding events is refolded before anyone reads it. History is read per sensor newest first,
/// and a pushed message is found again by its id, hence the indexes.
enum M0010 {
    static let sql = """
        CREATE TABLE sensor_state (
            sensor TEXT PRIMARY KEY NOT NULL,
            status TEXT,
            state_version INTEGER NOT NULL,
            cursor TEXT,
            last_eval_id TEXT,
            last_evaluated_at TEXT,
            last_eval_status TEXT,
            position INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE sensor_evals (
            eval_id TEXT PRIMARY KEY NOT NULL,
            sensor TEXT NOT NULL,
            seq INTEGER NOT NULL,
            source TEXT NOT NULL,
            message_id TEXT,
            status TEXT NOT NULL,
            cursor_before TEXT,
            cursor_after TEXT,
            state_version INTEGER NOT NULL,
            reason TEXT,
            run_requests TEXT NOT NULL,
            payload TEXT,
            evaluated_at TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX sensor_evals_by_seq ON sensor_evals(sensor, seq);
        CREATE INDEX sensor_evals_by_message ON sensor_evals(sensor, message_id);
        UPDATE projection_meta SET fold_version = 7 WHERE applied_seq = 0;
        """
}

/// Daemon leadership (docs/adr/0022-daemon.md). Operational tables, not projections: rebuild
/// leaves them alone, and the fold never reads them. The lease row is never deleted, so its
/// fencing token only rises; a release sets `expires_at` to the release instant.
enum M0011 {
    static let sql = """
        CREATE TABLE leases (
            name TEXT PRIMARY KEY NOT NULL,
            holder TEXT NOT NULL,
            host TEXT NOT NULL,
            pid INTEGER NOT NULL,
            token INTEGER NOT NULL,
            since TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            renewed_at TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE lease_standbys (
            name TEXT NOT NULL,
            holder TEXT NOT NULL,
            host TEXT NOT NULL,
            pid INTEGER NOT NULL,
            seen_at TEXT NOT NULL,
            PRIMARY KEY (name, holder)
        ) WITHOUT ROWID;
        CREATE TABLE daemon_passes (
            name TEXT PRIMARY KEY NOT NULL,
            holder TEXT NOT NULL,
            token INTEGER NOT NULL,
            started_at TEXT NOT NULL,
            finished_at TEXT NOT NULL,
            summary TEXT NOT NULL
        ) WITHOUT ROWID;
        """
}

/// The daemon's worker launches, one row per run, written under the fence before the worker is
/// spawned (docs/adr/0022-daemon.md): a deposed leader cannot launch, and a second launch of a
/// run waits until the first is stale. Operational, like `leases`.
enum M0012 {
    static let sql = """
        CREATE TABLE daemon_launches (
            run_id TEXT PRIMARY KEY NOT NULL,
            token INTEGER NOT NULL,
            launched_at TEXT NOT NULL
        ) WITHOUT ROWID;
        """
}
