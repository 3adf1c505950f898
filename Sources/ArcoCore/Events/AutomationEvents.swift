/// What one automated asset's condition decided in an evaluation.
public struct AutomationResult: Sendable, Hashable {
    /// The asset.
    public var asset: String
    /// The condition as written (`eager`, `on_missing`, `on_cron("0 * * * *")`).
    public var condition: String
    /// The partitions it requested runs for (null entries for an unpartitioned asset), with their
    /// run keys and run ids.
    public var requested: [AutomationRequested]
    /// Why nothing (or not everything) was requested, for people; nil when nothing needed doing.
    public var skipReason: String?

    /// Creates a result.
    public init(asset: String, condition: String, requested: [AutomationRequested], skipReason: String?) {
        self.asset = asset
        self.condition = condition
        self.requested = requested
        self.skipReason = skipReason
    }

    func json() -> JSONValue {
        [
            "asset": .string(asset), "condition": .string(condition),
            "requested": .array(requested.map { $0.json() }), "skip_reason": .optional(skipReason),
        ]
    }

    init(fields: JSONFields) throws(PayloadDecodingError) {
        asset = try fields.string("asset")
        condition = try fields.string("condition")
        requested = try fields.objects("requested") { item throws(PayloadDecodingError) in
            try AutomationRequested(fields: item)
        }
        skipReason = try fields.optionalString("skip_reason")
    }
}

/// One run an automation condition requested.
public struct AutomationRequested: Sendable, Hashable {
    /// The partition's display key; nil for an unpartitioned asset.
    public var partition: String?
    /// The run key (`automation:…`).
    public var runKey: String
    /// The run it named (new or existing).
    public var runID: RunID?

    /// Creates a request record.
    public init(partition: String?, runKey: String, runID: RunID?) {
        self.partition = partition
        self.runKey = runKey
        self.runID = runID
    }

    func json() -> JSONValue {
        ["partition": .optional(partition), "run_key": .string(runKey), "run_id": .optional(runID?.rawValue)]
    }

    init(fields: JSONFields) throws(PayloadDecodingError) {
        partition = try fields.optionalString("partition")
        runKey = try fields.string("run_key")
        runID = try fields.optionalString("run_id").map(RunID.init)
    }
}

/// `arco reconcile tick` evaluated the workspace's `automation:` conditions at one instant: the
/// evaluation history (Dagster keeps its asset-daemon evaluations in a table for 30 days).
public struct AutomationEvaluated: EventBody {
    public static let storedType = "AutomationEvaluated"
    public static let version = 1

    /// The instant evaluated (`--now`, or the clock).
    public var evaluatedAt: Timestamp
    /// One result per automated asset, in dependency order.
    public var results: [AutomationResult]

    /// Creates the event.
    public init(evaluatedAt: Timestamp, results: [AutomationResult]) {
        self.evaluatedAt = evaluatedAt
        self.results = results
    }

    /// `automation_eval:{evaluated_at}`: one evaluation per instant, so a daemon that retries a
    /// tick records it once.
    public var idempotencyKey: IdempotencyKey { IdempotencyKey("automation_eval:\(evaluatedAt.iso8601)") }

    public func payloadJSON() -> JSONValue {
        ["evaluated_at": .string(evaluatedAt.iso8601), "results": .array(results.map { $0.json() })]
    }

    public init(fields: JSONFields) throws(PayloadDecodingError) {
        evaluatedAt = try fields.timestamp("evaluated_at")
        results = try fields.objects("results") { item throws(PayloadDecodingError) in
            try AutomationResult(fields: item)
        }
    }
}
