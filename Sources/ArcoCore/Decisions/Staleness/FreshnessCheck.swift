/// Whether a materialization violates a freshness policy at a given time (ADR 0011).
public struct FreshnessCheck: Sendable {
    /// The policy.
    public let policy: FreshnessPolicy
    private let schedule: CronSchedule?

    /// Prepares the policy; nil when its cron's time zone is unknown (validation rejects that).
    public init?(_ policy: FreshnessPolicy) {
        self.policy = policy
        if let cron = policy.cron {
            guard let zone = ZoneOffsets(identifier: policy.timezone) else { return nil }
            schedule = CronSchedule(cron, timeZone: zone.timeZone)
        } else {
            schedule = nil
        }
    }

    /// The policy's lag in whole microseconds.
    var maxLagMicroseconds: Int64 {
        let (seconds, attoseconds) = policy.maxLag.components
        return seconds * 1_000_000 + attoseconds / 1_000_000_000_000
    }

    /// The deadline a materialization made at `materializedAt` missed by `now`, or nil while it
    /// is fresh. Without a cron the deadline is `materializedAt + max_lag`, and reaching it
    /// exactly is still fresh. With one, every tick is a deadline by which the data must be at
    /// most `max_lag` old; the missed deadline is the first tick after `materializedAt +
    /// max_lag`, missed once it has come (a tick at `now` has come).
    public func missedDeadline(materializedAt: Timestamp, now: Timestamp) -> Timestamp? {
        let limit = materializedAt.advanced(byMicroseconds: maxLagMicroseconds)
        guard let schedule else { return now > limit ? limit : nil }
        guard let tick = schedule.next(after: limit), tick <= now else { return nil }
        return tick
    }

    /// The `cause` of a violation.
    func cause(materializedAt: Timestamp, deadline: Timestamp) -> StalenessCause {
        .freshnessViolated(
            materializedAt: materializedAt, maxLagSeconds: maxLagMicroseconds / 1_000_000, cron: policy.cron?.text,
            deadline: deadline)
    }
}
