/// The runs an asset sensor requests for materializations of its watched assets that are newer
/// than its position (the last ledger seq it handled).
///
/// A materialization maps to the target's partition when both use the same partitions
/// definition, and to an unpartitioned run when the target is unpartitioned; several
/// materializations mapping to one target partition in an evaluation request one run, keyed by
/// the newest of them. Keys depend on ledger seqs only, so a repeated or rebuilt evaluation
/// requests nothing twice.
public enum AssetSensorRequests {
    /// A materialization past the position.
    public struct Materialization: Sendable, Hashable {
        public var seq: Int64
        public var asset: String
        /// The partition in display form; nil for an unpartitioned asset.
        public var partition: String?

        public init(seq: Int64, asset: String, partition: String?) {
            self.seq = seq
            self.asset = asset
            self.partition = partition
        }
    }

    public struct Plan: Sendable, Hashable {
        public var requests: [SensorRunRequest]
        /// The new position: the newest seq read.
        public var position: Int64
        /// Materializations that could not be mapped, as a reason (the evaluation still records
        /// the others and moves past these).
        public var unmapped: String?
    }

    /// - Parameters:
    ///   - partitionsOf: each watched asset's partitions definition name (nil: unpartitioned).
    ///   - targetPartitions: the target's partitions definition name (nil: unpartitioned).
    public static func plan(
        sensor: String, target: String, tags: [String: String], materializations: [Materialization], position: Int64,
        partitionsOf: [String: String?], targetPartitions: String?
    ) -> Plan {
        var newest: [String: Int64] = [:]
        var partitionOfKey: [String: String?] = [:]
        var unmapped: [String] = []
        var last = position
        for materialization in materializations {
            last = max(last, materialization.seq)
            let source = partitionsOf[materialization.asset] ?? nil
            let mapped: String??
            switch (targetPartitions, source) {
            case (nil, _): mapped = .some(nil)
            case (let target?, let source?) where target == source: mapped = .some(materialization.partition)
            default: mapped = nil
            }
            guard let partition = mapped else {
                unmapped.append("\(materialization.asset)\(materialization.partition.map { "[\($0)]" } ?? "")")
                continue
            }
            let slot = partition ?? ""
            newest[slot] = max(newest[slot] ?? 0, materialization.seq)
            partitionOfKey[slot] = partition
        }
        let requests = newest.sorted { $0.value < $1.value }.map { slot, seq in
            SensorRunRequest(
                runKey: SensorRunKeys.materialization(sensor: sensor, seq: seq), selection: target,
                partition: partitionOfKey[slot] ?? nil, tags: tags)
        }
        let reason = unmapped.isEmpty
            ? nil
            : "no partition of the target maps to \(unmapped.prefix(5).joined(separator: ", "))"
                + (unmapped.count > 5 ? " and \(unmapped.count - 5) more" : "")
        return Plan(requests: requests, position: last, unmapped: reason)
    }
}
