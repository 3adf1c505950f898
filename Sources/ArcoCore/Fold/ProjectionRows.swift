/// The status of a run, derived by the fold (never stored as an event of its own). The names are
/// Dagster's `DagsterRunStatus`, so scripts written against either read the same words.
public enum RunStatus: String, Sendable, Hashable, CaseIterable {
    /// Requested, waiting for a process to execute it.
    case queued = "QUEUED"
    /// A process claimed it (`RunStarted`) and no step has started yet.
    case starting = "STARTING"
    /// At least one step started.
    case started = "STARTED"
    /// Every step succeeded.
    case success = "SUCCESS"
    /// A step failed, or the executing process was lost.
    case failure = "FAILURE"
    /// Cancel was requested; running steps are being stopped.
    case canceling = "CANCELING"
    /// Canceled before every step ended.
    case canceled = "CANCELED"

    /// Whether the run can no longer change.
    public var isTerminal: Bool { self == .success || self == .failure || self == .canceled }
}

/// The status of a step, derived by the fold. `SUCCESS`/`FAILURE` follow Dagster's words.
public enum StepStatus: String, Sendable, Hashable, CaseIterable {
    case pending = "PENDING"
    case running = "RUNNING"
    case retryWait = "RETRY_WAIT"
    case success = "SUCCESS"
    case failure = "FAILURE"
    case skipped = "SKIPPED"
    case canceled = "CANCELED"

    /// Whether the step can no longer change.
    public var isTerminal: Bool {
        switch self {
        case .success, .failure, .skipped, .canceled: return true
        case .pending, .running, .retryWait: return false
        }
    }
}

/// A row of the `runs` projection.
public struct RunRow: Sendable, Hashable {
    public var runID: RunID
    public var runKey: RunKey?
    public var fingerprint: String
    public var selection: String
    public var tags: [String: String]
    public var trigger: RunTrigger
    public var status: RunStatus
    public var requestedAt: Timestamp
    public var startedAt: Timestamp?
    public var finishedAt: Timestamp?
    /// How many times a process began executing the run (`RunStarted.number` of the latest).
    public var executions: Int64
    public var pid: Int64?
    public var host: String?
    public var cancelRequested: Bool
    /// Why the run failed or was canceled.
    public var reason: String?
    public var stepsTotal: Int64
    public var stepsSucceeded: Int64
    public var stepsFailed: Int64
    public var stepsSkipped: Int64
    public var stepsCanceled: Int64
    /// The ledger position of the run's `RunRequested`.
    public var requestedSeq: Int64
    /// The run this one reruns.
    public var parentRunID: RunID?
    /// The first run of the rerun lineage.
    public var rootRunID: RunID?
    /// The partition request as typed, for display.
    public var partitions: String?

    /// Steps that reached a terminal status.
    public var stepsTerminal: Int64 { stepsSucceeded + stepsFailed + stepsSkipped + stepsCanceled }

    /// Creates a row.
    public init(
        runID: RunID, runKey: RunKey?, fingerprint: String, selection: String, tags: [String: String],
        trigger: RunTrigger, status: RunStatus, requestedAt: Timestamp, startedAt: Timestamp? = nil,
        finishedAt: Timestamp? = nil, executions: Int64 = 0, pid: Int64? = nil, host: String? = nil,
        cancelRequested: Bool = false, reason: String? = nil, stepsTotal: Int64, stepsSucceeded: Int64 = 0,
        stepsFailed: Int64 = 0, stepsSkipped: Int64 = 0, stepsCanceled: Int64 = 0, requestedSeq: Int64,
        parentRunID: RunID? = nil, rootRunID: RunID? = nil, partitions: String? = nil
    ) {
        self.parentRunID = parentRunID
        self.rootRunID = rootRunID
        self.partitions = partitions
        self.runID = runID
        self.runKey = runKey
        self.fingerprint = fingerprint
        self.selection = selection
        self.tags = tags
        self.trigger = trigger
        self.status = status
        self.requestedAt = requestedAt
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.executions = executions
        self.pid = pid
        self.host = host
        self.cancelRequested = cancelRequested
        self.reason = reason
        self.stepsTotal = stepsTotal
        self.stepsSucceeded = stepsSucceeded
        self.stepsFailed = stepsFailed
        self.stepsSkipped = stepsSkipped
        self.stepsCanceled = stepsCanceled
        self.requestedSeq = requestedSeq
    }
}

/// A row of the `steps` projection.
public struct StepRow: Sendable, Hashable {
    public var runID: RunID
    public var stepKey: StepKey
    /// The step's index in the run's plan.
    public var position: Int64
    public var asset: String
    public var partition: String?
    public var partitionRange: [String]
    public var dependsOn: [StepKey]
    public var status: StepStatus
    /// The current attempt (0 before the first start).
    public var attempt: Int64
    public var attemptID: AttemptID?
    public var startedAt: Timestamp?
    public var finishedAt: Timestamp?
    public var exitCode: Int64?
    public var reason: String?
    /// The canonical identities of the step's partitions (see `PlannedStep.canonicalPartitions`).
    public var canonicalPartitions: [String]

