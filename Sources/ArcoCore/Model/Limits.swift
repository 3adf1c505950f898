/// Every bound arco puts on what a workspace, a step or the store may ask of it, and the sizes
/// and waits that keep its memory and pauses bounded, named in one place (house rule 8).
///
/// A limit an operator can meet is documented in docs/workspace.md (or docs/cli.md for what
/// operators type) and decided in an ADR: partitions in docs/adr/0014-partition-definition-limits.md,
/// step reports in docs/adr/0015-step-report-bounds.md, logs and descriptors in
/// docs/adr/0009-runs-and-execution.md and docs/adr/0013-symlinks-in-the-store.md. The rest are
/// internal sizes: changing one changes a benchmark (docs/benchmarks.md), never a result.
public enum Limits {
    // MARK: - Workspace definitions

    /// The most partitions one definition may have: a time-window set at the time a command
    /// runs, a static or dynamic list, or the product of a multi definition's dimensions.
    ///
    /// Dagster advises at most 100,000 partitions per asset; ten times that still lists in a
    /// few seconds and keeps a staleness report in memory, while a minutely set since 1990
    /// (19 million windows) took 105 s and 8.9 GB before this limit existed.
    public static let partitionsPerDefinitionMax = 1_000_000

    /// The largest offset counted in windows, either way: a time-window definition's `end_offset`
    /// and a time-window mapping's `start_offset` and `end_offset`. Walking an offset costs one
    /// tick per window, and an offset past Dagster's advised 100,000 partitions is a typo, not a
    /// plan.
    public static let windowOffsetMagnitudeMax = 100_000

    /// The most YAML nodes `arco.yaml` may expand to. Aliases share nodes, so a few lines of
    /// nested aliases can expand exponentially ("billion laughs"); real workspace files stay far
    /// below.
    public static let workspaceNodesMax = 1_000_000

    /// The largest byte size a workspace may write (`log_max: 2GiB`): 1 TiB. Larger is a typo,
    /// and the arithmetic on sizes stays far from overflow.
    public static let byteSizeMax: Int64 = 1 << 40

    /// The longest duration a workspace may write (a timeout, an interval): 100 years, past any
    /// real wait and far from `Duration`'s overflow.
    public static let durationMax = Duration.seconds(100 * 365 * 86_400)

    /// The deepest JSON nesting accepted (event payloads, step reports, imports): it bounds the
    /// parser's recursion on hostile input.
    public static let jsonDepthMax = 256

    /// How many keys of a partition set an "unknown partition" error scans for its nearest
    /// suggestions: a bounded prefix keeps the error instant on a million-key set.
    public static let nearestKeysScannedMax = 100_000

    // MARK: - Runs and steps

    /// The longest run key, in UTF-8 bytes. A run key is an operator's handle, printed in a
    /// `status` table cell and stored in an index; 512 bytes holds any sensible composite key
    /// (asset, partition, date, hash) while a pasted file or a runaway `$(…)` is refused.
    public static let runKeyBytesMax = 512

    /// The most `ARCO_REPORT` content one attempt may report, in bytes (1 MiB). The report
    /// becomes one ledger event per partition, folded and kept forever: a 150 MB metadata line
    /// once cost a 150 MB event and 505 MB of memory. Only the whole lines within this many bytes
    /// are kept (docs/adr/0015-step-report-bounds.md).
    public static let stepReportBytesMax: Int64 = 1 << 20

    /// The log bound of an attempt when its asset sets no `log_max`: 100 MiB.
    public static let stepLogBytesDefault: Int64 = 100 << 20

    /// The smallest `log_max`: below it the cut notice would outweigh the output kept.
    public static let stepLogBytesMin: Int64 = 1 << 10

    /// The most output held in memory for the tail of one attempt's log, whatever its `log_max`.
    public static let stepLogTailBytesMax: Int64 = 4 << 20

    /// The most of one attempt's log a PostgreSQL store keeps besides the file (16 MiB): the
    /// database copy is what another host reads, and 100 MiB logs (the default `log_max`) for
    /// every attempt would soon outweigh the ledger beside them. A longer log keeps its first
    /// 16 MiB, then a line naming the host and file that hold the rest
    /// (docs/adr/0024-postgres-step-logs.md).
    public static let stepLogDatabaseBytesMax: Int64 = 16 << 20

    /// A step's output waits at most this long before it is written to a PostgreSQL store, so a
    /// chatty step costs one round trip per interval rather than one per line.
    public static let logChunkFlushMilliseconds = 200

    /// The most bytes one row of `log_chunks` holds; output waiting this much is written at once.
    public static let logChunkBytesMax = 64 << 10

