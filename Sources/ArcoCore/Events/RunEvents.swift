/// What started a run; recorded so that `status` can say why a run exists.
public struct RunTrigger: Sendable, Hashable {
    /// The kind of trigger.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case manual, schedule, sensor, backfill, rerun, reconcile
    }

    /// The kind of trigger.
    public var kind: Kind
    /// The id of the thing that triggered it (schedule tick, sensor eval, backfill, parent run).
    public var reference: String?

    /// Creates a trigger.
    public init(kind: Kind, reference: String? = nil) {
        self.kind = kind
        self.reference = reference
    }

    func json() -> JSONValue { ["kind": .string(kind.rawValue), "ref": .optional(reference)] }

    init(fields: JSONFields) throws(PayloadDecodingError) {
        self.kind = try fields.enumeration("kind", as: Kind.self)
        self.reference = try fields.optionalString("ref")
    }
}

/// One planned step of a run: an asset, optionally one partition or a range of them.
public struct PlannedStep: Sendable, Hashable {
    /// The step's key, unique inside its run.
    public var stepKey: StepKey
    /// The asset the step materializes.
    public var asset: String
    /// The partition's display key, when the asset is partitioned and the step covers one.
    public var partition: String?
    /// The partition keys of a ranged (`single_run`) step.
    public var partitionRange: [String]
    /// The steps that must succeed before this one starts.
    public var dependsOn: [StepKey]
    /// The canonical identities of `partition` or of `partitionRange` (ADR 0007), in the same
    /// order; empty when the planner did not know them (older events).
    public var canonicalPartitions: [String]

    /// Creates a planned step.
    public init(
        stepKey: StepKey, asset: String, partition: String? = nil, partitionRange: [String] = [],
        dependsOn: [StepKey] = [], canonicalPartitions: [String] = []
    ) {
        self.stepKey = stepKey
        self.asset = asset
        self.partition = partition
        self.partitionRange = partitionRange
        self.dependsOn = dependsOn
        self.canonicalPartitions = canonicalPartitions
    }

    func json() -> JSONValue {
        [
            "step_key": .string(stepKey.rawValue), "asset": .string(asset),
            "partition": .optional(partition), "partition_range": .strings(partitionRange),
            "depends_on": .strings(dependsOn.map(\.rawValue)), "canonical_partitions": .strings(canonicalPartitions),
        ]
    }

    init(fields: JSONFields) throws(PayloadDecodingError) {
        self.stepKey = StepKey(try fields.string("step_key"))
        self.asset = try fields.string("asset")
        self.partition = try fields.optionalString("partition")
        self.partitionRange = try fields.strings("partition_range")
        self.dependsOn = try fields.strings("depends_on").map(StepKey.init)
        self.canonicalPartitions = try fields.strings("canonical_partitions")
    }
}

/// A run was requested, with its whole plan of steps.
///
/// Emitted by `arco run`, schedules, sensors, backfills, reruns and reconciliation. Folds into
/// `runs`, `steps` and, with a run key, `run_keys` (or `run_key_conflicts`).
public struct RunRequested: EventBody {
    public static let storedType = "RunRequested"
    public static let version = 1

    /// The new run's id.
    public var runID: RunID
    /// The exactly-once key, when the caller gave one.
    public var runKey: RunKey?
    /// SHA-256 hex of the canonical request; equal requests have equal fingerprints.
    public var fingerprint: String
    /// The selection as typed, for display.
    public var selection: String
    /// The run's tags.
    public var tags: [String: String]
    /// What started the run.
    public var trigger: RunTrigger
    /// The steps, in a dependency-respecting order.
    public var steps: [PlannedStep]
    /// The process that reserved the run and will execute it in the foreground; nil for a run
    /// queued for workers. A duplicate request may take over a never-started run whose reserver
    /// is gone.
    public var reserverPID: Int64?
    /// The host of `reserverPID`.
    public var reserverHost: String?
    /// The run this one reruns, and the first run of that lineage.
    public var parentRunID: RunID?
    /// The first run of the lineage (the parent's root, or the parent itself).
    public var rootRunID: RunID?
    /// The partition request as typed (`2024-01-01`, `2024-01-01...2024-01-07`), for display.
    public var partitions: String?

    /// Creates the event.
    public init(
        runID: RunID, runKey: RunKey?, fingerprint: String, selection: String,
        tags: [String: String] = [:], trigger: RunTrigger, steps: [PlannedStep], reserverPID: Int64? = nil,
        reserverHost: String? = nil, parentRunID: RunID? = nil, rootRunID: RunID? = nil, partitions: String? = nil
    ) {
        self.reserverPID = reserverPID
        self.reserverHost = reserverHost
        self.parentRunID = parentRunID
        self.rootRunID = rootRunID
        self.partitions = partitions
        self.runID = runID
        self.runKey = runKey
        self.fingerprint = fingerprint
        self.selection = selection
        self.tags = tags
        self.trigger = trigger
        self.steps = steps
    }

    /// `runreq:{run_key}:{sha256hex(fingerprint)}`, or `run:{run_id}` without a run key.
    public var idempotencyKey: IdempotencyKey {
        if let runKey {
            return IdempotencyKey("runreq:\(runKey.rawValue):\(SHA256Hex.digest(fingerprint))")
        }
        return IdempotencyKey("run:\(runID.rawValue)")
    }

