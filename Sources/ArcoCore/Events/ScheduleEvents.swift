/// What a schedule tick decided.
public enum TickStatus: String, Sendable, Hashable, CaseIterable {
    case triggered = "TRIGGERED"
    case skipped = "SKIPPED"
    case failed = "FAILED"
}

/// A schedule was evaluated for one scheduled instant.
public struct ScheduleTicked: EventBody {
    public static let storedType = "ScheduleTicked"
    public static let version = 1

    /// The schedule.
    public var schedule: String
    /// The instant the tick was scheduled for.
    public var scheduledFor: Timestamp
    /// What the tick decided.
    public var status: TickStatus
    /// Why it was skipped, if it was.
    public var skipReason: String?
    /// Why it failed, if it did.
    public var error: String?
    /// The run key of the run it requested (`sched:{schedule}:{epoch}`), if any.
    public var runKey: RunKey?
    /// The requested run's id, if any.
    public var runID: RunID?

    /// Creates the event.
    public init(
        schedule: String, scheduledFor: Timestamp, status: TickStatus, skipReason: String? = nil,
        error: String? = nil, runKey: RunKey? = nil, runID: RunID? = nil
    ) {
        self.schedule = schedule
        self.scheduledFor = scheduledFor
        self.status = status
        self.skipReason = skipReason
        self.error = error
        self.runKey = runKey
        self.runID = runID
    }

    /// `{schedule}:{scheduled_for epoch seconds}`; derived, so a replay reproduces it.
    public var tickID: String { "\(schedule):\(scheduledFor.secondsSinceEpoch)" }

    /// `sched_tick:{tick_id}`.
    public var idempotencyKey: IdempotencyKey { IdempotencyKey("sched_tick:\(tickID)") }

    public func payloadJSON() -> JSONValue {
        [
            "schedule": .string(schedule), "scheduled_for": .string(scheduledFor.iso8601),
            "tick_id": .string(tickID), "status": .string(status.rawValue),
            "skip_reason": .optional(skipReason), "error": .optional(error),
            "run_key": .optional(runKey?.rawValue), "run_id": .optional(runID?.rawValue),
        ]
    }

    public init(fields: JSONFields) throws(PayloadDecodingError) {
        self.schedule = try fields.string("schedule")
        self.scheduledFor = try fields.timestamp("scheduled_for")
        self.status = try fields.enumeration("status", as: TickStatus.self)
        self.skipReason = try fields.optionalString("skip_reason")
        self.error = try fields.optionalString("error")
        self.runKey = try fields.optionalString("run_key").map(RunKey.init)
        self.runID = try fields.optionalString("run_id").map(RunID.init)
    }
}

/// Whether an automation (schedule or sensor) is evaluated.
public enum AutomationStatus: String, Sendable, Hashable, CaseIterable {
    case running = "RUNNING"
    case stopped = "STOPPED"
}

/// A schedule was started or stopped.
public struct ScheduleStateChanged: EventBody {
    public static let storedType = "ScheduleStateChanged"
    public static let version = 1

    /// The schedule.
    public var schedule: String
    /// The new status.
    public var status: AutomationStatus
    /// The state version this change creates (previous + 1); a racing change is rejected.
    public var stateVersion: Int64

    /// Creates the event.
    public init(schedule: String, status: AutomationStatus, stateVersion: Int64) {
        self.schedule = schedule
        self.status = status
        self.stateVersion = stateVersion
    }

    /// `sched_state:{schedule}:{state_version}:{STATUS}`: content plus version.
    public var idempotencyKey: IdempotencyKey {
        IdempotencyKey("sched_state:\(schedule):\(stateVersion):\(status.rawValue)")
    }

    public func payloadJSON() -> JSONValue {
        ["schedule": .string(schedule), "status": .string(status.rawValue), "state_version": .int(stateVersion)]
    }

    public init(fields: JSONFields) throws(PayloadDecodingError) {
        self.schedule = try fields.string("schedule")
        self.status = try fields.enumeration("status", as: AutomationStatus.self)
        self.stateVersion = try fields.int("state_version")
    }
}
