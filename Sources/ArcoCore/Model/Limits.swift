/// The bounds arco puts on what a workspace may ask of it, named in one place (house rule 8).
///
/// Each limit is documented in docs/workspace.md and decided in
/// docs/adr/0014-partition-definition-limits.md.
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
}
