import ArcoCore

/// One tick as `schedule tick` and `schedule history` show it.
public struct ScheduleTickOutcome: Sendable, Hashable {
    public var schedule: String
    public var tickID: String
    public var scheduledFor: Timestamp
    public var status: TickStatus
    public var runKey: RunKey?
    public var runID: RunID?
    /// The skip reason or the failure's error.
    public var reason: String?
    /// The requested run's status, where it was read (history).
    public var runStatus: RunStatus?
    /// `scheduledFor` with the offset the schedule's zone had then, for people (nil when the
    /// schedule is no longer declared); JSON keeps the UTC instant.
    public var local: ZonedTimestamp?

    /// The tick time as people read it: local with its offset where the zone is known.
    public var localText: String { local?.iso8601 ?? scheduledFor.iso8601 }

    /// The same outcome, its time also given in the zone of `ticks`.
    func localized(_ ticks: CronSchedule?) -> ScheduleTickOutcome {
        var copy = self
        copy.local = ticks.map { Engine.zoned(scheduledFor, $0) }
        return copy
    }

    /// The outcome of a recorded (or, in a dry run, drafted) `ScheduleTicked`.
    public init(_ ticked: ScheduleTicked, runStatus: RunStatus? = nil) {
        schedule = ticked.schedule
        tickID = ticked.tickID
        scheduledFor = ticked.scheduledFor
        status = ticked.status
        runKey = ticked.runKey
        runID = ticked.runID
        reason = ticked.skipReason ?? ticked.error
        self.runStatus = runStatus
    }

    /// The outcome of a tick row.
    public init(_ row: ScheduleTickRow, runStatus: RunStatus?) {
        schedule = row.schedule
        tickID = row.tickID
        scheduledFor = row.scheduledFor
        status = row.status
        runKey = row.runKey
        runID = row.runID
        reason = row.reason
        self.runStatus = runStatus
    }
}

/// What `Engine.scheduleTick` reports as it goes, for a command (or the daemon) to render.
public enum ScheduleTickEvent: Sendable {
    /// A schedule named explicitly is stopped: nothing was evaluated or recorded for it.
    case stopped(String)
    /// A schedule's evaluation starts over at `since` (first evaluation, cron changed), or,
    /// with `since` nil, its baseline was cleared because the file stopped it.
    case baseline(String, since: Timestamp?, reason: String)
    /// A tick was recorded (or would be, in a dry run).
    case ticked(ScheduleTickOutcome)
    /// More missed ticks wait for later evaluations (`catchup: all` cap reached).
    case deferred(String, count: Int)
    /// A worker process was started for a queued schedule run.
    case launched(RunID)
}

/// What one `Engine.scheduleTick` call did.
public struct ScheduleTickReport: Sendable {
    /// The ticks recorded by this call (or that would be, in a dry run), in evaluation order.
    public var ticks: [ScheduleTickOutcome] = []
    /// Runs whose worker this call started.
    public var launched: [RunID] = []
}