    /// The most `log_chunks` rows one read of `arco logs` fetches (4 MiB at most in memory).
    public static let logChunksPerPage = 64

    /// The most of a failed attempt's output its recorded error carries (2 KiB of whole last
    /// lines): enough for the message that says why, small enough for every event and table.
    public static let stepErrorTailBytesMax = 2 << 10

    /// Dagster skips dependency versions across edges with 100 or more upstream partitions
    /// (`SKIP_PARTITION_DATA_VERSION_DEPENDENCY_THRESHOLD`); so do we, to keep wide fans cheap:
    /// the materializer records no consumed versions there, and staleness compares none.
    public static let consumedVersionsMax = 100

    /// The read and copy size for step output, logs and reports: the memory one running step or
    /// one `arco logs` reader holds beyond its clipper's tail or one held-back line.
    public static let fileChunkBytes = 64 << 10

    /// After a step exits, at most this many reads drain its pipe (a pipe holds at most 1 MiB on
    /// Linux by default, so 32 reads of `fileChunkBytes` cover it), so a chatty grandchild that
    /// keeps the pipe open cannot hold the step.
    public static let outputDrainReadsMax = 32

    /// The longest unfinished log line `arco logs` holds back waiting for its newline; a longer
    /// one is handed on in pieces rather than held.
    public static let logLineHeldBytesMax = 1 << 20

    /// Descriptors kept for everything but steps: standard streams, the store's database, WAL and
    /// shared-memory files, a read-ahead connection, the runtime's epoll, eventfd and signalfd.
    public static let reservedDescriptors = 64

    /// Descriptors one running step may hold at its peak, with headroom (ten counted).
    public static let descriptorsPerStep = 12

    /// How long a run claimed on another host may go without a heartbeat before it is lost.
    public static let heartbeatTimeoutSeconds: Int64 = 60

    /// The range `ARCO_HEARTBEAT_TIMEOUT_MS` is clamped to.
    public static let heartbeatTimeoutMillisecondsMin: Int64 = 1_000
    public static let heartbeatTimeoutMillisecondsMax: Int64 = 86_400_000

    // MARK: - Backfills and automation

    /// The most partitions `backfill create --chunk-size` may plan per chunk: more than a
    /// definition may have is never useful, and an unbounded size overflowed the chunk count.
    public static let backfillChunkPartitionsMax = partitionsPerDefinitionMax

    /// Chunks a backfill driver plans in one pass at most, so one transaction stays small.
    public static let backfillChunksPerPass = 8

    /// The most runs one `reconcile tick` requests unless told otherwise: a safety lever against
    /// a definition change that makes everything stale at once.
    public static let automationRunsPerTick = 25

    // MARK: - The store

    /// How long a command waits for another process's write lock before exit 75, unless
    /// `ARCO_BUSY_TIMEOUT_MS` says otherwise.
    public static let busyTimeoutMillisecondsDefault = 10_000

    /// The longest single wait handed to SQLite's own busy handler; arco's retry loop covers the
    /// rest of the timeout, so a wait can be reported and a started run's writes retried.
    public static let busyWaitSliceMillisecondsMax = 2_000

    /// The longest pause between two tries of a write a started run must make (busy store, full
    /// disk): the backoff doubles up to this.
    public static let writeRetryBackoffMaxMilliseconds = 1_000

    /// How often, at most, a run waiting for disk space says so again.
    public static let diskFullReminderMilliseconds = 10_000

    /// Rows folded per scratch transaction by `rebuild`: large enough to amortise commits, small
    /// enough that a long rebuild never holds SQLite's page cache hostage.
    public static let rebuildBatchRows = 20_000

    /// Events `ledger import` folds before flushing its buffered projection rows, which bounds
    /// the memory an import of any size holds.
    public static let importFlushEvents = 10_000

    /// Ledger rows a PostgreSQL import sends together (inside one savepoint).
    public static let importChunkEvents = 1_000

    // MARK: - Staleness

    /// The most partition keys a staleness walk binds in one query to read some partitions'
    /// facts (a refresh's positions, a freshness check's latest window). Each key is a bound
    /// value and each number of keys its own cached statement, so the query's size is kept
    /// small: past this many keys the walk reads all the asset's facts in one scan instead, which
    /// gives the same verdicts. A bound on the query, not a measured optimum.
    public static let stalenessFactsKeysMax = 500

    /// The most materializations a report reads to refresh cached verdicts at the partitions
    /// they reached (ADR 0012). Past this many, evaluating the out-of-date assets in full costs
    /// less than reading the changes and refreshing, so the walk does that instead.
    public static let stalenessRefreshChangesMax = 20_000

    // MARK: - The shell

