import ArcoCore

extension Engine {
    /// The sensors a command names, in name order; every sensor when none is named.
    /// - Throws: exit 66 for an unknown name, listing the nearest declared names.
    static func namedSensors(_ names: [String], in definitions: WorkspaceDefinitions) throws -> [SensorDefinition] {
        let sensors = names.isEmpty
            ? definitions.sensors
            : try names.map { name in
                if let sensor = definitions.sensor(SensorName(name)) { return sensor }
                throw unknownSensor(name, definitions)
            }
        var seen = Set<String>()
        return sensors.filter { seen.insert($0.name.rawValue).inserted }.sorted { $0.name.rawValue < $1.name.rawValue }
    }

    /// One sensor by name.
    static func sensor(_ name: String, in definitions: WorkspaceDefinitions) throws -> SensorDefinition {
        guard let sensor = definitions.sensor(SensorName(name)) else { throw unknownSensor(name, definitions) }
        return sensor
    }

    /// The error for a sensor arco.yaml does not declare, with the nearest names.
    static func unknownSensor(_ name: String, _ definitions: WorkspaceDefinitions) -> OperatorError {
        let declared = definitions.sensors.map(\.name.rawValue)
        guard !declared.isEmpty else {
            return OperatorError(
                .notFound, "unknown sensor '\(name)': arco.yaml declares no sensors",
                hint: "declare one under `sensors:` in arco.yaml, then check with `arco validate`")
        }
        let nearest = declared.sorted {
            (NameSuggestion.editDistance(name, $0), $0) < (NameSuggestion.editDistance(name, $1), $1)
        }.prefix(3)
        return OperatorError(
            .notFound, "unknown sensor '\(name)'; nearest: \(nearest.joined(separator: ", "))",
            hint: "list the sensors with `arco sensor list`")
    }

    /// The effective status: the recorded start or stop, else the file's (as for schedules).
    static func sensorStatus(_ sensor: SensorDefinition, _ state: SensorStateRow?) -> (AutomationStatus, ScheduleStatusResolution.Source) {
        ScheduleStatusResolution.resolve(declared: sensor.status, recorded: state?.status)
    }
}
