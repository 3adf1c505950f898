/// What `arco validate` finds wrong with a sensor's `target` before any evaluation: a selection
/// that does not resolve would make every evaluation an ERROR, and (a push being recorded once
/// per message id) every pushed message lost. Like `ScheduleTargetCheck`, not an error of
/// loading the file: a sensor broken by an edit must not stop the other commands.
public enum SensorTargetCheck {
    /// One diagnostic per sensor whose target does not resolve.
    public static func diagnostics(_ definitions: WorkspaceDefinitions) -> [DefinitionDiagnostic] {
        definitions.sensors.compactMap { sensor in
            do {
                _ = try AssetSelection.parse(sensor.target).resolve(in: definitions)
                return nil
            } catch {
                return DefinitionDiagnostic(
                    location: definitions.locations.sensorTargets[sensor.name] ?? definitions.locations.sensors[sensor.name],
                    message: "sensor '\(sensor.name.rawValue)': target '\(sensor.target)': \(error); every evaluation would fail",
                    hint: "fix 'target:'; `arco asset list` shows the assets")
            }
        }
    }
}
