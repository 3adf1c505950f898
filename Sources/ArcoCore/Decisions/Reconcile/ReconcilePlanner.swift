/// One run of a reconciliation plan: assets of one partitions definition at one partition key
/// (or unpartitioned assets), which is as much as one run can hold.
public struct ReconcileRun: Sendable, Hashable {
    /// `reconcile:` + a hash of the targets and of what made each stale, so planning twice gives
    /// the same key, and the same targets stale again for new reasons get a new one.
    public var runKey: String
    /// The assets, in dependency order.
    public var assets: [AssetKey]
    /// The partition's display key; nil for unpartitioned assets.
    public var partition: String?
    /// The rows this run clears, in report order.
    public var targets: [StalenessRow]
}

/// What a partition's last attempt was, for planning around runs in flight and failed ones.
public struct PartitionAttempt: Sendable, Hashable {
    /// The run materializing the partition now, if any.
    public var inProgressRunID: RunID?
    /// The run of the last attempt, finished or not.
    public var lastAttemptRunID: RunID?

    /// Creates an attempt record.
    public init(inProgressRunID: RunID?, lastAttemptRunID: RunID?) {
        self.inProgressRunID = inProgressRunID
        self.lastAttemptRunID = lastAttemptRunID
    }
}

/// Turns staleness rows into the fewest runs that clear them, in dependency order (issue 6).
///
/// Targets are the selected rows that are not fresh, plus, transitively, the upstream rows their
/// `UPSTREAM_STALE` and `UPSTREAM_NEVER_MATERIALIZED` causes name: a partition stale because of
/// an upstream one is cleared only once that one is. Partitions with a run in flight are left
/// out (that run will change them). A run holds the targets of one partitions definition at one
/// key; runs are ordered by stratum (how many definition changes lie upstream of their assets),
/// then definition, then partition order, so every run comes after the runs it reads from for
/// the mappings arco plans (identity, time windows looking back, and changes of definition).
public struct ReconcilePlanner: Sendable {
    let definitions: WorkspaceDefinitions

    /// Creates a planner over the current definitions.
    public init(definitions: WorkspaceDefinitions) { self.definitions = definitions }

    /// The plan.
    ///
    /// - Parameters:
    ///   - rows: every row that is not fresh, of the selection and of what it reads (evaluated
    ///     with every upstream cause collected), in report order.
    ///   - selected: the selected assets.
    ///   - attempts: the last attempts of partitions, by asset and display key (`""` unpartitioned).
    ///   - positions: each asset's partition positions by display key, for ordering runs.
    public func plan(
        rows: [StalenessRow], selected: Set<AssetKey>, attempts: [AssetKey: [String: PartitionAttempt]],
        positions: [AssetKey: [String: Int]]
    ) -> [ReconcileRun] {
        // Rows are referred to by index: a plan over hundreds of thousands of rows must not copy
        // them into dictionaries.
        var index: [AssetKey: [String: Int]] = [:]
        for (position, row) in rows.enumerated() { index[row.asset, default: [:]][row.partition ?? ""] = position }
        // The targets: selected rows, and the upstream rows they wait for, transitively.
        var chosen = [Bool](repeating: false, count: rows.count)
        var pending = rows.indices.filter { selected.contains(rows[$0].asset) }
        while let next = pending.popLast() {
            guard !chosen[next] else { continue }
            chosen[next] = true
            for upstream in Self.waitsFor(rows[next]) {
                if let found = index[upstream.asset]?[upstream.partition ?? ""] { pending.append(found) }
            }
        }
        // A partition with a run in flight is left to that run, and so is everything that waits
        // for it: rows come upstream first, so one pass carries the exclusion down.
        var blocked = [Bool](repeating: false, count: rows.count)
        for (position, row) in rows.enumerated() {
            if attempts[row.asset]?[row.partition ?? ""]?.inProgressRunID != nil {
                blocked[position] = true
                continue
            }
            blocked[position] = Self.waitsFor(row).contains { upstream in
                if attempts[upstream.asset]?[upstream.partition ?? ""]?.inProgressRunID != nil { return true }
                return index[upstream.asset]?[upstream.partition ?? ""].map { blocked[$0] } ?? false
            }
        }
        let strata = strata()
        var groups: [GroupKey: [Int]] = [:]
        for (position, row) in rows.enumerated() where chosen[position] && !blocked[position] {
            let name = definitions.asset(row.asset)?.partitions?.rawValue
            let key = GroupKey(
                stratum: strata[row.asset] ?? 0, definition: name ?? "", partition: row.partition,
                position: row.partition.flatMap { positions[row.asset]?[$0] } ?? 0)
            groups[key, default: []].append(position)
        }
        return groups.keys.sorted().map { key in
            let targets = (groups[key] ?? []).map { rows[$0] }
            var seen = Set<AssetKey>()
            let assets = targets.map(\.asset).filter { seen.insert($0).inserted }
            return ReconcileRun(
                runKey: Self.runKey(targets, attempts: attempts), assets: assets, partition: key.partition,
                targets: targets)
        }
    }

