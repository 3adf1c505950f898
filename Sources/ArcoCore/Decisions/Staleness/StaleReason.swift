/// Why an asset partition is out of date, in precedence order: the first that applies is the
/// row's reason (ADR 0011). The raw values are the stable codes `--json` prints.
public enum StaleReason: String, Sendable, Hashable, CaseIterable {
    /// The partition has no materialization.
    case neverMaterialized = "NEVER_MATERIALIZED"
    /// The declared `code_version` differs from the materialized one.
    case codeChanged = "CODE_CHANGED"
    /// An upstream partition it reads has no materialization.
    case upstreamNeverMaterialized = "UPSTREAM_NEVER_MATERIALIZED"
    /// An upstream partition's data version is not the one this materialization consumed.
    case upstreamChanged = "UPSTREAM_CHANGED"
    /// An upstream partition it reads is itself stale or missing, transitively.
    case upstreamStale = "UPSTREAM_STALE"
    /// The freshness policy is violated at the evaluation time.
    case freshnessViolated = "FRESHNESS_VIOLATED"

    /// The status a row with this reason has.
    public var status: StalenessStatus { self == .neverMaterialized ? .missing : .stale }

    /// The reason's place in precedence order (0 first).
    public var precedence: Int {
        switch self {
        case .neverMaterialized: 0
        case .codeChanged: 1
        case .upstreamNeverMaterialized: 2
        case .upstreamChanged: 3
        case .upstreamStale: 4
        case .freshnessViolated: 5
        }
    }

    /// Whether a downstream partition reading one with this reason is `UPSTREAM_STALE`:
    /// freshness does not propagate (ADR 0011).
    public var propagates: Bool { self != .freshnessViolated }
}

/// A row's status: Dagster's `StaleStatus` words.
public enum StalenessStatus: String, Sendable, Hashable, CaseIterable {
    case stale = "STALE"
    case missing = "MISSING"
    case fresh = "FRESH"
}
