/// One asset of `arco.yaml`: what materializes it and how.
public struct AssetDefinition: Sendable, Hashable {
    /// The asset's key.
    public var key: AssetKey
    /// The step's process.
    public var command: ProcessCommand
    /// Extra environment variables (never names starting with `ARCO_`).
    public var environment: [String: String]
    /// A dotenv file read before `environment`, relative to the workspace root.
    public var environmentFile: String?
    /// The working directory, relative to the workspace root; the root when nil.
    public var workingDirectory: String?
    /// Upstream assets, in the order written.
    public var dependencies: [AssetDependency]
    /// The partitions definition, when the asset is partitioned.
    public var partitions: PartitionsDefinitionName?
    /// The user's code version; a change makes materializations stale (`CODE_CHANGED`).
    public var codeVersion: String?
    /// Retries of a failed step; `RetryPolicy.none` by default.
    public var retries: RetryPolicy
    /// The longest a step may run before it is killed; unlimited when nil.
    public var timeout: Duration?
    /// Free-form tags copied onto runs.
    public var tags: [String: String]
    /// The asset group; `default` as in Dagster.
    public var group: String
    /// The freshness policy, if any.
    public var freshness: FreshnessPolicy?
    /// How backfills split this asset's partitions into steps.
    public var backfillPolicy: BackfillPolicy
    /// The most output one attempt's log keeps (`log_max`); `Limits.stepLogBytesDefault`
    /// when nil.
    public var logMaxBytes: Int64?

    /// Creates an asset with Dagster's defaults for everything but the key and command.
    public init(
        key: AssetKey, command: ProcessCommand, environment: [String: String] = [:],
        environmentFile: String? = nil, workingDirectory: String? = nil,
        dependencies: [AssetDependency] = [], partitions: PartitionsDefinitionName? = nil,
        codeVersion: String? = nil, retries: RetryPolicy = .none, timeout: Duration? = nil,
        tags: [String: String] = [:], group: String = "default", freshness: FreshnessPolicy? = nil,
        backfillPolicy: BackfillPolicy = .default, logMaxBytes: Int64? = nil
    ) {
        self.key = key
        self.command = command
        self.environment = environment
        self.environmentFile = environmentFile
        self.workingDirectory = workingDirectory
        self.dependencies = dependencies
        self.partitions = partitions
        self.codeVersion = codeVersion
        self.retries = retries
        self.timeout = timeout
        self.tags = tags
        self.group = group
        self.freshness = freshness
        self.backfillPolicy = backfillPolicy
        self.logMaxBytes = logMaxBytes
    }

    /// The upstream asset keys, in the order written.
    public var upstreamKeys: [AssetKey] { dependencies.map(\.asset) }
}
