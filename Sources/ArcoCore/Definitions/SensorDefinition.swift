/// A sensor: something outside the schedule clock that requests runs of a selection.
public struct SensorDefinition: Sendable, Hashable {
    /// The three kinds of sensor, each with its own settings.
    public enum Kind: Sendable, Hashable {
        /// Runs a command at most every `minimumInterval` and reads run requests from its output.
        case poll(command: ProcessCommand, minimumInterval: Duration)
        /// Takes messages from `arco sensor push`.
        case push
        /// Fires on new materializations of the watched assets.
        case asset(watch: [AssetKey])

        /// The `kind:` spelling in `arco.yaml`.
        public var name: String {
            switch self {
            case .poll: "poll"
            case .push: "push"
            case .asset: "asset"
            }
        }
    }

    /// The default poll interval, Dagster's `DEFAULT_SENSOR_DAEMON_INTERVAL`.
    public static let defaultMinimumInterval = Duration.seconds(30)

    /// The sensor's name.
    public var name: SensorName
    /// The kind and its settings.
    public var kind: Kind
    /// The asset selection, stored as written; it is resolved when the sensor requests a run.
    public var target: String
    /// The status it starts with.
    public var status: InstigatorStatus
    /// Tags copied onto the runs it requests.
    public var tags: [String: String]

    /// Creates a sensor.
    public init(name: SensorName, kind: Kind, target: String, status: InstigatorStatus = .stopped,
        tags: [String: String] = [:])
    {
        self.name = name
        self.kind = kind
        self.target = target
        self.status = status
        self.tags = tags
    }
}
