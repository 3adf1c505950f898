import ArcoCore

/// One sensor evaluation as `sensor eval`, `sensor push` and `sensor history` show it.
public struct SensorEvalOutcome: Sendable, Hashable {
    /// The statuses an evaluation is reported with: the recorded ones plus TOO_SOON (nothing
    /// recorded).
    public enum Status: String, Sendable, Hashable {
        case triggered = "TRIGGERED"
        case noNewData = "NO_NEW_DATA"
        case skipped = "SKIPPED"
        case skippedStaleCursor = "SKIPPED_STALE_CURSOR"
        case tooSoon = "TOO_SOON"
        case error = "ERROR"

        init(_ status: SensorEvalStatus) { self = Status(rawValue: status.rawValue) ?? .error }
    }

    public var sensor: String
    /// Nil for TOO_SOON.
    public var evalID: String?
    public var status: Status
    public var cursorBefore: String?
    public var cursorAfter: String?
    /// The state version after the evaluation (the current one when nothing was applied).
    public var stateVersion: Int64
    public var runRequests: [SensorRunRequest]
    public var reason: String?
    /// When it was recorded; nil for TOO_SOON.
    public var evaluatedAt: Timestamp?
    /// TOO_SOON: when the next evaluation is allowed.
    public var nextAllowed: Timestamp?
    /// `sensor push` of a message already recorded: this is the original evaluation.
    public var duplicate: Bool = false

    /// An evaluation as folded.
    public init(_ row: SensorEvalRow, duplicate: Bool = false) {
        sensor = row.sensor
        evalID = row.evalID
        status = Status(row.status)
        cursorBefore = row.cursorBefore
        cursorAfter = row.cursorAfter
        stateVersion = row.stateVersion
        runRequests = row.runRequests
        reason = row.reason
        evaluatedAt = row.evaluatedAt
        self.duplicate = duplicate
    }

    /// A sensor not evaluated because its minimum interval has not passed.
    public static func tooSoon(_ sensor: String, state: SensorStateRow, next: Timestamp) -> SensorEvalOutcome {
        SensorEvalOutcome(
            sensor: sensor, evalID: nil, status: .tooSoon, cursorBefore: state.cursor, cursorAfter: state.cursor,
            stateVersion: state.stateVersion, runRequests: [], reason: "next evaluation allowed at \(next.iso8601)",
            evaluatedAt: nil, nextAllowed: next)
    }

    init(
        sensor: String, evalID: String?, status: Status, cursorBefore: String?, cursorAfter: String?,
        stateVersion: Int64, runRequests: [SensorRunRequest], reason: String?, evaluatedAt: Timestamp?,
        nextAllowed: Timestamp? = nil
    ) {
        self.sensor = sensor
        self.evalID = evalID
        self.status = status
        self.cursorBefore = cursorBefore
        self.cursorAfter = cursorAfter
        self.stateVersion = stateVersion
        self.runRequests = runRequests
        self.reason = reason
        self.evaluatedAt = evaluatedAt
        self.nextAllowed = nextAllowed
    }
}

/// What `Engine.sensorEval` reports as it goes, for a command (or the daemon) to render.
public enum SensorEvalEvent: Sendable {
    /// A sensor was evaluated (or found too soon).
    case evaluated(SensorEvalOutcome)
    /// A sensor named explicitly is stopped: not evaluated (use --force).
    case stopped(String)
    /// A worker process was started for a queued sensor run.
    case launched(RunID)
}

/// How `Engine.sensorEval` and `Engine.sensorPush` treat the runs they request.
public enum SensorLaunch: Sendable, Hashable {
    /// Start a worker process for each queued sensor run (the default).
    case launch
    /// Only queue them (`--no-launch`).
    case queueOnly
}

/// What one `Engine.sensorEval` call did.
public struct SensorEvalReport: Sendable {
    /// One per sensor evaluated, in name order.
    public var evaluations: [SensorEvalOutcome] = []
    public var launched: [RunID] = []
}
