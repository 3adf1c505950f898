/// What caused a sensor evaluation.
public enum SensorTrigger: Sendable, Hashable {
    /// A pushed message, deduplicated by its id.
    case push(messageID: String)
    /// A poll at an epoch second.
    case poll(epochSeconds: Int64)
    /// New materializations of watched assets, up to a ledger sequence number.
    case asset(throughSeq: Int64)

    func json() -> JSONValue {
        switch self {
        case .push(let messageID): return ["source": "push", "message_id": .string(messageID)]
        case .poll(let epoch): return ["source": "poll", "poll_epoch": .int(epoch)]
        case .asset(let seq): return ["source": "asset", "through_seq": .int(seq)]
        }
    }

    init(fields: JSONFields) throws(PayloadDecodingError) {
        switch try fields.string("source") {
        case "push": self = .push(messageID: try fields.string("message_id"))
        case "poll": self = .poll(epochSeconds: try fields.int("poll_epoch"))
        case "asset": self = .asset(throughSeq: try fields.int("through_seq"))
        default: throw PayloadDecodingError(field: "source", expected: "push, poll or asset")
        }
    }
}

/// The result of one sensor evaluation.
public enum SensorEvalStatus: String, Sendable, Hashable, CaseIterable {
    case triggered = "TRIGGERED"
    case noNewData = "NO_NEW_DATA"
    case skipped = "SKIPPED"
    case error = "ERROR"
    case skippedStaleCursor = "SKIPPED_STALE_CURSOR"
}

/// A run a sensor asked for.
public struct SensorRunRequest: Sendable, Hashable {
    /// The run key the sensor chose (or one derived for it), scoped to the sensor.
    public var runKey: RunKey
    /// The target selection.
    public var selection: String
    /// The partition, if any.
    public var partition: String?
    /// Tags for the run.
    public var tags: [String: String]
    /// The run the key names: requested in the same transaction, or, with `existing`, an earlier
    /// one. Absent in events written before issue 19.
    public var runID: RunID?
    /// The key already named a run: nothing new was requested.
    public var existing: Bool

    /// Creates a run request.
    public init(
        runKey: RunKey, selection: String, partition: String? = nil, tags: [String: String] = [:], runID: RunID? = nil,
        existing: Bool = false
    ) {
        self.runKey = runKey
        self.selection = selection
        self.partition = partition
        self.tags = tags
        self.runID = runID
        self.existing = existing
    }

    func json() -> JSONValue {
        [
            "run_key": .string(runKey.rawValue), "selection": .string(selection),
            "partition": .optional(partition), "tags": .stringMap(tags), "run_id": .optional(runID?.rawValue),
            "existing": .bool(existing),
        ]
    }

    init(fields: JSONFields) throws(PayloadDecodingError) {
        self.runKey = RunKey(try fields.string("run_key"))
        self.selection = try fields.string("selection")
        self.partition = try fields.optionalString("partition")
        self.tags = try fields.stringMap("tags")
        self.runID = try fields.optionalString("run_id").map(RunID.init)
        self.existing = try fields.bool("existing", default: false)
    }
}

/// A sensor was evaluated.
public struct SensorEvaluated: EventBody {
    public static let storedType = "SensorEvaluated"
    public static let version = 1

    /// The sensor.
    public var sensor: String
    /// The evaluation's id.
    public var evalID: String
    /// What caused it.
    public var trigger: SensorTrigger
    /// The cursor the evaluation started from.
    public var cursorBefore: String?
    /// The cursor it produced.
    public var cursorAfter: String?
    /// The sensor state version it read; a different current version makes it stale.
    public var expectedStateVersion: Int64?
    /// The result.
    public var status: SensorEvalStatus
    /// Why it skipped or failed.
    public var message: String?
    /// The runs it asked for.
    public var runRequests: [SensorRunRequest]
    /// A pushed message's payload as opaque bytes (stored base64url); nil without one.
    public var payload: [UInt8]?

    /// Creates the event.
    public init(
        sensor: String, evalID: String, trigger: SensorTrigger, cursorBefore: String?, cursorAfter: String?,
        expectedStateVersion: Int64?, status: SensorEvalStatus, message: String? = nil,
        runRequests: [SensorRunRequest] = [], payload: [UInt8]? = nil
    ) {
        self.payload = payload
        self.sensor = sensor
        self.evalID = evalID
        self.trigger = trigger
        self.cursorBefore = cursorBefore
        self.cursorAfter = cursorAfter
        self.expectedStateVersion = expectedStateVersion
        self.status = status
        self.message = message
        self.runRequests = runRequests
    }

    /// Push: `sensor_eval:{sensor}:msg:{message_id}`; poll:
    /// `sensor_eval:{sensor}:poll:{poll_epoch}:{sha256hex(cursor_before) or none}`.
    public var idempotencyKey: IdempotencyKey {
        switch trigger {
        case .push(let messageID):
            return IdempotencyKey("sensor_eval:\(sensor):msg:\(messageID)")
        case .poll(let epoch):
            let cursorHash = cursorBefore.map(SHA256Hex.digest) ?? "none"
            return IdempotencyKey("sensor_eval:\(sensor):poll:\(epoch):\(cursorHash)")
        case .asset(let seq):
            return IdempotencyKey("sensor_eval:\(sensor):asset:\(seq)")
        }
    }

