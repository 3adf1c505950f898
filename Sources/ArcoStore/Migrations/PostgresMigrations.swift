/// The PostgreSQL store's schema history: named, raw SQL, frozen once landed, as SQLite's.
///
/// 0001 is the SQLite schema as it stands after SQLite's migration 0012, column for column and in
/// the same column order (snapshots read some tables with `SELECT *`). Types map INTEGER to
/// BIGINT, BLOB to BYTEA; booleans stay integers. Every text column compares byte by byte
/// (`COLLATE "C"`), as SQLite's do, so orderings and `--json` output are the same on both stores
/// whatever locale the database was created with (ADR 0023). The tables live in the workspace's
/// schema, which the session puts first on `search_path`.
enum PostgresMigrations {
    /// Every migration, in order.
    static let all: [(name: String, sql: String)] = [
        ("0001_create_store", m0001),
        ("0002_remote_execution", m0002),
        ("0003_fold_version_7", m0003),
    ]

    static var names: [String] { all.map(\.name) }

    static let m0001 = """
        CREATE TABLE applied_keys (
            seq BIGINT PRIMARY KEY,
            idempotency_key TEXT COLLATE "C" NOT NULL,
            type TEXT COLLATE "C" NOT NULL,
            outcome TEXT COLLATE "C" NOT NULL
        );
        CREATE TABLE backfill_partitions (
            backfill_id TEXT COLLATE "C" NOT NULL,
            asset TEXT COLLATE "C" NOT NULL,
            partition_display TEXT COLLATE "C" NOT NULL,
            position BIGINT NOT NULL,
            chunk_index BIGINT NOT NULL,
            status TEXT COLLATE "C" NOT NULL,
            run_id TEXT COLLATE "C",
            attempt BIGINT NOT NULL,
            error TEXT COLLATE "C",
            updated_at TEXT COLLATE "C" NOT NULL,
            PRIMARY KEY (backfill_id, asset, partition_display)
        );
        CREATE TABLE backfills (
            backfill_id TEXT COLLATE "C" PRIMARY KEY NOT NULL,
            status TEXT COLLATE "C" NOT NULL,
            state_version BIGINT NOT NULL,
            request_key TEXT COLLATE "C" NOT NULL,
            fingerprint TEXT COLLATE "C" NOT NULL,
            selection TEXT COLLATE "C" NOT NULL,
            selector TEXT COLLATE "C" NOT NULL,
            "only" TEXT COLLATE "C",
            parent_backfill_id TEXT COLLATE "C",
            total BIGINT NOT NULL,
            chunk_size BIGINT NOT NULL,
            max_concurrent_runs BIGINT NOT NULL,
            planned_chunks BIGINT NOT NULL,
            planned BIGINT NOT NULL,
            queued BIGINT NOT NULL,
            running BIGINT NOT NULL,
            succeeded BIGINT NOT NULL,
            failed BIGINT NOT NULL,
            canceled BIGINT NOT NULL,
            created_at TEXT COLLATE "C" NOT NULL,
            updated_at TEXT COLLATE "C" NOT NULL,
            ended_at TEXT COLLATE "C",
            reason TEXT COLLATE "C",
            created_seq BIGINT NOT NULL
        );
        CREATE TABLE daemon_launches (
            run_id TEXT COLLATE "C" PRIMARY KEY NOT NULL,
            token BIGINT NOT NULL,
            launched_at TEXT COLLATE "C" NOT NULL
        );
        CREATE TABLE daemon_passes (
            name TEXT COLLATE "C" PRIMARY KEY NOT NULL,
            holder TEXT COLLATE "C" NOT NULL,
            token BIGINT NOT NULL,
            started_at TEXT COLLATE "C" NOT NULL,
            finished_at TEXT COLLATE "C" NOT NULL,
            summary TEXT COLLATE "C" NOT NULL
        );
        CREATE TABLE dynamic_partition_versions (
            partitions_def TEXT COLLATE "C" PRIMARY KEY,
            state_version BIGINT NOT NULL
        );
        CREATE TABLE dynamic_partitions (
            partitions_def TEXT COLLATE "C" NOT NULL,
            partition_key TEXT COLLATE "C" NOT NULL,
            added_seq BIGINT NOT NULL,
            PRIMARY KEY (partitions_def, partition_key)
        );
        CREATE TABLE events (
            seq BIGINT PRIMARY KEY,
            event_id TEXT COLLATE "C" NOT NULL UNIQUE,
            type TEXT COLLATE "C" NOT NULL,
            version BIGINT NOT NULL,
            recorded_at TEXT COLLATE "C" NOT NULL,
            idempotency_key TEXT COLLATE "C" NOT NULL UNIQUE,
            correlation_id TEXT COLLATE "C",
            causation_id TEXT COLLATE "C",
            payload TEXT COLLATE "C" NOT NULL,
            hash TEXT COLLATE "C" NOT NULL
        );
        CREATE TABLE fold_rejections (
            seq BIGINT PRIMARY KEY,
            idempotency_key TEXT COLLATE "C" NOT NULL,
            type TEXT COLLATE "C" NOT NULL,
            reason TEXT COLLATE "C" NOT NULL
        );
        CREATE TABLE lease_standbys (
            name TEXT COLLATE "C" NOT NULL,
            holder TEXT COLLATE "C" NOT NULL,
            host TEXT COLLATE "C" NOT NULL,
            pid BIGINT NOT NULL,
            seen_at TEXT COLLATE "C" NOT NULL,
            PRIMARY KEY (name, holder)
        );
        CREATE TABLE leases (
            name TEXT COLLATE "C" PRIMARY KEY NOT NULL,
            holder TEXT COLLATE "C" NOT NULL,
            host TEXT COLLATE "C" NOT NULL,
            pid BIGINT NOT NULL,
            token BIGINT NOT NULL,
            since TEXT COLLATE "C" NOT NULL,
            expires_at TEXT COLLATE "C" NOT NULL,
            renewed_at TEXT COLLATE "C" NOT NULL
        );
        CREATE TABLE materializations (
            seq BIGINT PRIMARY KEY,
            asset TEXT COLLATE "C" NOT NULL,
            partition_key TEXT COLLATE "C" NOT NULL,
            partition_display TEXT COLLATE "C",
            run_id TEXT COLLATE "C",
            step_key TEXT COLLATE "C",
            attempt BIGINT,
            code_version TEXT COLLATE "C",
            data_version TEXT COLLATE "C" NOT NULL,
            consumed TEXT COLLATE "C" NOT NULL,
            materialized_at TEXT COLLATE "C" NOT NULL
        );
        CREATE TABLE partition_status (
            asset TEXT COLLATE "C" NOT NULL,
            partition_key TEXT COLLATE "C" NOT NULL,
            partition_display TEXT COLLATE "C",
            last_materialization_seq BIGINT,
            last_materialized_at TEXT COLLATE "C",
            last_materialization_run_id TEXT COLLATE "C",
            data_version TEXT COLLATE "C",
            code_version TEXT COLLATE "C",
            last_attempt_run_id TEXT COLLATE "C",
            last_attempt_outcome TEXT COLLATE "C",
            last_attempt_at TEXT COLLATE "C",
            in_progress_run_id TEXT COLLATE "C",
            data_version_since TEXT COLLATE "C",
            PRIMARY KEY (asset, partition_key)
        );
        CREATE TABLE projection_meta (
            id BIGINT PRIMARY KEY CHECK (id = 1),
            applied_seq BIGINT NOT NULL,
            applied_hash TEXT COLLATE "C" NOT NULL,
            unknown_events BIGINT NOT NULL,
            rejected_events BIGINT NOT NULL,
            fold_version BIGINT NOT NULL
        );
        CREATE TABLE run_key_conflicts (
            run_key TEXT COLLATE "C" NOT NULL,
            seq BIGINT NOT NULL,
            existing_run_id TEXT COLLATE "C" NOT NULL,
            existing_fingerprint TEXT COLLATE "C" NOT NULL,
            conflicting_run_id TEXT COLLATE "C" NOT NULL,
            conflicting_fingerprint TEXT COLLATE "C" NOT NULL,
            detected_at TEXT COLLATE "C" NOT NULL,
            PRIMARY KEY (run_key, seq)
        );
        CREATE TABLE run_keys (
            run_key TEXT COLLATE "C" PRIMARY KEY,
            run_id TEXT COLLATE "C" NOT NULL,
            fingerprint TEXT COLLATE "C" NOT NULL,
            created_at TEXT COLLATE "C" NOT NULL,
            seq BIGINT NOT NULL
        );
        CREATE TABLE runs (
            run_id TEXT COLLATE "C" PRIMARY KEY,
            run_key TEXT COLLATE "C",
            fingerprint TEXT COLLATE "C" NOT NULL,
            selection TEXT COLLATE "C" NOT NULL,
            tags TEXT COLLATE "C" NOT NULL,
            trigger_kind TEXT COLLATE "C" NOT NULL,
            trigger_ref TEXT COLLATE "C",
            status TEXT COLLATE "C" NOT NULL,
            requested_at TEXT COLLATE "C" NOT NULL,
            started_at TEXT COLLATE "C",
            finished_at TEXT COLLATE "C",
            executions BIGINT NOT NULL,
            pid BIGINT,
            host TEXT COLLATE "C",
            cancel_requested BIGINT NOT NULL,
            reason TEXT COLLATE "C",
            steps_total BIGINT NOT NULL,
            steps_succeeded BIGINT NOT NULL,
            steps_failed BIGINT NOT NULL,
            steps_skipped BIGINT NOT NULL,
            steps_canceled BIGINT NOT NULL,
            requested_seq BIGINT NOT NULL,
            parent_run_id TEXT COLLATE "C",
            root_run_id TEXT COLLATE "C",
            partitions TEXT COLLATE "C"
        );
        CREATE TABLE schedule_state (
            schedule TEXT COLLATE "C" PRIMARY KEY NOT NULL,
            status TEXT COLLATE "C",
            state_version BIGINT NOT NULL,
            baseline_version BIGINT NOT NULL,
            baseline_since TEXT COLLATE "C",
            baseline_cadence TEXT COLLATE "C",
            last_tick_id TEXT COLLATE "C",
            last_scheduled_for TEXT COLLATE "C",
            last_tick_status TEXT COLLATE "C"
        );
        CREATE TABLE schedule_ticks (
            tick_id TEXT COLLATE "C" PRIMARY KEY NOT NULL,
            schedule TEXT COLLATE "C" NOT NULL,
            scheduled_for TEXT COLLATE "C" NOT NULL,
            scheduled_epoch BIGINT NOT NULL,
            status TEXT COLLATE "C" NOT NULL,
            run_key TEXT COLLATE "C",
            run_id TEXT COLLATE "C",
            reason TEXT COLLATE "C",
            recorded_at TEXT COLLATE "C" NOT NULL
        );
        CREATE TABLE sensor_evals (
            eval_id TEXT COLLATE "C" PRIMARY KEY NOT NULL,
            sensor TEXT COLLATE "C" NOT NULL,
            seq BIGINT NOT NULL,
            source TEXT COLLATE "C" NOT NULL,
            message_id TEXT COLLATE "C",
            status TEXT COLLATE "C" NOT NULL,
            cursor_before TEXT COLLATE "C",
            cursor_after TEXT COLLATE "C",
            state_version BIGINT NOT NULL,
            reason TEXT COLLATE "C",
            run_requests TEXT COLLATE "C" NOT NULL,
            payload TEXT COLLATE "C",
            evaluated_at TEXT COLLATE "C" NOT NULL
        );
        CREATE TABLE sensor_state (
            sensor TEXT COLLATE "C" PRIMARY KEY NOT NULL,
            status TEXT COLLATE "C",
            state_version BIGINT NOT NULL,
            cursor TEXT COLLATE "C",
            last_eval_id TEXT COLLATE "C",
            last_evaluated_at TEXT COLLATE "C",
            last_eval_status TEXT COLLATE "C",
            position BIGINT NOT NULL
        );
        CREATE TABLE staleness_cache (
            asset TEXT COLLATE "C" PRIMARY KEY NOT NULL,
            fingerprint TEXT COLLATE "C" NOT NULL,
            never_materialized BIGINT NOT NULL,
            code_changed BIGINT NOT NULL,
            upstream_never_materialized BIGINT NOT NULL,
            upstream_changed BIGINT NOT NULL,
            upstream_stale BIGINT NOT NULL,
            freshness_violated BIGINT NOT NULL,
            fresh BIGINT NOT NULL,
            structure TEXT COLLATE "C" NOT NULL,
            as_of BIGINT NOT NULL,
            keys_count BIGINT,
            keys_digest TEXT COLLATE "C",
            rows BYTEA NOT NULL
        );
        CREATE TABLE staleness_cache_epoch (
            id BIGINT PRIMARY KEY CHECK (id = 0),
            epoch BIGINT NOT NULL
        );
        CREATE TABLE steps (
            run_id TEXT COLLATE "C" NOT NULL,
            step_key TEXT COLLATE "C" NOT NULL,
            position BIGINT NOT NULL,
            asset TEXT COLLATE "C" NOT NULL,
            partition_key TEXT COLLATE "C",
            partition_range TEXT COLLATE "C" NOT NULL,
            depends_on TEXT COLLATE "C" NOT NULL,
            status TEXT COLLATE "C" NOT NULL,
            attempt BIGINT NOT NULL,
            attempt_id TEXT COLLATE "C",
            started_at TEXT COLLATE "C",
            finished_at TEXT COLLATE "C",
            exit_code BIGINT,
            reason TEXT COLLATE "C",
            canonical_partitions TEXT COLLATE "C" NOT NULL,
            PRIMARY KEY (run_id, step_key)
        );
        INSERT INTO projection_meta (id, applied_seq, applied_hash, unknown_events, rejected_events, fold_version)
        VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000', 0, 0, 2);
        INSERT INTO staleness_cache_epoch (id, epoch) VALUES (0, 0);
        CREATE INDEX backfill_partitions_by_position ON backfill_partitions(backfill_id, position);
        CREATE INDEX backfill_partitions_by_status ON backfill_partitions(backfill_id, status, position);
        CREATE INDEX backfills_by_created_seq ON backfills(created_seq);
        CREATE INDEX backfills_by_request_key ON backfills(request_key);
        CREATE INDEX events_by_correlation ON events(correlation_id, seq) WHERE correlation_id IS NOT NULL;
        CREATE INDEX materializations_by_asset_seq ON materializations(asset, seq);
        CREATE INDEX materializations_by_partition ON materializations(asset, partition_key, seq);
        CREATE INDEX runs_by_requested_seq ON runs(requested_seq);
        CREATE INDEX runs_by_status ON runs(status, requested_seq);
        CREATE INDEX schedule_ticks_by_time ON schedule_ticks(schedule, scheduled_epoch);
        CREATE INDEX sensor_evals_by_message ON sensor_evals(sensor, message_id);
        CREATE INDEX sensor_evals_by_seq ON sensor_evals(sensor, seq);
        """

