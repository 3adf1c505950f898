/// What made a partition stale, with the versions and instants an operator needs to act on it.
public enum StalenessCause: Sendable, Hashable {
    /// Nothing was ever materialized.
    case neverMaterialized
    /// The code version changed since the last materialization ("no code version" is a value).
    case codeChanged(materialized: String?, current: String?, materializedAt: Timestamp)
    /// An upstream partition it reads was never materialized.
    case upstreamNeverMaterialized(asset: AssetKey, partition: String?)
    /// An upstream partition now has another data version than the one consumed (nil when the
    /// dependency is newer than the materialization); `changedAt` is when the current appeared.
    case upstreamChanged(
        asset: AssetKey, partition: String?, consumed: String?, current: String, changedAt: Timestamp?)
    /// An upstream partition it reads is stale or missing for `reason`.
    case upstreamStale(asset: AssetKey, partition: String?, reason: StaleReason)
    /// The last materialization missed its freshness deadline.
    case freshnessViolated(materializedAt: Timestamp, maxLagSeconds: Int64, cron: String?, deadline: Timestamp)

    /// The upstream partition the cause names, if it names one.
    public var upstream: (asset: AssetKey, partition: String?)? {
        switch self {
        case .upstreamNeverMaterialized(let asset, let partition), .upstreamChanged(let asset, let partition, _, _, _),
            .upstreamStale(let asset, let partition, _):
            (asset, partition)
        case .neverMaterialized, .codeChanged, .freshnessViolated:
            nil
        }
    }

    /// The `cause` object of `--json` (field names in docs/json.md).
    public func json() -> JSONValue {
        switch self {
        case .neverMaterialized:
            return .object([:])
        case .codeChanged(let materialized, let current, let at):
            return [
                "materialized_code_version": .optional(materialized), "current_code_version": .optional(current),
                "materialized_at": .string(at.iso8601),
            ]
        case .upstreamNeverMaterialized(let asset, let partition):
            return ["upstream_asset": .string(asset.rawValue), "upstream_partition": .optional(partition)]
        case .upstreamChanged(let asset, let partition, let consumed, let current, let changedAt):
            return [
                "upstream_asset": .string(asset.rawValue), "upstream_partition": .optional(partition),
                "consumed_data_version": .optional(consumed), "current_data_version": .string(current),
                "changed_at": .optional(changedAt?.iso8601),
            ]
        case .upstreamStale(let asset, let partition, let reason):
            return [
                "upstream_asset": .string(asset.rawValue), "upstream_partition": .optional(partition),
                "upstream_reason": .string(reason.rawValue),
            ]
        case .freshnessViolated(let at, let lag, let cron, let deadline):
            return [
                "materialized_at": .string(at.iso8601), "max_lag_seconds": .int(lag),
                "cron": .optional(cron), "deadline": .string(deadline.iso8601),
            ]
        }
    }
}
