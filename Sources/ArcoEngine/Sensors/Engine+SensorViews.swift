import ArcoCore
import ArcoStore

/// A sensor as `sensor list` shows it.
public struct SensorListing: Sendable, Hashable {
    public var sensor: SensorDefinition
    public var status: AutomationStatus
    public var statusSource: ScheduleStatusResolution.Source
    public var state: SensorStateRow
    /// The newest evaluation recorded.
    public var lastEvaluation: SensorEvalOutcome?
    /// Poll sensors: when the minimum interval next allows an evaluation (nil: now).
    public var nextAllowed: Timestamp?
}

extension Engine {
    /// Every sensor in name order with its status, cursor, last evaluation and next allowed
    /// evaluation.
    public func sensorList(now: Timestamp? = nil) throws -> [SensorListing] {
        let definitions = try loadDefinitions()
        let now = now ?? environment.clock.now()
        let store = try store()
        let sensors = definitions.sensors.sorted { $0.name.rawValue < $1.name.rawValue }
        return try mapStoreErrors {
            try store.read { reader in
                let states = try reader.sensorStates()
                return try sensors.map { sensor in
                    let name = sensor.name.rawValue
                    let (status, source) = Self.sensorStatus(sensor, states[name])
                    let state = states[name] ?? SensorStateRow(sensor: name)
                    let last = try state.lastEvalID.flatMap { try reader.sensorEval($0) }.map { SensorEvalOutcome($0) }
                    var next: Timestamp?
                    if case .poll(_, let interval, _) = sensor.kind {
                        // A time already past is "now": nil, as documented.
                        next = SensorDue.nextAllowed(after: state.lastEvaluatedAt, minimumInterval: interval)
                            .flatMap { $0 > now ? $0 : nil }
                    }
                    return SensorListing(
                        sensor: sensor, status: status, statusSource: source, state: state, lastEvaluation: last,
                        nextAllowed: next)
                }
            }
        }
    }

    /// A sensor's evaluations newest first, optionally of one status.
    /// - Throws: exit 66 for an unknown sensor.
    public func sensorHistory(_ name: String, status: SensorEvalStatus? = nil, limit: Int? = nil) throws -> [SensorEvalOutcome] {
        _ = try Self.sensor(name, in: try loadDefinitions())
        let store = try store()
        return try mapStoreErrors {
            try store.read { try $0.sensorEvals(name, status: status, limit: limit) }
        }.map { SensorEvalOutcome($0) }
    }
}