    /// Creates a row.
    public init(
        runID: RunID, stepKey: StepKey, position: Int64, asset: String, partition: String?,
        partitionRange: [String], dependsOn: [StepKey], status: StepStatus = .pending, attempt: Int64 = 0,
        attemptID: AttemptID? = nil, startedAt: Timestamp? = nil, finishedAt: Timestamp? = nil,
        exitCode: Int64? = nil, reason: String? = nil, canonicalPartitions: [String] = []
    ) {
        self.canonicalPartitions = canonicalPartitions
        self.runID = runID
        self.stepKey = stepKey
        self.position = position
        self.asset = asset
        self.partition = partition
        self.partitionRange = partitionRange
        self.dependsOn = dependsOn
        self.status = status
        self.attempt = attempt
        self.attemptID = attemptID
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.exitCode = exitCode
        self.reason = reason
    }
}

/// A row of `run_keys`: the first run reserved under a key (first writer wins).
public struct RunKeyRow: Sendable, Hashable {
    public var runKey: RunKey
    public var runID: RunID
    public var fingerprint: String
    public var createdAt: Timestamp
    public var seq: Int64

    /// Creates a row.
    public init(runKey: RunKey, runID: RunID, fingerprint: String, createdAt: Timestamp, seq: Int64) {
        self.runKey = runKey
        self.runID = runID
        self.fingerprint = fingerprint
        self.createdAt = createdAt
        self.seq = seq
    }
}

/// A row of `run_key_conflicts`: a request that reused a run key with different parameters.
public struct RunKeyConflictRow: Sendable, Hashable {
    public var runKey: RunKey
    public var seq: Int64
    public var existingRunID: RunID
    public var existingFingerprint: String
    public var conflictingRunID: RunID
    public var conflictingFingerprint: String
    public var detectedAt: Timestamp

    /// Creates a row.
    public init(
        runKey: RunKey, seq: Int64, existingRunID: RunID, existingFingerprint: String,
        conflictingRunID: RunID, conflictingFingerprint: String, detectedAt: Timestamp
    ) {
        self.runKey = runKey
        self.seq = seq
        self.existingRunID = existingRunID
        self.existingFingerprint = existingFingerprint
        self.conflictingRunID = conflictingRunID
        self.conflictingFingerprint = conflictingFingerprint
        self.detectedAt = detectedAt
    }
}

/// A row of `dynamic_partitions`.
public struct DynamicPartitionRow: Sendable, Hashable {
    public var partitionsDef: String
    public var key: String
    public var addedSeq: Int64

    /// Creates a row.
    public init(partitionsDef: String, key: String, addedSeq: Int64) {
        self.partitionsDef = partitionsDef
        self.key = key
        self.addedSeq = addedSeq
    }
}

/// What the fold did with an event, recorded in `applied_keys`.
public enum FoldOutcomeKind: String, Sendable, Hashable, CaseIterable {
    case applied = "APPLIED"
    case rejected = "REJECTED"
    case unknown = "UNKNOWN"
}

/// A row of `applied_keys`: the fold's own idempotency gate, one row per folded key.
public struct AppliedKeyRow: Sendable, Hashable {
    public var idempotencyKey: IdempotencyKey
    public var seq: Int64
    public var type: String
    public var outcome: FoldOutcomeKind

    /// Creates a row.
    public init(idempotencyKey: IdempotencyKey, seq: Int64, type: String, outcome: FoldOutcomeKind) {
        self.idempotencyKey = idempotencyKey
        self.seq = seq
        self.type = type
        self.outcome = outcome
    }
}

/// A row of `fold_rejections`: an event that stayed in the ledger but changed nothing, and why.
public struct FoldRejectionRow: Sendable, Hashable {
    public var seq: Int64
    public var idempotencyKey: IdempotencyKey
    public var type: String
    public var reason: String

    /// Creates a row.
    public init(seq: Int64, idempotencyKey: IdempotencyKey, type: String, reason: String) {
        self.seq = seq
        self.idempotencyKey = idempotencyKey
        self.type = type
        self.reason = reason
    }
}

/// The single row of `projection_meta`: how far the projections have folded the ledger.
public struct ProjectionMeta: Sendable, Hashable {
    /// The last folded ledger row.
    public var appliedSeq: Int64
    /// That row's hash, so a truncated ledger is detected.
    public var appliedHash: String
    /// Events of types this build does not know, skipped.
    public var unknownEvents: Int64
    /// Events the fold rejected.
    public var rejectedEvents: Int64
    /// The fold version that built these projections; a different one calls for a rebuild.
    public var foldVersion: Int64

    /// The state before any event.
    public static let empty = ProjectionMeta(
        appliedSeq: 0, appliedHash: LedgerHash.genesis, unknownEvents: 0, rejectedEvents: 0,
        foldVersion: Fold.version)

    /// Creates a meta row.
    public init(appliedSeq: Int64, appliedHash: String, unknownEvents: Int64, rejectedEvents: Int64, foldVersion: Int64) {
        self.appliedSeq = appliedSeq
        self.appliedHash = appliedHash
        self.unknownEvents = unknownEvents
        self.rejectedEvents = rejectedEvents
        self.foldVersion = foldVersion
    }
}
