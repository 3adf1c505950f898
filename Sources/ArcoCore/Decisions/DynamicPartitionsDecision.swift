/// Decides what `arco partitions add|remove` records: Dagster's idempotent semantics (adding a
/// present key and removing a missing one change nothing), as one event or none.
public enum DynamicPartitionsDecision {
    /// The outcome of a request.
    public struct Outcome: Sendable, Equatable {
        /// Keys that will be added.
        public var added: [String]
        /// Keys that will be removed.
        public var removed: [String]
        /// Requested keys that needed no change.
        public var unchanged: [String]
        /// The event to record, or `nil` when nothing changes.
        public var event: DynamicPartitionsChanged?
    }

    /// Decides a change against the current keys and the definition's state version.
    /// - Parameters:
    ///   - isPresent: whether a key is currently in the definition.
    ///   - currentVersion: the definition's state version; the event carries the next one.
    public static func decide(
        partitionsDef: String, add: [String], remove: [String], currentVersion: Int64,
        isPresent: (String) throws -> Bool
    ) rethrows -> Outcome {
        var outcome = Outcome(added: [], removed: [], unchanged: [], event: nil)
        var seen = Set<String>()
        for key in add where seen.insert("+" + key).inserted {
            if try isPresent(key) { outcome.unchanged.append(key) } else { outcome.added.append(key) }
        }
        for key in remove where seen.insert("-" + key).inserted {
            let willBePresent = try outcome.added.contains(key) || isPresent(key)
            if willBePresent { outcome.removed.append(key) } else { outcome.unchanged.append(key) }
        }
        if !outcome.added.isEmpty || !outcome.removed.isEmpty {
            outcome.event = DynamicPartitionsChanged(
                partitionsDef: partitionsDef, added: outcome.added, removed: outcome.removed,
                stateVersion: currentVersion + 1)
        }
        return outcome
    }
}
