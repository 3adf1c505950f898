/// A sensor: something outside the schedule clock that requests runs of a selection.
public struct SensorDefinition: Sendable, Hashable {
    /// The three kinds of sensor, each with its own settings.
    public enum Kind: Sendable, Hashable {
        /// Runs a command at most every `minimumInterval` and reads run requests from its output;
        /// the command's process group is killed after `timeout`.
        case poll(command: ProcessCommand, minimumInterval: Duration, timeout: Duration = Self.defaultTimeout)
        /// Takes messages from `arco sensor push`; an optional command turns each payload (on its
        /// stdin) into run requests with the poll protocol.
        case push(command: ProcessCommand? = nil, timeout: Duration = Self.defaultTimeout)
        /// Fires on new materializations of the watched assets.
        case asset(watch: [AssetKey])

        /// How long a sensor command may run when the sensor gives no `timeout`.
        public static let defaultTimeout = Duration.seconds(Limits.sensorTimeoutSecondsDefault)

        /// The `kind:` spelling in `arco.yaml`.
        public var name: String {
            switch self {
            case .poll: "poll"
            case .push: "push"
            case .asset: "asset"
            }
        }
    }

    /// How long a sensor command may run when the sensor gives no `timeout`.
    public static let defaultTimeout = Kind.defaultTimeout

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
