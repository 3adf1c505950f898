/// A row of `sensor_state`: what the ledger says about one sensor, beside its definition.
public struct SensorStateRow: Sendable, Hashable {
    public var sensor: String
    /// The status recorded by `sensor start|stop`; nil while the file's `status` decides.
    public var status: AutomationStatus?
    /// Raised by every applied evaluation, start, stop and cursor change: the compare-and-set
    /// version evaluations carry.
    public var stateVersion: Int64
    /// The user cursor; nil before any is returned or after a reset.
    public var cursor: String?
    public var lastEvalID: String?
    /// When the last applied evaluation was recorded: the minimum interval counts from here.
    public var lastEvaluatedAt: Timestamp?
    public var lastEvalStatus: SensorEvalStatus?
    /// An asset sensor's position: the last ledger seq it handled (internal, never the cursor).
    public var position: Int64

    public init(
        sensor: String, status: AutomationStatus? = nil, stateVersion: Int64 = 0, cursor: String? = nil,
        lastEvalID: String? = nil, lastEvaluatedAt: Timestamp? = nil, lastEvalStatus: SensorEvalStatus? = nil,
        position: Int64 = 0
    ) {
        self.sensor = sensor
        self.status = status
        self.stateVersion = stateVersion
        self.cursor = cursor
        self.lastEvalID = lastEvalID
        self.lastEvaluatedAt = lastEvaluatedAt
        self.lastEvalStatus = lastEvalStatus
        self.position = position
    }
}

/// A row of `sensor_evals`: one recorded evaluation, stale ones included.
public struct SensorEvalRow: Sendable, Hashable {
    public var evalID: String
    public var sensor: String
    /// The ledger seq of its `SensorEvaluated`: history is newest first by it.
    public var seq: Int64
    /// `poll`, `push` or `asset`.
    public var source: String
    /// The pushed message's id.
    public var messageID: String?
    /// As folded: SKIPPED_STALE_CURSOR when the compare-and-set failed.
    public var status: SensorEvalStatus
    public var cursorBefore: String?
    public var cursorAfter: String?
    /// The state version after this evaluation (the current one, for a stale evaluation).
    public var stateVersion: Int64
    public var reason: String?
    /// The runs it requested or found (none for a stale evaluation).
    public var runRequests: [SensorRunRequest]
    /// The pushed payload, if any.
    public var payload: [UInt8]?
    public var evaluatedAt: Timestamp

    public init(
        evalID: String, sensor: String, seq: Int64, source: String, messageID: String?, status: SensorEvalStatus,
        cursorBefore: String?, cursorAfter: String?, stateVersion: Int64, reason: String?,
        runRequests: [SensorRunRequest], payload: [UInt8]?, evaluatedAt: Timestamp
    ) {
        self.evalID = evalID
        self.sensor = sensor
        self.seq = seq
        self.source = source
        self.messageID = messageID
        self.status = status
        self.cursorBefore = cursorBefore
        self.cursorAfter = cursorAfter
        self.stateVersion = stateVersion
        self.reason = reason
        self.runRequests = runRequests
        self.payload = payload
        self.evaluatedAt = evaluatedAt
    }
}
