/// A row of `schedule_state`: what the ledger says about one schedule, beside its definition.
public struct ScheduleStateRow: Sendable, Hashable {
    public var schedule: String
    /// The status recorded by `schedule start|stop`; nil while the file's `status` decides.
    public var status: AutomationStatus?
    /// The version of the last recorded start or stop (0: never toggled).
    public var stateVersion: Int64
    /// The version of the last `ScheduleBaselineSet` (0: never set).
    public var baselineVersion: Int64
    /// Ticks at or before this instant never run; nil: the next evaluation sets it.
    public var baselineSince: Timestamp?
    /// The crons and zone the baseline is for (`ScheduleCadence.key`).
    public var baselineCadence: String?
    /// The newest tick recorded.
    public var lastTickID: String?
    public var lastScheduledFor: Timestamp?
    public var lastTickStatus: TickStatus?

    /// Creates a row.
    public init(
        schedule: String, status: AutomationStatus? = nil, stateVersion: Int64 = 0, baselineVersion: Int64 = 0,
        baselineSince: Timestamp? = nil, baselineCadence: String? = nil, lastTickID: String? = nil,
        lastScheduledFor: Timestamp? = nil, lastTickStatus: TickStatus? = nil
    ) {
        self.schedule = schedule
        self.status = status
        self.stateVersion = stateVersion
        self.baselineVersion = baselineVersion
        self.baselineSince = baselineSince
        self.baselineCadence = baselineCadence
        self.lastTickID = lastTickID
        self.lastScheduledFor = lastScheduledFor
        self.lastTickStatus = lastTickStatus
    }

    /// What the due-tick decision reads from this row.
    public var progress: ScheduleProgress {
        ScheduleProgress(
            baselineSince: baselineSince, baselineCadence: baselineCadence, lastScheduledFor: lastScheduledFor,
            baselineVersion: baselineVersion)
    }
}

/// A row of `schedule_ticks`: one evaluated tick.
public struct ScheduleTickRow: Sendable, Hashable {
    /// `{schedule}:{scheduled_for epoch seconds}`.
    public var tickID: String
    public var schedule: String
    public var scheduledFor: Timestamp
    public var status: TickStatus
    public var runKey: RunKey?
    public var runID: RunID?
    /// The skip reason or the failure's error.
    public var reason: String?
    /// When the tick was recorded (the event's `recorded_at`).
    public var recordedAt: Timestamp

    /// Creates a row.
    public init(
        tickID: String, schedule: String, scheduledFor: Timestamp, status: TickStatus, runKey: RunKey?, runID: RunID?,
        reason: String?, recordedAt: Timestamp
    ) {
        self.tickID = tickID
        self.schedule = schedule
        self.scheduledFor = scheduledFor
        self.status = status
        self.runKey = runKey
        self.runID = runID
        self.reason = reason
        self.recordedAt = recordedAt
    }
}
