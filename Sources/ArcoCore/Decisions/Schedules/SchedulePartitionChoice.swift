/// Which partition a tick requests.
///
/// `partition: latest` asks for the latest partition whose window has ended at the tick (a 01:00
/// tick on a daily asset asks for the day before), as Dagster's
/// `build_schedule_from_partitioned_job` does. When no partition has ended yet the tick is
/// SKIPPED; a target whose partitioned assets do not share one time-window definition cannot
/// say what "latest" means, so the tick FAILS with the way out in its error.
public enum SchedulePartitionChoice: Sendable, Hashable {
    /// Request the run without a partition.
    case unpartitioned
    /// Request this partition key.
    case key(String)
    /// Record the tick as SKIPPED with this reason.
    case skip(String)
    /// Record the tick as FAILED with this error.
    case fail(String)

    /// Chooses for one tick.
    /// - Parameter partitioned: the partitions definitions of the target's partitioned assets,
    ///   by name (one entry per distinct definition).
    public static func choose(
        _ selection: ScheduleDefinition.PartitionSelection, partitioned: [(name: String, set: PartitionSet)],
        tick: Timestamp
    ) -> SchedulePartitionChoice {
        switch selection {
        case .none: return .unpartitioned
        case .key(let key): return .key(key)
        case .latest: break
        }
        guard let first = partitioned.first else { return .unpartitioned }
        guard partitioned.count == 1 else {
            let names = partitioned.map { "'\($0.name)'" }.joined(separator: ", ")
            return .fail("target spans partitions definitions \(names); 'partition: latest' needs one, so name a key")
        }
        guard case .timeWindow(let set) = first.set else {
            return .fail("partition: latest needs time-window partitions; '\(first.name)' has none, so name a key")
        }
        guard let start = set.lastStart(now: tick) else {
            return .skip("partitions '\(first.name)' have no partition that ended by \(tick.iso8601)")
        }
        return .key(set.key(forStart: start))
    }
}