    /// Lines `.arco/shell_history` keeps: older ones are dropped when `arco shell` starts, so the
    /// file, read whole at start, stays small (docs/adr/0018-arco-shell.md).
    public static let shellHistoryLinesMax = 1000

    /// Recent runs and backfills whose ids TAB offers in `arco shell`: the ones an operator
    /// names by hand; older ids are typed or pasted.
    public static let shellCompletionIDsMax = 50

    // MARK: - Schedules

    /// How far back `catchup: all` looks when a schedule gives no `catchup_window`: 24 hours, the
    /// reference's default. A longer outage loses its older ticks, on purpose (no surprise runs).
    public static let scheduleCatchupWindowSeconds: Int64 = 24 * 3600

    /// The most missed ticks one evaluation runs under `catchup: all` when a schedule gives no
    /// `max_catchup_ticks`: Dagster's `max_catchup_runs` default. Later evaluations continue
    /// with the next oldest.
    public static let scheduleMaxCatchupTicks = 5

    /// How late a tick may be evaluated and still run under `catchup: none`: 90 seconds, so a
    /// system cron that fires every minute and misses one minute still runs the tick; later than
    /// this, the tick is recorded as SKIPPED.
    public static let scheduleOnTimeSeconds: Int64 = 90

    /// The most ticks `schedule preview` lists in one call: enough for a year of five-minute
    /// ticks, small enough to print in well under a second.
    public static let schedulePreviewTicksMax = 200_000

    /// How many ticks `schedule preview` lists when given neither `--until` nor `--count`.
    public static let schedulePreviewTicksDefault = 10

    /// The most schedule runs `schedule tick` keeps executing at once: it starts workers for
    /// queued schedule runs only while fewer are in flight, oldest first; the rest stay queued
    /// for the next tick or an `arco worker`.
    public static let scheduleRunsInFlightMax = 25

    // MARK: - Sensors

    /// The most a poll (or push) sensor command may print on stdout: 1 MiB. Past it the command's
    /// process group is killed and the evaluation is an ERROR; the cursor is kept.
    public static let sensorOutputBytesMax = 1 << 20

    /// How much of a failed sensor command's stderr the evaluation keeps as its reason: the last
    /// 4 KiB, enough for a stack trace's end.
    public static let sensorStderrTailBytes = 4096

    /// The most stderr a sensor command may write before its group is killed (kept on disk only
    /// while the command runs), so a chatty loop cannot fill the disk before its timeout.
    public static let sensorStderrBytesMax = 4 << 20

    /// How long a poll sensor's command may run when the sensor gives no `timeout`: 60 seconds.
    /// Then its whole process group is killed and the evaluation is an ERROR.
    public static let sensorTimeoutSecondsDefault: Int64 = 60

    /// How long a sensor command has between SIGTERM and SIGKILL after its timeout.
    public static let sensorKillGraceMilliseconds = 500

    /// The most run requests one evaluation may return; more is an ERROR (a sensor that means
    /// to request a backfill should say so with `arco backfill`).
    public static let sensorRunRequestsMax = 1000

    /// The most dynamic partition keys one evaluation may add (Dagster recommends at most 25,000
    /// changes per evaluation).
    public static let sensorAddedPartitionsMax = 25_000

    /// The longest cursor a sensor may return or an operator may set: 64 KiB. A cursor is read on
    /// every evaluation and shown by `sensor list`; bulk state belongs in the sensor's own files.
    public static let sensorCursorBytesMax = 64 << 10

    /// The largest payload `arco sensor push` accepts: 1 MiB, stored in the ledger as opaque
    /// bytes.
    public static let sensorPayloadBytesMax = 1 << 20

    /// The longest message id `arco sensor push` accepts; ids are part of an idempotency key.
    public static let sensorMessageIDBytesMax = 256

    /// The most materializations one asset-sensor evaluation reads past its position; the next
    /// evaluation continues after the last one read.
    public static let assetSensorEventsPerEvalMax = 1000

    /// The most sensor runs `sensor eval` and `sensor push` keep executing at once: workers are
    /// started for queued sensor runs only while fewer are in flight, oldest first.
    public static let sensorRunsInFlightMax = 25

    /// The most backfill runs, and the most automation runs, the daemon keeps executing at once
    /// (each kind apart, as schedules and sensors have theirs); a backfill's own
    /// `max_concurrent_runs` applies within it.
    public static let daemonRunsInFlightMax = 25

    /// The shortest `--lease` and `--interval` the daemon accepts: below a second, renewals
    /// (a third of the lease) would queue on the store's write lock.
    public static let daemonLeaseSecondsMin: Int64 = 1
}
