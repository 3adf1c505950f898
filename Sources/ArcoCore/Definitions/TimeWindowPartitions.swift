/// A time-window partitions definition (`hourly`, `daily`, `weekly`, `monthly`, `time_window`).
///
/// Keys are window starts formatted with `format`. `end` is exclusive, as in Dagster: the last
/// partition is the one whose window ends at or before `end`.
public struct TimeWindowPartitions: Sendable, Hashable {
    /// How windows are cut.
    public var cadence: TimeWindowCadence
    /// The first window starts at the first tick at or after `start`.
    public var start: WallDateTime
    /// The exclusive end, if any.
    public var end: WallDateTime?
    /// The IANA time zone windows are computed in; `UTC` by default.
    public var timezone: String
    /// The strftime format of keys; the cadence's default unless `fmt:` is set.
    public var format: String
    /// Windows added past the last complete one (negative values remove windows).
    public var endOffset: Int
    /// Windows left out of the set.
    public var exclusions: [PartitionExclusion]

    /// Creates a definition.
    public init(cadence: TimeWindowCadence, start: WallDateTime, end: WallDateTime? = nil,
        timezone: String = "UTC", format: String? = nil, endOffset: Int = 0,
        exclusions: [PartitionExclusion] = [])
    {
        self.cadence = cadence
        self.start = start
        self.end = end
        self.timezone = timezone
        self.format = format ?? cadence.defaultFormat
        self.endOffset = endOffset
        self.exclusions = exclusions
    }

    /// The cron whose ticks start windows, derived from the cadence as Dagster derives it.
    public var cronExpression: String { cadence.cronExpression }
}
