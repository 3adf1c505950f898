/// One asset partition's verdict: a row of `arco staleness report`.
public struct StalenessRow: Sendable, Hashable {
    /// The asset.
    public var asset: AssetKey
    /// The display key; nil for an unpartitioned asset.
    public var partition: String?
    /// `STALE`, `MISSING` or `FRESH`.
    public var status: StalenessStatus
    /// The first reason that applies; nil when fresh.
    public var reason: StaleReason?
    /// The row's cause: for upstream reasons, the qualifying upstream partition with the
    /// earliest `since`.
    public var cause: StalenessCause?
    /// Since when the partition is stale, from the ledger (never the evaluation time); nil when
    /// unknown (ADR 0011).
    public var since: Timestamp?
    /// The missing or stale upstream partitions the row reads (`UPSTREAM_NEVER_MATERIALIZED` and
    /// `UPSTREAM_STALE` causes), whatever its own reason, in dependency then partition order;
    /// filled only when the evaluator was asked to collect them.
    public var upstreamCauses: [StalenessCause]
    /// The partition's position in its asset's partition order (0 when unpartitioned); not
    /// printed, but text output groups only consecutive partitions.
    public var position: Int = 0

    /// A fresh row.
    public static func fresh(_ asset: AssetKey, _ partition: String?) -> StalenessRow {
        StalenessRow(asset: asset, partition: partition, status: .fresh, reason: nil, cause: nil, since: nil)
    }

    /// Creates a row.
    public init(
        asset: AssetKey, partition: String?, status: StalenessStatus, reason: StaleReason?, cause: StalenessCause?,
        since: Timestamp?, upstreamCauses: [StalenessCause] = []
    ) {
        self.asset = asset
        self.partition = partition
        self.status = status
        self.reason = reason
        self.cause = cause
        self.since = since
        self.upstreamCauses = upstreamCauses
    }

    /// The report's JSON object: exactly `asset`, `partition`, `status`, `reason`, `cause`, `since`.
    public func json() -> JSONValue {
        [
            "asset": .string(asset.rawValue), "partition": .optional(partition), "status": .string(status.rawValue),
            "reason": .optional(reason?.rawValue), "cause": cause?.json() ?? .null, "since": .optional(since?.iso8601),
        ]
    }
}
