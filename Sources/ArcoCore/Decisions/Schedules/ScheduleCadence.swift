/// What a schedule's ticks depend on: its crons and zone, and nothing else.
///
/// The baseline remembers the cadence it was set for; a different cadence at the next
/// evaluation means the cron or zone was edited, and the schedule starts over from then, so the
/// old cron's ticks (and the new cron's ticks from before the edit) never run. Target, partition
/// and catch-up edits keep the baseline, as Dagster keeps a schedule's cursor through them.
public enum ScheduleCadence {
    /// `{zone} {cron}|{cron}…`, readable in the `schedule_state` table. Written canonically, so
    /// that rewriting the same cadence (a list in another order, extra spaces, `30,0` for `0,30`,
    /// `Etc/UTC` for `UTC`) is not taken for an edit that starts the schedule over.
    public static func key(_ schedule: ScheduleDefinition) -> String {
        let crons = Set(schedule.crons.map(\.canonical)).sorted()
        return zone(schedule.timezone) + " " + crons.joined(separator: "|")
    }

    /// The names the tz database gives UTC, read as one zone.
    private static let utcAliases: Set<String> = [
        "UTC", "Etc/UTC", "UCT", "Etc/UCT", "Zulu", "Etc/Zulu", "Universal", "Etc/Universal",
    ]

    private static func zone(_ identifier: String) -> String {
        utcAliases.contains(identifier) ? "UTC" : identifier
    }

    /// The tick iterator of a schedule; nil when its zone is unknown on this machine (validation
    /// rejects such a zone, so this means the tz database changed since).
    public static func ticks(_ schedule: ScheduleDefinition) -> CronSchedule? {
        CronSchedule(crons: schedule.crons, timeZoneIdentifier: schedule.timezone)
    }
}