    public func payloadJSON() -> JSONValue {
        [
            "sensor": .string(sensor), "eval_id": .string(evalID), "trigger": trigger.json(),
            "cursor_before": .optional(cursorBefore), "cursor_after": .optional(cursorAfter),
            "expected_state_version": .optional(expectedStateVersion), "status": .string(status.rawValue),
            "message": .optional(message), "run_requests": .array(runRequests.map { $0.json() }),
            "payload": .optional(payload.map(Base64URL.encode)),
        ]
    }

    public init(fields: JSONFields) throws(PayloadDecodingError) {
        self.sensor = try fields.string("sensor")
        self.evalID = try fields.string("eval_id")
        guard let trigger = try fields.optionalObject("trigger") else {
            throw PayloadDecodingError(field: "trigger", expected: "an object")
        }
        self.trigger = try SensorTrigger(fields: trigger)
        self.cursorBefore = try fields.optionalString("cursor_before")
        self.cursorAfter = try fields.optionalString("cursor_after")
        self.expectedStateVersion = try fields.optionalInt("expected_state_version")
        self.status = try fields.enumeration("status", as: SensorEvalStatus.self)
        self.message = try fields.optionalString("message")
        self.runRequests = try fields.objects("run_requests") { item throws(PayloadDecodingError) in
            try SensorRunRequest(fields: item)
        }
        if let text = try fields.optionalString("payload") {
            guard let bytes = Base64URL.decodeCanonical(ArraySlice(text.utf8)) else {
                throw PayloadDecodingError(field: "payload", expected: "unpadded base64url")
            }
            self.payload = bytes
        } else {
            self.payload = nil
        }
    }
}

/// A sensor was started or stopped.
public struct SensorStateChanged: EventBody {
    public static let storedType = "SensorStateChanged"
    public static let version = 1

    /// The sensor.
    public var sensor: String
    /// The new status.
    public var status: AutomationStatus
    /// The state version this change creates.
    public var stateVersion: Int64

    /// Creates the event.
    public init(sensor: String, status: AutomationStatus, stateVersion: Int64) {
        self.sensor = sensor
        self.status = status
        self.stateVersion = stateVersion
    }

    /// `sensor_state:{sensor}:{state_version}:{STATUS}`.
    public var idempotencyKey: IdempotencyKey {
        IdempotencyKey("sensor_state:\(sensor):\(stateVersion):\(status.rawValue)")
    }

    public func payloadJSON() -> JSONValue {
        ["sensor": .string(sensor), "status": .string(status.rawValue), "state_version": .int(stateVersion)]
    }

    public init(fields: JSONFields) throws(PayloadDecodingError) {
        self.sensor = try fields.string("sensor")
        self.status = try fields.enumeration("status", as: AutomationStatus.self)
        self.stateVersion = try fields.int("state_version")
    }
}

/// An operator set (or cleared) a sensor's cursor.
public struct SensorCursorSet: EventBody {
    public static let storedType = "SensorCursorSet"
    public static let version = 1

    /// The sensor.
    public var sensor: String
    /// The new cursor; `nil` clears it.
    public var cursor: String?
    /// The state version this change creates.
    public var stateVersion: Int64

    /// Creates the event.
    public init(sensor: String, cursor: String?, stateVersion: Int64) {
        self.sensor = sensor
        self.cursor = cursor
        self.stateVersion = stateVersion
    }

    /// `sensor_cursor:{sensor}:{state_version}:{sha256hex(cursor) or none}`.
    public var idempotencyKey: IdempotencyKey {
        IdempotencyKey("sensor_cursor:\(sensor):\(stateVersion):\(cursor.map(SHA256Hex.digest) ?? "none")")
    }

    public func payloadJSON() -> JSONValue {
        ["sensor": .string(sensor), "cursor": .optional(cursor), "state_version": .int(stateVersion)]
    }

    public init(fields: JSONFields) throws(PayloadDecodingError) {
        self.sensor = try fields.string("sensor")
        self.cursor = try fields.optionalString("cursor")
        self.stateVersion = try fields.int("state_version")
    }
}

extension SensorRunRequest {
    /// A list as the canonical JSON text `sensor_evals.run_requests` stores.
    public static func encodeList(_ requests: [SensorRunRequest]) -> String {
        CanonicalJSON.encode(.array(requests.map { $0.json() }))
    }

    /// Reads back what `encodeList` wrote; nil for anything else.
    public static func decodeList(_ text: String) -> [SensorRunRequest]? {
        guard let value = try? JSONParser.parse(text), let items = value.arrayValue else { return nil }
        var result: [SensorRunRequest] = []
        for item in items {
            guard let fields = try? JSONFields(item), let request = try? SensorRunRequest(fields: fields) else { return nil }
            result.append(request)
        }
        return result
    }
}

extension SensorEvaluated {
    /// Payload bytes as stored in `sensor_evals.payload` (unpadded base64url).
    public static func encodePayload(_ bytes: [UInt8]) -> String { Base64URL.encode(bytes) }

    /// Reads back what `encodePayload` wrote.
    public static func decodePayload(_ text: String) -> [UInt8]? { Base64URL.decodeCanonical(ArraySlice(text.utf8)) }
}
