/// How a time-window definition cuts time: a fixed cadence with offsets, or any cron.
public enum TimeWindowCadence: Sendable, Hashable {
    /// Windows start every hour at `minuteOffset`.
    case hourly(minuteOffset: Int)
    /// Windows start every day at `hourOffset:minuteOffset`.
    case daily(minuteOffset: Int, hourOffset: Int)
    /// Windows start on weekday `dayOffset` (0 = Sunday) at `hourOffset:minuteOffset`.
    case weekly(minuteOffset: Int, hourOffset: Int, dayOffset: Int)
    /// Windows start on day `dayOffset` (1-31) of each month at `hourOffset:minuteOffset`;
    /// as in Dagster, days 29-31 skip months that lack them.
    case monthly(minuteOffset: Int, hourOffset: Int, dayOffset: Int)
    /// Windows start at each tick of a cron (`type: time_window`).
    case cron(CronSyntax)

    /// The cron string Dagster derives from the cadence (`30 2 * * *` for daily 02:30).
    public var cronExpression: String {
        switch self {
        case .hourly(let minute): "\(minute) * * * *"
        case .daily(let minute, let hour): "\(minute) \(hour) * * *"
        case .weekly(let minute, let hour, let day): "\(minute) \(hour) * * \(day)"
        case .monthly(let minute, let hour, let day): "\(minute) \(hour) \(day) * *"
        case .cron(let cron): cron.text
        }
    }

    /// Dagster's default key format for the cadence.
    public var defaultFormat: String {
        if case .hourly = self { return "%Y-%m-%d-%H:%M" }
        return "%Y-%m-%d"
    }

    /// The `type:` spelling in `arco.yaml`.
    public var typeName: String {
        switch self {
        case .hourly: "hourly"
        case .daily: "daily"
        case .weekly: "weekly"
        case .monthly: "monthly"
        case .cron: "time_window"
        }
    }
}
