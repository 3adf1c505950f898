/// One entry of a time-window definition's `exclusions:` list.
public enum PartitionExclusion: Sendable, Hashable {
    /// Windows starting at a tick of this cron are excluded (`"0 0 * * 6,0"`: weekends).
    case cron(CronSyntax)
    /// The window starting at this date-time is excluded (`2024-12-25`).
    case dateTime(WallDateTime)
}
