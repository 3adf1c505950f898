/// Which partitions of an upstream asset one downstream partition depends on.
public enum UpstreamPartitions: Sendable, Hashable {
    /// The upstream asset is unpartitioned: the dependency is on the whole asset.
    case unpartitioned
    /// These upstream keys, in upstream partition order (possibly none).
    case keys([String])
}

/// Why a mapping cannot be applied.
public enum PartitionMappingError: Error, Sendable, Hashable, CustomStringConvertible {
    case incompatible(mapping: String, reason: String)
    case notAKey(String)

    public var description: String {
        switch self {
        case .incompatible(let mapping, let reason): return "mapping '\(mapping)' does not apply: \(reason)"
        case .notAKey(let key): return "'\(key)' is not a partition key of the downstream definition"
        }
    }
}

/// Applies Dagster's partition mappings: pure functions of the two partition sets and `now`.
public enum PartitionMapper {
    /// The mapping Dagster infers when a dependency declares none: time-window between two
    /// time-window sets, multi-to-single between a multi set and a single one, identity between
    /// other partitioned sets, all partitions when either side is unpartitioned.
    public static func inferredMapping(downstream: PartitionSet?, upstream: PartitionSet?) -> PartitionMapping {
        switch (downstream, upstream) {
        case (.timeWindow?, .timeWindow?): return .timeWindow(startOffset: 0, endOffset: 0)
        case (.multi?, .timeWindow?), (.multi?, .keys?), (.timeWindow?, .multi?), (.keys?, .multi?):
            return .multiToSingle(dimension: nil)
        case (_?, _?): return .identity
        default: return .all
        }
    }

    /// The upstream partitions a downstream partition (or the whole unpartitioned downstream
    /// asset, when `downstreamKey` is nil) depends on.
    ///
    /// Keys are mapped, not checked for existence: the caller decides what a missing upstream
    /// partition means (Dagster raises unless told to allow it).
    public static func upstream(
        of downstreamKey: String?, downstream: PartitionSet?, upstream: PartitionSet?, mapping: PartitionMapping?,
        now: Timestamp
    ) throws(PartitionMappingError) -> UpstreamPartitions {
        guard let upstream else { return .unpartitioned }
        let mapping = mapping ?? inferredMapping(downstream: downstream, upstream: upstream)
        switch mapping {
        case .all: return .keys(upstream.keys(now: now))
        case .last: return .keys(upstream.keys(now: now).last.map { [$0] } ?? [])
        case .specific(let keys): return .keys(keys)
        default: break
        }
        guard let downstreamKey, let downstream else {
            throw .incompatible(mapping: mapping.name, reason: "the downstream asset is unpartitioned")
        }
        switch mapping {
        case .identity: return .keys([downstreamKey])
        case .staticKeys(let entries):
            return .keys(entries.filter { $0.downstream.contains(downstreamKey) }.map(\.upstream))
        case .timeWindow(let startOffset, let endOffset):
            guard case .timeWindow(let down) = downstream, case .timeWindow(let up) = upstream else {
                throw .incompatible(mapping: mapping.name, reason: "both sides must be time-window definitions")
            }
            return .keys(try timeWindowKeys(downstreamKey, down, up, startOffset: startOffset, endOffset: endOffset))
        case .multiToSingle(let dimension):
            return .keys(try multiToSingle(downstreamKey, downstream, upstream, dimension: dimension, now: now))
        case .all, .last, .specific:
            preconditionFailure("handled above")
        }
    }
}