    private struct GroupKey: Hashable, Comparable {
        var stratum: Int
        var definition: String
        var partition: String?
        var position: Int

        static func < (lhs: GroupKey, rhs: GroupKey) -> Bool {
            (lhs.stratum, lhs.definition, lhs.position, lhs.partition ?? "")
                < (rhs.stratum, rhs.definition, rhs.position, rhs.partition ?? "")
        }
    }

    /// The upstream partitions a row waits for: those its causes name as missing or stale,
    /// whatever the row's own reason (an `UPSTREAM_CHANGED` or `CODE_CHANGED` partition may also
    /// read a stale one).
    static func waitsFor(_ row: StalenessRow) -> [(asset: AssetKey, partition: String?)] {
        let causes = row.upstreamCauses.isEmpty ? [row.cause].compactMap { $0 } : row.upstreamCauses
        return causes.compactMap { cause in
            switch cause {
            case .upstreamStale, .upstreamNeverMaterialized: cause.upstream
            default: nil
            }
        }
    }

    /// How many steps that may cross runs lie on the longest path up from each asset: a change of
    /// partitions definition, or a mapping within one definition other than identity or a
    /// time window that looks back (`all`, a static remap, a window reaching forward).
    func strata() -> [AssetKey: Int] {
        var strata: [AssetKey: Int] = [:]
        for key in definitions.assetOrder {
            guard let asset = definitions.asset(key) else { continue }
            var stratum = 0
            for dependency in asset.dependencies where dependency.asset != key {
                guard let upstream = definitions.asset(dependency.asset) else { continue }
                var step = upstream.partitions == asset.partitions ? 0 : 1
                if step == 0, asset.partitions != nil {
                    switch definitions.effectiveMapping(of: dependency, downstream: key) {
                    case .identity?: break
                    case .timeWindow(_, let endOffset)? where endOffset <= 0: break
                    default: step = 1
                    }
                }
                stratum = max(stratum, (strata[dependency.asset] ?? 0) + step)
            }
            strata[key] = stratum
        }
        return strata
    }

    /// A hash of each target with its reason, cause, since and last attempt: a failed attempt is
    /// news, so a run that failed is planned again under a new key rather than found again.
    static func runKey(_ targets: [StalenessRow], attempts: [AssetKey: [String: PartitionAttempt]]) -> String {
        // Each target's canonical row, then its last attempt, one per line: the row encoder is
        // the report's, so a plan over 365,000 partitions does not build a JSON tree to hash.
        var bytes: [UInt8] = []
        for row in targets {
            row.writeJSON(to: &bytes)
            bytes.append(UInt8(ascii: " "))
            bytes += Array((attempts[row.asset]?[row.partition ?? ""]?.lastAttemptRunID?.rawValue ?? "-").utf8)
            bytes.append(UInt8(ascii: "\n"))
        }
        return "reconcile:" + String(SHA256Hex.digest(bytes: bytes).prefix(24))
    }

}
