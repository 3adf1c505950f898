/// How the partitions of a downstream asset depend on those of one upstream asset (Dagster's
/// `PartitionMapping` family).
///
/// When a dependency declares no mapping, arco infers one as Dagster does: time-window between
/// two time-window definitions, multi-to-single when one side is a dimension of the other,
/// identity between other partitioned assets, and all partitions when either side is unpartitioned.
public enum PartitionMapping: Sendable, Hashable {
    /// The same key upstream and downstream.
    case identity
    /// Every downstream partition depends on every upstream partition.
    case all
    /// Every downstream partition depends on the last upstream partition.
    case last
    /// Overlapping time windows, shifted by offsets counted in downstream windows
    /// (`startOffset: -1` makes day D depend on D-1 and D).
    case timeWindow(startOffset: Int, endOffset: Int)
    /// An explicit map from upstream static keys to downstream static keys.
    case staticKeys([StaticKeyMapping])
    /// A single-dimension definition against one dimension of a multi definition; nil means
    /// the dimension is inferred from the definitions.
    case multiToSingle(dimension: String?)
    /// A fixed set of upstream keys.
    case specific(keys: [String])

    /// The spelling used in `arco.yaml`'s `mapping:` key.
    public var name: String {
        switch self {
        case .identity: "identity"
        case .all: "all"
        case .last: "last"
        case .timeWindow: "time_window"
        case .staticKeys: "static"
        case .multiToSingle: "multi_to_single"
        case .specific: "specific"
        }
    }
}

/// One `key_map` entry of a static mapping: an upstream key and the downstream keys it feeds.
public struct StaticKeyMapping: Sendable, Hashable {
    /// The upstream key.
    public var upstream: String
    /// The downstream keys, in the order written.
    public var downstream: [String]

    /// Creates an entry.
    public init(upstream: String, downstream: [String]) {
        self.upstream = upstream
        self.downstream = downstream
    }
}
