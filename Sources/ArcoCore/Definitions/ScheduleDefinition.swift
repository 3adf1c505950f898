/// A schedule: a cron in a time zone that requests runs of a selection.
public struct ScheduleDefinition: Sendable, Hashable {
    /// Which partition a tick requests.
    public enum PartitionSelection: Sendable, Hashable {
        /// The latest complete partition at the tick (the default).
        case latest
        /// No partition: the target's unpartitioned assets only.
        case none
        /// This exact key (written quoted when it would read as a keyword, e.g. `"latest"`).
        case key(String)
    }

    /// What happens to ticks missed while arco was not running.
    public enum CatchupPolicy: String, Sendable, Hashable, CaseIterable {
        /// One run for the most recent missed tick (the default).
        case latest
        /// Every missed tick inside `catchupWindow`, at most `maxCatchupTicks` per evaluation.
        case all
        /// Missed ticks are skipped.
        case none
    }

    /// The schedule's name.
    public var name: ScheduleName
    /// When it ticks: the union of these crons' ticks (one cron, or a list in `arco.yaml`).
    public var crons: [CronSyntax]
    /// The IANA time zone of the cron; `UTC` by default.
    public var timezone: String
    /// The asset selection, stored as written; it is resolved when the schedule ticks.
    public var target: String
    /// Which partition each tick requests.
    public var partition: PartitionSelection
    /// The catch-up policy.
    public var catchup: CatchupPolicy
    /// How far back catch-up looks; nil means the scheduler's default.
    public var catchupWindow: Duration?
    /// The most ticks one evaluation catches up; nil means the scheduler's default.
    public var maxCatchupTicks: Int?
    /// The status it starts with.
    public var status: InstigatorStatus
    /// Tags copied onto the runs it requests.
    public var tags: [String: String]

    /// Creates a schedule with the defaults of `arco.yaml`.
    public init(
        name: ScheduleName, crons: [CronSyntax], timezone: String = "UTC", target: String,
        partition: PartitionSelection = .latest, catchup: CatchupPolicy = .latest,
        catchupWindow: Duration? = nil, maxCatchupTicks: Int? = nil,
        status: InstigatorStatus = .stopped, tags: [String: String] = [:]
    ) {
        self.name = name
        self.crons = crons
        self.timezone = timezone
        self.target = target
        self.partition = partition
        self.catchup = catchup
        self.catchupWindow = catchupWindow
        self.maxCatchupTicks = maxCatchupTicks
        self.status = status
        self.tags = tags
    }

    /// Creates a schedule of one cron with the defaults of `arco.yaml`.
    public init(name: ScheduleName, cron: CronSyntax, timezone: String = "UTC", target: String) {
        self.init(name: name, crons: [cron], timezone: timezone, target: target)
    }

    /// The crons as written, separated by ` | `: a comma is list syntax inside one cron.
    public var cronText: String { crons.map(\.text).joined(separator: " | ") }
}
