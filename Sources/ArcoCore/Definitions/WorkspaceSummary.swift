/// How many of each definition a workspace declares, for `arco validate` and `arco doctor`.
public struct WorkspaceSummary: Sendable, Hashable, CustomStringConvertible {
    /// Number of assets.
    public var assets: Int
    /// Number of partitions definitions.
    public var partitionsDefinitions: Int
    /// Number of schedules.
    public var schedules: Int
    /// Number of sensors.
    public var sensors: Int

    /// Creates a summary.
    public init(assets: Int, partitionsDefinitions: Int, schedules: Int, sensors: Int) {
        self.assets = assets
        self.partitionsDefinitions = partitionsDefinitions
        self.schedules = schedules
        self.sensors = sensors
    }

    /// `3 assets, 2 partitions definitions, 1 schedule, 0 sensors`.
    public var description: String {
        [
            Self.count(assets, "asset", "assets"),
            Self.count(partitionsDefinitions, "partitions definition", "partitions definitions"),
            Self.count(schedules, "schedule", "schedules"),
            Self.count(sensors, "sensor", "sensors"),
        ].joined(separator: ", ")
    }

    private static func count(_ value: Int, _ singular: String, _ plural: String) -> String {
        "\(value) \(value == 1 ? singular : plural)"
    }
}
