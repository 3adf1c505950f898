/// What a schedule's ticks depend on: its crons and zone, and nothing else.
///
/// The baseline remembers the cadence it was set for; a different cadence at the next
/// evaluation means the cron or zone was edited, and the schedule starts over from then, so the
/// old cron's ticks (and the new cron's ticks from before the edit) never run. Target, partition
/// and catch-up edits keep the baseline, as Dagster keeps a schedule's cursor through them.
public enum ScheduleCadence {
    /// `{zone} {cron}|{cron}…`, readable in the `schedule_state` table.
    public static func key(_ schedule: ScheduleDefinition) -> String {
        schedule.timezone + " " + schedule.crons.map(\.text).joined(separator: "|")
    }

    /// The tick iterator of a schedule; nil when its zone is unknown on this machine (validation
    /// rejects such a zone, so this means the tz database changed since).
    public static func ticks(_ schedule: ScheduleDefinition) -> CronSchedule? {
        CronSchedule(crons: schedule.crons, timeZoneIdentifier: schedule.timezone)
    }
}
