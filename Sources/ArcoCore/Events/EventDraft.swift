/// An event a command wants to record: a body plus optional causation, not yet given an id,
/// a time or a place in the ledger.
public struct EventDraft: Sendable, Equatable {
    /// The fact.
    public var payload: EventPayload
    /// The event that caused this one, if any (e.g. the tick that requested a run).
    public var causationID: EventID?
    /// The canonical JSON text of the payload, computed once here.
    public let payloadText: String
    /// The idempotency key derived from the body.
    public let idempotencyKey: IdempotencyKey
    /// The correlation id derived from the body.
    public let correlationID: String?

    /// Creates a draft of a known event.
    public init<Body: EventBody>(_ body: Body, causationID: EventID? = nil) {
        self.payload = EventDraft.wrap(body)
        self.causationID = causationID
        self.payloadText = CanonicalJSON.encode(body.payloadJSON())
        self.idempotencyKey = body.idempotencyKey
        self.correlationID = body.correlationID
    }

    /// Creates a draft of an event this build does not know, for tests of forward compatibility.
    public init(unknownType type: String, version: Int, payload: JSONValue, idempotencyKey: IdempotencyKey) {
        self.payload = .unknown(type: type, version: version)
        self.causationID = nil
        self.payloadText = CanonicalJSON.encode(payload)
        self.idempotencyKey = idempotencyKey
        self.correlationID = nil
    }

    private static func wrap<Body: EventBody>(_ body: Body) -> EventPayload {
        switch body {
        case let body as RunRequested: return .runRequested(body)
        case let body as RunStarted: return .runStarted(body)
        case let body as RunWorkerLost: return .runWorkerLost(body)
        case let body as RunCancelRequested: return .runCancelRequested(body)
        case let body as StepStarted: return .stepStarted(body)
        case let body as StepFinished: return .stepFinished(body)
        case let body as AssetMaterialized: return .assetMaterialized(body)
        case let body as ScheduleTicked: return .scheduleTicked(body)
        case let body as ScheduleStateChanged: return .scheduleStateChanged(body)
        case let body as ScheduleBaselineSet: return .scheduleBaselineSet(body)
        case let body as SensorEvaluated: return .sensorEvaluated(body)
        case let body as SensorStateChanged: return .sensorStateChanged(body)
        case let body as SensorCursorSet: return .sensorCursorSet(body)
        case let body as BackfillCreated: return .backfillCreated(body)
        case let body as BackfillChunkPlanned: return .backfillChunkPlanned(body)
        case let body as BackfillStateChanged: return .backfillStateChanged(body)
        case let body as AutomationEvaluated: return .automationEvaluated(body)
        case let body as DynamicPartitionsChanged: return .dynamicPartitionsChanged(body)
        default: preconditionFailure("event body \(Body.storedType) is missing from EventDraft.wrap")
        }
    }
}
