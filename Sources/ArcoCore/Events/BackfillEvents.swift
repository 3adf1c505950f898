/// The lifecycle states of a backfill, spelled as stored.
public enum BackfillState: String, Sendable, Hashable, CaseIterable {
    case pending = "PENDING"
    case running = "RUNNING"
    case paused = "PAUSED"
    case succeeded = "SUCCEEDED"
    case failed = "FAILED"
    case canceled = "CANCELED"
}

/// A backfill was created. It stores the compact selector, never the resolved partition list.
public struct BackfillCreated: EventBody {
    public static let storedType = "BackfillCreated"
    public static let version = 1

    /// The backfill.
    public var backfillID: BackfillID
    /// The caller's idempotency key for the creation request.
    public var requestKey: String
    /// SHA-256 of the request's canonical JSON; a repeated key with another payload conflicts.
    public var fingerprint: String
    /// The asset selection.
    public var selection: String
    /// The compact partition selector, e.g. `{"type":"range","start":…,"end":…}`.
    public var selector: JSONValue
    /// The status filter (`missing`, `failed`, `missing-or-failed`), if any.
    public var only: String?
    /// The number of asset partitions the selector resolves to, computed at creation.
    public var totalPartitions: Int64
    /// Partitions planned per chunk.
    public var chunkSize: Int64
    /// Runs of this backfill allowed at once.
    public var maxConcurrentRuns: Int64
    /// For retry-failed: the parent backfill and the retry request's id.
    public var parentBackfillID: BackfillID?
    /// For retry-failed: the retry request's id.
    public var retryRequestID: String?

    /// Creates the event.
    public init(
        backfillID: BackfillID, requestKey: String, fingerprint: String = "", selection: String, selector: JSONValue,
        only: String? = nil, totalPartitions: Int64, chunkSize: Int64, maxConcurrentRuns: Int64,
        parentBackfillID: BackfillID? = nil, retryRequestID: String? = nil
    ) {
        self.backfillID = backfillID
        self.requestKey = requestKey
        self.fingerprint = fingerprint
        self.selection = selection
        self.selector = selector
        self.only = only
        self.totalPartitions = totalPartitions
        self.chunkSize = chunkSize
        self.maxConcurrentRuns = maxConcurrentRuns
        self.parentBackfillID = parentBackfillID
        self.retryRequestID = retryRequestID
    }

    /// `backfill_create:{request key}`, or `backfill_retry:{parent}:{request id}` for retry-failed.
    public var idempotencyKey: IdempotencyKey {
        if let parentBackfillID, let retryRequestID {
            return IdempotencyKey("backfill_retry:\(parentBackfillID.rawValue):\(retryRequestID)")
        }
        return IdempotencyKey("backfill_create:\(requestKey)")
    }
    public var correlationID: String? { backfillID.rawValue }

    public func payloadJSON() -> JSONValue {
        [
            "backfill_id": .string(backfillID.rawValue), "request_key": .string(requestKey),
            "fingerprint": .string(fingerprint), "selection": .string(selection), "selector": selector, "only": .optional(only),
            "total_partitions": .int(totalPartitions), "chunk_size": .int(chunkSize),
            "max_concurrent_runs": .int(maxConcurrentRuns),
            "parent_backfill_id": .optional(parentBackfillID?.rawValue), "retry_request_id": .optional(retryRequestID),
        ]
    }

    public init(fields: JSONFields) throws(PayloadDecodingError) {
        self.backfillID = BackfillID(try fields.string("backfill_id"))
        self.requestKey = try fields.string("request_key")
        self.fingerprint = try fields.optionalString("fingerprint") ?? ""
        self.selection = try fields.string("selection")
        self.selector = fields.raw("selector")
        self.only = try fields.optionalString("only")
        self.totalPartitions = try fields.int("total_partitions")
        self.chunkSize = try fields.int("chunk_size")
        self.maxConcurrentRuns = try fields.int("max_concurrent_runs")
        self.parentBackfillID = try fields.optionalString("parent_backfill_id").map(BackfillID.init)
        self.retryRequestID = try fields.optionalString("retry_request_id")
    }
}

/// A chunk of a backfill was planned: the asset partitions it covers, in planning order.
public struct BackfillChunkPlanned: EventBody {
    public static let storedType = "BackfillChunkPlanned"
    public static let version = 1

    /// The backfill.
    public var backfillID: BackfillID
    /// 0-based chunk index.
    public var chunkIndex: Int64
    /// The asset partitions, as `asset` and display `partition` pairs.
    public var targets: [BackfillTarget]

    /// Creates the event.
    public init(backfillID: BackfillID, chunkIndex: Int64, targets: [BackfillTarget]) {
        self.backfillID = backfillID
        self.chunkIndex = chunkIndex
        self.targets = targets
    }

    /// `backfill_chunk:{backfill_id}:{chunk_index}`.
    public var idempotencyKey: IdempotencyKey {
        IdempotencyKey("backfill_chunk:\(backfillID.rawValue):\(chunkIndex)")
    }
    public var correlationID: String? { backfillID.rawValue }

    public func payloadJSON() -> JSONValue {
        [
            "backfill_id": .string(backfillID.rawValue), "chunk_index": .int(chunkIndex),
            "targets": .array(targets.map { $0.json() }),
        ]
    }

    public init(fields: JSONFields) throws(PayloadDecodingError) {
        self.backfillID = BackfillID(try fields.string("backfill_id"))
        self.chunkIndex = try fields.int("chunk_index")
        self.targets = try fields.objects("targets") { item throws(PayloadDecodingError) in
            try BackfillTarget(fields: item)
        }
    }
}

/// A backfill moved between lifecycle states.
public struct BackfillStateChanged: EventBody {
    public static let storedType = "BackfillStateChanged"
    public static let version = 1

    /// The backfill.
    public var backfillID: BackfillID
    /// The state it left.
    public var fromState: BackfillState
    /// The state it entered.
    public var toState: BackfillState
    /// The state version this change creates (previous + 1).
    public var stateVersion: Int64
    /// Why, for people.
    public var reason: String?

    /// Creates the event.
    public init(
        backfillID: BackfillID, fromState: BackfillState, toState: BackfillState, stateVersion: Int64,
        reason: String? = nil
    ) {
        self.backfillID = backfillID
        self.fromState = fromState
        self.toState = toState
        self.stateVersion = stateVersion
        self.reason = reason
    }

    /// `backfill_state:{backfill_id}:{state_version}:{TO_STATE}`.
    public var idempotencyKey: IdempotencyKey {
        IdempotencyKey("backfill_state:\(backfillID.rawValue):\(stateVersion):\(toState.rawValue)")
    }
    public var correlationID: String? { backfillID.rawValue }

    public func payloadJSON() -> JSONValue {
        [
            "backfill_id": .string(backfillID.rawValue), "from_state": .string(fromState.rawValue),
            "to_state": .string(toState.rawValue), "state_version": .int(stateVersion), "reason": .optional(reason),
        ]
    }

    public init(fields: JSONFields) throws(PayloadDecodingError) {
        self.backfillID = BackfillID(try fields.string("backfill_id"))
        self.fromState = try fields.enumeration("from_state", as: BackfillState.self)
        self.toState = try fields.enumeration("to_state", as: BackfillState.self)
        self.stateVersion = try fields.int("state_version")
        self.reason = try fields.optionalString("reason")
    }
}
