/// An attempt of a step began.
public struct StepStarted: EventBody {
    public static let storedType = "StepStarted"
    public static let version = 1

    /// The run.
    public var runID: RunID
    /// The step.
    public var stepKey: StepKey
    /// 1-based attempt number.
    public var attempt: Int64
    /// The attempt's unique id; later facts must carry it.
    public var attemptID: AttemptID
    /// The step's process id, when known.
    public var pid: Int64?

    /// Creates the event.
    public init(runID: RunID, stepKey: StepKey, attempt: Int64, attemptID: AttemptID, pid: Int64? = nil) {
        self.runID = runID
        self.stepKey = stepKey
        self.attempt = attempt
        self.attemptID = attemptID
        self.pid = pid
    }

    /// `started:{run_id}:{step_key}:{attempt}`.
    public var idempotencyKey: IdempotencyKey {
        IdempotencyKey("started:\(runID.rawValue):\(stepKey.rawValue):\(attempt)")
    }
    public var correlationID: String? { runID.rawValue }

    public func payloadJSON() -> JSONValue {
        [
            "run_id": .string(runID.rawValue), "step_key": .string(stepKey.rawValue),
            "attempt": .int(attempt), "attempt_id": .string(attemptID.rawValue), "pid": .optional(pid),
        ]
    }

    public init(fields: JSONFields) throws(PayloadDecodingError) {
        self.runID = RunID(try fields.string("run_id"))
        self.stepKey = StepKey(try fields.string("step_key"))
        self.attempt = try fields.int("attempt")
        self.attemptID = AttemptID(try fields.string("attempt_id"))
        self.pid = try fields.optionalInt("pid")
    }
}

/// How a step attempt ended.
public enum StepOutcome: String, Sendable, Hashable, CaseIterable {
    case succeeded = "SUCCEEDED"
    case failed = "FAILED"
    case canceled = "CANCELED"
}

/// An attempt of a step ended.
public struct StepFinished: EventBody {
    public static let storedType = "StepFinished"
    public static let version = 1

    /// The run.
    public var runID: RunID
    /// The step.
    public var stepKey: StepKey
    /// The attempt that ended.
    public var attempt: Int64
    /// The attempt's id, which must match the current attempt's.
    public var attemptID: AttemptID
    /// How it ended.
    public var outcome: StepOutcome
    /// The process exit code, when it exited.
    public var exitCode: Int64?
    /// Why it failed or was canceled ("exit code 3", "timed out after 30m", ...).
    public var reason: String?
    /// Whether the executor will start another attempt; the step then waits instead of failing.
    public var willRetry: Bool

    /// Creates the event.
    public init(
        runID: RunID, stepKey: StepKey, attempt: Int64, attemptID: AttemptID, outcome: StepOutcome,
        exitCode: Int64? = nil, reason: String? = nil, willRetry: Bool = false
    ) {
        self.runID = runID
        self.stepKey = stepKey
        self.attempt = attempt
        self.attemptID = attemptID
        self.outcome = outcome
        self.exitCode = exitCode
        self.reason = reason
        self.willRetry = willRetry
    }

    /// `finished:{run_id}:{step_key}:{attempt}`.
    public var idempotencyKey: IdempotencyKey {
        IdempotencyKey("finished:\(runID.rawValue):\(stepKey.rawValue):\(attempt)")
    }
    public var correlationID: String? { runID.rawValue }

    public func payloadJSON() -> JSONValue {
        [
            "run_id": .string(runID.rawValue), "step_key": .string(stepKey.rawValue),
            "attempt": .int(attempt), "attempt_id": .string(attemptID.rawValue),
            "outcome": .string(outcome.rawValue), "exit_code": .optional(exitCode),
            "reason": .optional(reason), "will_retry": .bool(willRetry),
        ]
    }

    public init(fields: JSONFields) throws(PayloadDecodingError) {
        self.runID = RunID(try fields.string("run_id"))
        self.stepKey = StepKey(try fields.string("step_key"))
        self.attempt = try fields.int("attempt")
        self.attemptID = AttemptID(try fields.string("attempt_id"))
        self.outcome = try fields.enumeration("outcome", as: StepOutcome.self)
        self.exitCode = try fields.optionalInt("exit_code")
        self.reason = try fields.optionalString("reason")
        self.willRetry = try fields.bool("will_retry", default: false)
    }
}

