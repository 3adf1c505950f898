/// The bounds arco puts on what a workspace may ask of it, named in one place (house rule 8).
///
/// Each limit is documented in docs/workspace.md (or docs/cli.md for what operators type) and
/// decided in an ADR: partitions in docs/adr/0014-partition-definition-limits.md, step reports
/// in docs/adr/0015-step-report-bounds.md.
public enum Limits {
    /// The most partitions one definition may have: a time-window set at the time a command
    /// runs, a static or dynamic list, or the product of a multi definition's dimensions.
    ///
    /// Dagster advises at most 100,000 partitions per asset; ten times that still lists in a
    /// few seconds and keeps a staleness report in memory, while a minutely set since 1990
    /// (19 million windows) took 105 s and 8.9 GB before this limit existed.
    public static let partitionsPerDefinitionMax = 1_000_000

    /// The most partitions `backfill create --chunk-size` may plan per chunk: more than a
    /// definition may have is never useful, and an unbounded size overflowed the chunk count.
    public static let backfillChunkPartitionsMax = partitionsPerDefinitionMax

    /// The largest offset counted in windows, either way: a time-window definition's `end_offset`
    /// and a time-window mapping's `start_offset` and `end_offset`. Walking an offset costs one
    /// tick per window, and an offset past Dagster's advised 100,000 partitions is a typo, not a
    /// plan.
    public static let windowOffsetMagnitudeMax = 100_000

    /// The longest run key, in UTF-8 bytes. A run key is an operator's handle, printed in a
    /// `status` table cell and stored in an index; 512 bytes holds any sensible composite key
    /// (asset, partition, date, hash) while a pasted file or a runaway `$(…)` is refused.
    public static let runKeyBytesMax = 512

    /// The most `ARCO_REPORT` content one attempt may report, in bytes (1 MiB). The report
    /// becomes one ledger event per partition, folded and kept forever: a 150 MB metadata line
    /// once cost a 150 MB event and 505 MB of memory. Only the whole lines within this many bytes
    /// are kept (docs/adr/0015-step-report-bounds.md).
    public static let stepReportBytesMax: Int64 = 1 << 20

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
}
