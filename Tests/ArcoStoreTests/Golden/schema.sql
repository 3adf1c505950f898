CREATE TABLE applied_keys (
    seq INTEGER PRIMARY KEY,
    idempotency_key TEXT NOT NULL,
    type TEXT NOT NULL,
    outcome TEXT NOT NULL
);
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
CREATE TABLE daemon_launches (
    run_id TEXT PRIMARY KEY NOT NULL,
    token INTEGER NOT NULL,
    launched_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE daemon_passes (
    name TEXT PRIMARY KEY NOT NULL,
    holder TEXT NOT NULL,
    token INTEGER NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    summary TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE dynamic_partition_versions (
    partitions_def TEXT PRIMARY KEY,
    state_version INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE dynamic_partitions (
    partitions_def TEXT NOT NULL,
    partition_key TEXT NOT NULL,
    added_seq INTEGER NOT NULL,
    PRIMARY KEY (partitions_def, partition_key)
) WITHOUT ROWID;
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
CREATE TABLE fold_rejections (
    seq INTEGER PRIMARY KEY,
    idempotency_key TEXT NOT NULL,
    type TEXT NOT NULL,
    reason TEXT NOT NULL
);
CREATE TABLE lease_standbys (
    name TEXT NOT NULL,
    holder TEXT NOT NULL,
    host TEXT NOT NULL,
    pid INTEGER NOT NULL,
    seen_at TEXT NOT NULL,
    PRIMARY KEY (name, holder)
) WITHOUT ROWID;
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
    in_progress_run_id TEXT, data_version_since TEXT,
    PRIMARY KEY (asset, partition_key)
) WITHOUT ROWID;
CREATE TABLE projection_meta (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    applied_seq INTEGER NOT NULL,
    applied_hash TEXT NOT NULL,
    unknown_events INTEGER NOT NULL,
    rejected_events INTEGER NOT NULL,
    fold_version INTEGER NOT NULL
);
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
CREATE TABLE run_keys (
    run_key TEXT PRIMARY KEY,
    run_id TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    created_at TEXT NOT NULL,
    seq INTEGER NOT NULL
) WITHOUT ROWID;
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
, parent_run_id TEXT, root_run_id TEXT, partitions TEXT) WITHOUT ROWID;
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
CREATE TABLE schema_migrations (name TEXT PRIMARY KEY NOT NULL) WITHOUT ROWID;
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
CREATE TABLE staleness_cache_epoch (
    id INTEGER PRIMARY KEY CHECK (id = 0),
    epoch INTEGER NOT NULL
);
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
