/// One row of the `events` table exactly as stored: the unit of the hash chain, of export and of
/// import.
public struct LedgerRow: Sendable, Hashable {
    /// The fold order, 1-based and gap-free.
    public var seq: Int64
    /// The event's unique id.
    public var eventID: EventID
    /// The stored type string.
    public var type: String
    /// The stored payload version.
    public var version: Int
    /// When the event was recorded, exactly as stored: the hash covers this text, so any edit to
    /// it (even one naming the same instant) breaks the chain.
    public var recordedAtText: String
    /// The idempotency key.
    public var idempotencyKey: IdempotencyKey
    /// The correlation id, usually the run id.
    public var correlationID: String?
    /// The causing event, if any.
    public var causationID: EventID?
    /// The canonical JSON payload text.
    public var payload: String
    /// SHA-256 hex over this row's other columns and the previous row's hash.
    public var hash: String

    /// When the event was recorded (the clock read once per command); the Unix epoch if the
    /// stored text is damaged, which the hash chain then reports.
    public var recordedAt: Timestamp {
        Timestamp(iso8601: recordedAtText) ?? Timestamp(microsecondsSinceEpoch: 0)
    }

    /// Creates a row.
    public init(
        seq: Int64, eventID: EventID, type: String, version: Int, recordedAt: Timestamp,
        idempotencyKey: IdempotencyKey, correlationID: String?, causationID: EventID?, payload: String,
        hash: String
    ) {
        self.init(
            seq: seq, eventID: eventID, type: type, version: version, recordedAtText: recordedAt.iso8601,
            idempotencyKey: idempotencyKey, correlationID: correlationID, causationID: causationID, payload: payload,
            hash: hash)
    }

    /// Creates a row from stored columns, keeping `recorded_at` as stored.
    public init(
        seq: Int64, eventID: EventID, type: String, version: Int, recordedAtText: String,
        idempotencyKey: IdempotencyKey, correlationID: String?, causationID: EventID?, payload: String,
        hash: String
    ) {
        self.seq = seq
        self.eventID = eventID
        self.type = type
        self.version = version
        self.recordedAtText = recordedAtText
        self.idempotencyKey = idempotencyKey
        self.correlationID = correlationID
        self.causationID = causationID
        self.payload = payload
        self.hash = hash
    }

    /// Builds the next row of the chain from a draft.
    /// - Parameter recordedAtText: `recordedAt` already formatted (a batch shares one instant).
    public init(
        draft: EventDraft, seq: Int64, eventID: EventID, recordedAt: Timestamp, previousHash: String,
        recordedAtText: String? = nil
    ) {
        self.init(
            seq: seq, eventID: eventID, type: draft.payload.storedType, version: draft.payload.version,
            recordedAtText: recordedAtText ?? recordedAt.iso8601, idempotencyKey: draft.idempotencyKey,
            correlationID: draft.correlationID, causationID: draft.causationID, payload: draft.payloadText, hash: "")
        self.hash = LedgerHash.compute(previous: previousHash, row: self)
    }

    /// Decodes the payload into a typed event.
    public func decoded() throws(LedgerDecodingError) -> Event {
        let json: JSONValue
        do {
            json = try JSONParser.parse(payload)
        } catch {
            throw LedgerDecodingError(seq: seq, reason: error.description)
        }
        do {
            let payload = try EventCatalog.decode(type: type, version: version, payload: json)
            return Event(row: self, payload: payload)
        } catch {
            throw LedgerDecodingError(seq: seq, reason: "\(type) v\(version): \(error.description)")
        }
    }

    /// The row as a JSON object, the line format of `arco ledger export` and `arco events --json`.
    public func exportJSON() -> JSONValue {
        let payloadValue = (try? JSONParser.parse(payload)) ?? .string(payload)
        return [
            "seq": .int(seq), "event_id": .string(eventID.rawValue), "type": .string(type),
            "version": .int(Int64(version)), "recorded_at": .string(recordedAtText),
            "idempotency_key": .string(idempotencyKey.rawValue), "correlation_id": .optional(correlationID),
            "causation_id": .optional(causationID?.rawValue), "payload": payloadValue, "hash": .string(hash),
        ]
    }

    /// Reads a row from its export form; the payload is re-encoded canonically.
    public init(exported value: JSONValue) throws(PayloadDecodingError) {
        let fields = try JSONFields(value)
        let version = try fields.int("version")
        guard let payloadValue = fields.members["payload"], payloadValue.objectValue != nil else {
            throw PayloadDecodingError(field: "payload", expected: "an object")
        }
        _ = try fields.timestamp("recorded_at")
        self.init(
            seq: try fields.int("seq"), eventID: EventID(try fields.string("event_id")),
            type: try fields.string("type"), version: Int(clamping: version),
            recordedAtText: try fields.string("recorded_at"),
            idempotencyKey: IdempotencyKey(try fields.string("idempotency_key")),
            correlationID: try fields.optionalString("correlation_id"),
            causationID: try fields.optionalString("causation_id").map(EventID.init),
            payload: CanonicalJSON.encode(payloadValue), hash: try fields.string("hash"))
    }
}

/// A stored payload that does not decode as its type says.
public struct LedgerDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The row.
    public var seq: Int64
    /// What was wrong.
    public var reason: String
    public var description: String { "ledger row \(seq) does not decode: \(reason)" }
}

/// A ledger row with its payload decoded: what the fold consumes.
public struct Event: Sendable, Equatable {
    /// The stored row.
    public var row: LedgerRow
    /// The typed payload.
    public var payload: EventPayload

    /// Pairs a row with its decoded payload.
    public init(row: LedgerRow, payload: EventPayload) {
        self.row = row
        self.payload = payload
    }
}