    public var correlationID: String? { runID.rawValue }

    public func payloadJSON() -> JSONValue {
        [
            "run_id": .string(runID.rawValue), "run_key": .optional(runKey?.rawValue),
            "fingerprint": .string(fingerprint), "selection": .string(selection),
            "tags": .stringMap(tags), "trigger": trigger.json(), "steps": .array(steps.map { $0.json() }),
            "reserver_pid": .optional(reserverPID), "reserver_host": .optional(reserverHost),
            "parent_run_id": .optional(parentRunID?.rawValue), "root_run_id": .optional(rootRunID?.rawValue),
            "partitions": .optional(partitions),
        ]
    }

    public init(fields: JSONFields) throws(PayloadDecodingError) {
        self.runID = RunID(try fields.string("run_id"))
        self.runKey = try fields.optionalString("run_key").map(RunKey.init)
        self.fingerprint = try fields.string("fingerprint")
        self.selection = try fields.string("selection")
        self.tags = try fields.stringMap("tags")
        guard let trigger = try fields.optionalObject("trigger") else {
            throw PayloadDecodingError(field: "trigger", expected: "an object")
        }
        self.trigger = try RunTrigger(fields: trigger)
        self.steps = try fields.objects("steps") { item throws(PayloadDecodingError) in
            try PlannedStep(fields: item)
        }
        self.reserverPID = try fields.optionalInt("reserver_pid")
        self.reserverHost = try fields.optionalString("reserver_host")
        self.parentRunID = try fields.optionalString("parent_run_id").map(RunID.init)
        self.rootRunID = try fields.optionalString("root_run_id").map(RunID.init)
        self.partitions = try fields.optionalString("partitions")
    }
}

/// A process began executing a run. `number` counts executions of the same run (a run whose
/// worker was lost may be executed again).
public struct RunStarted: EventBody {
    public static let storedType = "RunStarted"
    public static let version = 1

    /// The run.
    public var runID: RunID
    /// 1 for the first execution, 2 for the next after a lost worker, and so on.
    public var number: Int64
    /// The executing process.
    public var pid: Int64
    /// The host the process runs on.
    public var host: String

    /// Creates the event.
    public init(runID: RunID, number: Int64, pid: Int64, host: String) {
        self.runID = runID
        self.number = number
        self.pid = pid
        self.host = host
    }

    /// `run_started:{run_id}:{n}`.
    public var idempotencyKey: IdempotencyKey { IdempotencyKey("run_started:\(runID.rawValue):\(number)") }
    public var correlationID: String? { runID.rawValue }

    public func payloadJSON() -> JSONValue {
        ["run_id": .string(runID.rawValue), "n": .int(number), "pid": .int(pid), "host": .string(host)]
    }

    public init(fields: JSONFields) throws(PayloadDecodingError) {
        self.runID = RunID(try fields.string("run_id"))
        self.number = try fields.int("n")
        self.pid = try fields.int("pid")
        self.host = try fields.string("host")
    }
}

/// The process executing a run died without finishing it; the run is failed with this reason.
public struct RunWorkerLost: EventBody {
    public static let storedType = "RunWorkerLost"
    public static let version = 1

    /// The run.
    public var runID: RunID
    /// The execution number that was lost (matches its `RunStarted`).
    public var number: Int64
    /// Why the worker is considered lost, e.g. "pid 4242 on host a is not alive".
    public var reason: String

    /// Creates the event.
    public init(runID: RunID, number: Int64, reason: String) {
        self.runID = runID
        self.number = number
        self.reason = reason
    }

    /// `worker_lost:{run_id}:{n}`.
    public var idempotencyKey: IdempotencyKey { IdempotencyKey("worker_lost:\(runID.rawValue):\(number)") }
    public var correlationID: String? { runID.rawValue }

    public func payloadJSON() -> JSONValue {
        ["run_id": .string(runID.rawValue), "n": .int(number), "reason": .string(reason)]
    }

    public init(fields: JSONFields) throws(PayloadDecodingError) {
        self.runID = RunID(try fields.string("run_id"))
        self.number = try fields.int("n")
        self.reason = try fields.string("reason")
    }
}

/// Someone asked for a run to be canceled.
public struct RunCancelRequested: EventBody {
    public static let storedType = "RunCancelRequested"
    public static let version = 1

    /// The run.
    public var runID: RunID
    /// Why, e.g. "interrupted (SIGINT)" or "arco cancel".
    public var reason: String

    /// Creates the event.
    public init(runID: RunID, reason: String) {
        self.runID = runID
        self.reason = reason
    }

    /// `cancel_req:{run_id}`.
    public var idempotencyKey: IdempotencyKey { IdempotencyKey("cancel_req:\(runID.rawValue)") }
    public var correlationID: String? { runID.rawValue }

    public func payloadJSON() -> JSONValue {
        ["run_id": .string(runID.rawValue), "reason": .string(reason)]
    }

    public init(fields: JSONFields) throws(PayloadDecodingError) {
        self.runID = RunID(try fields.string("run_id"))
        self.reason = try fields.string("reason")
    }
}
