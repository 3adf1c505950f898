/// Everything `arco.yaml` declares, decoded and validated.
///
/// Lists keep the file's order; lookups by name are O(1). Equality includes `locations`, so two
/// files that differ only in layout are not equal.
public struct WorkspaceDefinitions: Sendable, Equatable {
    /// The file format version; always 1 today.
    public let version: Int
    /// The assets, in file order.
    public let assets: [AssetDefinition]
    /// The partitions definitions, in file order.
    public let partitions: [PartitionsDefinition]
    /// The schedules, in file order.
    public let schedules: [ScheduleDefinition]
    /// The sensors, in file order.
    public let sensors: [SensorDefinition]
    /// The automation policy of each automated asset.
    public let automation: [AssetKey: AutomationPolicy]
    /// Asset keys with every asset after its dependencies, ties broken by key.
    public let assetOrder: [AssetKey]
    /// Where each definition was declared.
    public let locations: DefinitionLocations

    private let assetIndex: [AssetKey: Int]
    private let partitionsIndex: [PartitionsDefinitionName: Int]
    private let scheduleIndex: [ScheduleName: Int]
    private let sensorIndex: [SensorName: Int]

    /// Assembles definitions; names must be unique within each list.
    public init(
        version: Int = 1, assets: [AssetDefinition] = [], partitions: [PartitionsDefinition] = [],
        schedules: [ScheduleDefinition] = [], sensors: [SensorDefinition] = [],
        automation: [AssetKey: AutomationPolicy] = [:],
        locations: DefinitionLocations = DefinitionLocations()
    ) {
        self.version = version
        self.assets = assets
        self.partitions = partitions
        self.schedules = schedules
        self.sensors = sensors
        self.automation = automation
        self.locations = locations
        assetIndex = Self.index(assets.map(\.key))
        partitionsIndex = Self.index(partitions.map(\.name))
        scheduleIndex = Self.index(schedules.map(\.name))
        sensorIndex = Self.index(sensors.map(\.name))
        assetOrder = DependencyGraph(assets: assets).topologicalOrder()
    }

    /// The asset with this key.
    public func asset(_ key: AssetKey) -> AssetDefinition? {
        assetIndex[key].map { assets[$0] }
    }

    /// The partitions definition with this name.
    public func partitionsDefinition(_ name: PartitionsDefinitionName) -> PartitionsDefinition? {
        partitionsIndex[name].map { partitions[$0] }
    }

    /// The partitions definition of an asset, or nil when the asset is unknown or unpartitioned.
    public func partitionsDefinition(of key: AssetKey) -> PartitionsDefinition? {
        asset(key)?.partitions.flatMap(partitionsDefinition)
    }

    /// The schedule with this name.
    public func schedule(_ name: ScheduleName) -> ScheduleDefinition? {
        scheduleIndex[name].map { schedules[$0] }
    }

    /// The sensor with this name.
    public func sensor(_ name: SensorName) -> SensorDefinition? {
        sensorIndex[name].map { sensors[$0] }
    }

    /// How many of each definition there are.
    public var summary: WorkspaceSummary {
        WorkspaceSummary(assets: assets.count, partitionsDefinitions: partitions.count,
            schedules: schedules.count, sensors: sensors.count)
    }

    private static func index<Key: Hashable>(_ keys: [Key]) -> [Key: Int] {
        var index: [Key: Int] = [:]
        for (position, key) in keys.enumerated() where index[key] == nil {
            index[key] = position
        }
        return index
    }
}
