/// When an asset counts as stale because it was not refreshed recently enough.
public struct FreshnessPolicy: Sendable, Hashable {
    /// The longest accepted age of the latest materialization.
    public var maxLag: Duration
    /// A deadline: with a cron, the data must be at most `maxLag` old at each of its ticks
    /// (`"0 9 * * *"`: fresh by 09:00).
    public var cron: CronSyntax?
    /// The IANA time zone of `cron`; `UTC` by default.
    public var timezone: String

    /// Creates a policy.
    public init(maxLag: Duration, cron: CronSyntax? = nil, timezone: String = "UTC") {
        self.maxLag = maxLag
        self.cron = cron
        self.timezone = timezone
    }
}
