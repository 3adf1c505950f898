/// Every ledger event this build knows, plus `unknown` for types written by a newer build.
///
/// An unknown type (or a known type at a newer version) is kept verbatim, folds as a counted
/// no-op, and never crashes a reader: writers may be upgraded before readers.
public enum EventPayload: Sendable, Equatable {
    case runRequested(RunRequested)
    case runStarted(RunStarted)
    case runWorkerLost(RunWorkerLost)
    case runCancelRequested(RunCancelRequested)
    case stepStarted(StepStarted)
    case stepFinished(StepFinished)
    case assetMaterialized(AssetMaterialized)
    case scheduleTicked(ScheduleTicked)
    case scheduleStateChanged(ScheduleStateChanged)
    case scheduleBaselineSet(ScheduleBaselineSet)
    case sensorEvaluated(SensorEvaluated)
    case sensorStateChanged(SensorStateChanged)
    case sensorCursorSet(SensorCursorSet)
    case backfillCreated(BackfillCreated)
    case backfillChunkPlanned(BackfillChunkPlanned)
    case backfillStateChanged(BackfillStateChanged)
    case automationEvaluated(AutomationEvaluated)
    case dynamicPartitionsChanged(DynamicPartitionsChanged)
    case unknown(type: String, version: Int)

    /// The body behind the case; `nil` for `unknown`.
    public var body: (any EventBody)? {
        switch self {
        case .runRequested(let body): return body
        case .runStarted(let body): return body
        case .runWorkerLost(let body): return body
        case .runCancelRequested(let body): return body
        case .stepStarted(let body): return body
        case .stepFinished(let body): return body
        case .assetMaterialized(let body): return body
        case .scheduleTicked(let body): return body
        case .scheduleStateChanged(let body): return body
        case .scheduleBaselineSet(let body): return body
        case .sensorEvaluated(let body): return body
        case .sensorStateChanged(let body): return body
        case .sensorCursorSet(let body): return body
        case .backfillCreated(let body): return body
        case .backfillChunkPlanned(let body): return body
        case .backfillStateChanged(let body): return body
        case .automationEvaluated(let body): return body
        case .dynamicPartitionsChanged(let body): return body
        case .unknown: return nil
        }
    }

    /// The stored type string.
    public var storedType: String {
        if case .unknown(let type, _) = self { return type }
        return body.map { type(of: $0).storedType } ?? ""
    }

    /// The stored version.
    public var version: Int {
        if case .unknown(_, let version) = self { return version }
        return body.map { type(of: $0).version } ?? 0
    }
}

/// Maps stored type strings to decoders. The table is the ledger vocabulary: append only.
public enum EventCatalog {
    /// Every known body type, in catalog order.
    public static let bodyTypes: [any EventBody.Type] = [
        RunRequested.self, RunStarted.self, RunWorkerLost.self, RunCancelRequested.self,
        StepStarted.self, StepFinished.self, AssetMaterialized.self,
        ScheduleTicked.self, ScheduleStateChanged.self,
        SensorEvaluated.self, SensorStateChanged.self, SensorCursorSet.self,
        BackfillCreated.self, BackfillChunkPlanned.self, BackfillStateChanged.self,
        DynamicPartitionsChanged.self, AutomationEvaluated.self, ScheduleBaselineSet.self,
    ]

    /// The stored type strings this build knows.
    public static let storedTypes: Set<String> = Set(bodyTypes.map { $0.storedType })

    /// Decodes a stored payload. Unknown types and newer versions decode as `.unknown`.
    public static func decode(type: String, version: Int, payload: JSONValue) throws(PayloadDecodingError)
        -> EventPayload
    {
        let fields = try JSONFields(payload)
        func known<T: EventBody>(_ body: T.Type) -> Bool { version <= T.version }
        switch type {
        case RunRequested.storedType where known(RunRequested.self):
            return .runRequested(try RunRequested(fields: fields))
        case RunStarted.storedType where known(RunStarted.self):
            return .runStarted(try RunStarted(fields: fields))
        case RunWorkerLost.storedType where known(RunWorkerLost.self):
            return .runWorkerLost(try RunWorkerLost(fields: fields))
        case RunCancelRequested.storedType where known(RunCancelRequested.self):
            return .runCancelRequested(try RunCancelRequested(fields: fields))
        case StepStarted.storedType where known(StepStarted.self):
            return .stepStarted(try StepStarted(fields: fields))
        case StepFinished.storedType where known(StepFinished.self):
            return .stepFinished(try StepFinished(fields: fields))
        case AssetMaterialized.storedType where known(AssetMaterialized.self):
            return .assetMaterialized(try AssetMaterialized(fields: fields))
        default:
            return try decodeAutomation(type: type, version: version, fields: fields)
        }
    }

    private static func decodeAutomation(type: String, version: Int, fields: JSONFields)
        throws(PayloadDecodingError) -> EventPayload
    {
        func known<T: EventBody>(_ body: T.Type) -> Bool { version <= T.version }
        switch type {
        case ScheduleTicked.storedType where known(ScheduleTicked.self):
            return .scheduleTicked(try ScheduleTicked(fields: fields))
        case ScheduleStateChanged.storedType where known(ScheduleStateChanged.self):
            return .scheduleStateChanged(try ScheduleStateChanged(fields: fields))
        case ScheduleBaselineSet.storedType where known(ScheduleBaselineSet.self):
            return .scheduleBaselineSet(try ScheduleBaselineSet(fields: fields))
        case SensorEvaluated.storedType where known(SensorEvaluated.self):
            return .sensorEvaluated(try SensorEvaluated(fields: fields))
        case SensorStateChanged.storedType where known(SensorStateChanged.self):
            return .sensorStateChanged(try SensorStateChanged(fields: fields))
        case SensorCursorSet.storedType where known(SensorCursorSet.self):
            return .sensorCursorSet(try SensorCursorSet(fields: fields))
        case BackfillCreated.storedType where known(BackfillCreated.self):
            return .backfillCreated(try BackfillCreated(fields: fields))
        case BackfillChunkPlanned.storedType where known(BackfillChunkPlanned.self):
            return .backfillChunkPlanned(try BackfillChunkPlanned(fields: fields))
        case BackfillStateChanged.storedType where known(BackfillStateChanged.self):
            return .backfillStateChanged(try BackfillStateChanged(fields: fields))
        case AutomationEvaluated.storedType where known(AutomationEvaluated.self):
            return .automationEvaluated(try AutomationEvaluated(fields: fields))
        case DynamicPartitionsChanged.storedType where known(DynamicPartitionsChanged.self):
            return .dynamicPartitionsChanged(try DynamicPartitionsChanged(fields: fields))
        default:
            return .unknown(type: type, version: version)
        }
    }
}
