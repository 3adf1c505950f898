/// Where each named definition was declared, so that later stages (selection resolution,
/// `arco schedule preview`) can point at the file too.
public struct DefinitionLocations: Sendable, Hashable {
    /// The key of each asset.
    public var assets: [AssetKey: SourceLocation]
    /// The name of each partitions definition.
    public var partitions: [PartitionsDefinitionName: SourceLocation]
    /// The name of each schedule.
    public var schedules: [ScheduleName: SourceLocation]
    /// The `target:` value of each schedule.
    public var scheduleTargets: [ScheduleName: SourceLocation]
    /// The name of each sensor.
    public var sensors: [SensorName: SourceLocation]
    /// The `target:` value of each sensor.
    public var sensorTargets: [SensorName: SourceLocation]
    /// The key of each `automation:` entry.
    public var automation: [AssetKey: SourceLocation]

    /// Creates an index, empty by default.
    public init(
        assets: [AssetKey: SourceLocation] = [:],
        partitions: [PartitionsDefinitionName: SourceLocation] = [:],
        schedules: [ScheduleName: SourceLocation] = [:],
        scheduleTargets: [ScheduleName: SourceLocation] = [:],
        sensors: [SensorName: SourceLocation] = [:],
        sensorTargets: [SensorName: SourceLocation] = [:],
        automation: [AssetKey: SourceLocation] = [:]
    ) {
        self.assets = assets
        self.partitions = partitions
        self.schedules = schedules
        self.scheduleTargets = scheduleTargets
        self.sensors = sensors
        self.sensorTargets = sensorTargets
        self.automation = automation
    }
}
