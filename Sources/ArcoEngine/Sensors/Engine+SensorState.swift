import ArcoCore
import ArcoStore

/// What `sensor start|stop` did.
public struct SensorStateChange: Sendable, Hashable {
    public var sensor: String
    public var status: AutomationStatus
    /// False when it already had that status: nothing was recorded.
    public var changed: Bool
}

/// A sensor's cursor as `sensor cursor` shows it.
public struct SensorCursorView: Sendable, Hashable {
    public var sensor: String
    public var cursor: String?
    public var stateVersion: Int64
}

extension Engine {
    /// Records `SensorStateChanged` for a start or stop, unless the sensor already has that
    /// status. From then on the recorded status wins over the file's `status`.
    /// - Throws: exit 66 for an unknown sensor.
    public func setSensorStatus(_ name: String, to status: AutomationStatus) throws -> SensorStateChange {
        let definitions = try loadDefinitions()
        let sensor = try Self.sensor(name, in: definitions)
        let store = try store()
        let now = environment.clock.now()
        let changed = try mapStoreErrors {
            try store.write { transaction -> Bool in
                let state = try transaction.reader.sensorState(name) ?? SensorStateRow(sensor: name)
                guard Self.sensorStatus(sensor, state).0 != status else { return false }
                let event = SensorStateChanged(sensor: name, status: status, stateVersion: state.stateVersion + 1)
                let result = try transaction.append([(EventDraft(event), environment.ids.makeEventID(at: now))], recordedAt: now)
                return result.outcomes.first == .applied
            }
        }
        return SensorStateChange(sensor: name, status: status, changed: changed)
    }

    /// Reads a sensor's cursor, or changes it (`SensorCursorSet`, so it shows in history and the
    /// ledger): `set` a value, or `reset` to none.
    /// - Throws: 66 unknown sensor, 65 a cursor over `Limits.sensorCursorBytesMax`.
    public func sensorCursor(_ name: String, set value: String? = nil, reset: Bool = false) throws -> SensorCursorView {
        let definitions = try loadDefinitions()
        _ = try Self.sensor(name, in: definitions)
        if let value, value.utf8.count > Limits.sensorCursorBytesMax {
            throw OperatorError(
                .dataError, "cursor is \(value.utf8.count) bytes, over the \(Limits.sensorCursorBytesMax)-byte limit",
                hint: "keep bulk state in the sensor's own files and put a reference in the cursor")
        }
        let store = try store()
        guard value != nil || reset else {
            let state = try mapStoreErrors { try store.read { try $0.sensorState(name) } } ?? SensorStateRow(sensor: name)
            return SensorCursorView(sensor: name, cursor: state.cursor, stateVersion: state.stateVersion)
        }
        let now = environment.clock.now()
        return try mapStoreErrors {
            try store.write { transaction -> SensorCursorView in
                let state = try transaction.reader.sensorState(name) ?? SensorStateRow(sensor: name)
                let event = SensorCursorSet(sensor: name, cursor: reset ? nil : value, stateVersion: state.stateVersion + 1)
                _ = try transaction.append([(EventDraft(event), environment.ids.makeEventID(at: now))], recordedAt: now)
                let after = try transaction.reader.sensorState(name) ?? state
                return SensorCursorView(sensor: name, cursor: after.cursor, stateVersion: after.stateVersion)
            }
        }
    }
}