    /// What workers on other hosts need from the store: heartbeats as rows (with SQLite they are
    /// files beside the store) and step log chunks, so `arco logs` reads a remote run's output.
    static let m0002 = """
        CREATE TABLE heartbeats (
            run_id TEXT COLLATE "C" PRIMARY KEY NOT NULL,
            host TEXT COLLATE "C" NOT NULL,
            pid BIGINT NOT NULL,
            beat_at TEXT COLLATE "C" NOT NULL
        );
        CREATE TABLE log_chunks (
            run_id TEXT COLLATE "C" NOT NULL,
            step_key TEXT COLLATE "C" NOT NULL,
            attempt BIGINT NOT NULL,
            chunk BIGINT NOT NULL,
            byte_offset BIGINT NOT NULL,
            bytes BYTEA NOT NULL,
            PRIMARY KEY (run_id, step_key, attempt, chunk)
        );
        """

    /// 0001 copied SQLite's first `projection_meta` row, fold version 2, but not SQLite's later
    /// migrations that restamp an empty store (`fold_version = 3` … `7 WHERE applied_seq = 0`).
    /// A fresh schema therefore claimed fold version 2: appends through the store carried it into
    /// the meta row, so `rebuild --verify` reported `projection_meta` on a healthy store and the
    /// projections differed from SQLite's for the same ledger (the engine hid it by refolding an
    /// outdated store on open). Stamped the way SQLite stamps each new fold version.
    static let m0003 = """
        UPDATE projection_meta SET fold_version = 7 WHERE applied_seq = 0;
        """
}