/// The data version of an upstream partition that a materialization consumed.
public struct ConsumedVersion: Sendable, Hashable {
    /// The upstream asset.
    public var asset: String
    /// The upstream partition's display key, if partitioned.
    public var partition: String?
    /// The upstream data version read.
    public var dataVersion: String?

    /// Creates a consumed-version record.
    public init(asset: String, partition: String?, dataVersion: String?) {
        self.asset = asset
        self.partition = partition
        self.dataVersion = dataVersion
    }

    func json() -> JSONValue {
        ["asset": .string(asset), "partition": .optional(partition), "data_version": .optional(dataVersion)]
    }

    init(fields: JSONFields) throws(PayloadDecodingError) {
        self.asset = try fields.string("asset")
        self.partition = try fields.optionalString("partition")
        self.dataVersion = try fields.optionalString("data_version")
    }
}

/// An asset partition was materialized, by a step or reported from outside (`arco asset report`).
public struct AssetMaterialized: EventBody {
    public static let storedType = "AssetMaterialized"
    public static let version = 1

    /// The asset.
    public var asset: String
    /// The partition's display key, if partitioned.
    public var partition: String?
    /// The partition's canonical identity (ADR 0007), when the producer knew it.
    public var canonicalPartition: String?
    /// The run, step and attempt that produced it; `nil` for a runless report.
    public var runID: RunID?
    /// The step that produced it.
    public var stepKey: StepKey?
    /// The attempt that produced it.
    public var attempt: Int64?
    /// The reporter's own idempotency key, for runless reports.
    public var reportKey: String?
    /// The code version in force.
    public var codeVersion: String?
    /// The data version produced.
    public var dataVersion: String
    /// The upstream versions consumed.
    public var consumed: [ConsumedVersion]
    /// Free-form metadata from the step's report.
    public var metadata: JSONValue

    /// Creates the event.
    public init(
        asset: String, partition: String?, runID: RunID?, stepKey: StepKey?, attempt: Int64?,
        reportKey: String? = nil, codeVersion: String?, dataVersion: String,
        consumed: [ConsumedVersion] = [], metadata: JSONValue = [:], canonicalPartition: String? = nil
    ) {
        self.asset = asset
        self.partition = partition
        self.canonicalPartition = canonicalPartition
        self.runID = runID
        self.stepKey = stepKey
        self.attempt = attempt
        self.reportKey = reportKey
        self.codeVersion = codeVersion
        self.dataVersion = dataVersion
        self.consumed = consumed
        self.metadata = metadata
    }

    /// `mat:{run_id}:{step_key}:{attempt}`, or `mat:report:{report_key}` for a runless report.
    /// A ranged (`single_run`) step materializes several partitions, so each partition other than
    /// the step's own adds `:{partition}`.
    public var idempotencyKey: IdempotencyKey {
        if let runID, let stepKey, let attempt {
            let base = "mat:\(runID.rawValue):\(stepKey.rawValue):\(attempt)"
            if let partition, !stepKey.rawValue.hasSuffix("[\(partition)]") {
                return IdempotencyKey(base + ":" + partition)
            }
            return IdempotencyKey(base)
        }
        return IdempotencyKey("mat:report:\(reportKey ?? "\(asset):\(partition ?? ""):\(dataVersion)")")
    }
    public var correlationID: String? { runID?.rawValue }

    public func payloadJSON() -> JSONValue {
        [
            "asset": .string(asset), "partition": .optional(partition),
            "canonical_partition": .optional(canonicalPartition), "run_id": .optional(runID?.rawValue),
            "step_key": .optional(stepKey?.rawValue), "attempt": .optional(attempt),
            "report_key": .optional(reportKey), "code_version": .optional(codeVersion),
            "data_version": .string(dataVersion), "consumed": .array(consumed.map { $0.json() }),
            "metadata": metadata,
        ]
    }

    public init(fields: JSONFields) throws(PayloadDecodingError) {
        self.asset = try fields.string("asset")
        self.partition = try fields.optionalString("partition")
        self.canonicalPartition = try fields.optionalString("canonical_partition")
        self.runID = try fields.optionalString("run_id").map(RunID.init)
        self.stepKey = try fields.optionalString("step_key").map(StepKey.init)
        self.attempt = try fields.optionalInt("attempt")
        self.reportKey = try fields.optionalString("report_key")
        self.codeVersion = try fields.optionalString("code_version")
        self.dataVersion = try fields.string("data_version")
        self.consumed = try fields.objects("consumed") { item throws(PayloadDecodingError) in
            try ConsumedVersion(fields: item)
        }
        self.metadata = fields.raw("metadata")
    }
}
