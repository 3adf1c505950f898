import Crypto

/// One run of a reconciliation plan: assets of one partitions definition at one partition key,
/// or at a range of consecutive keys when every asset's `backfill_policy` lets one run hold them,
/// or unpartitioned assets.
public struct ReconcileRun: Sendable, Hashable {
    /// The assets, in dependency order.
    public var assets: [AssetKey]
    /// The display keys the run covers, in partition order; empty for unpartitioned assets.
    public var partitions: [String]
    /// The rows this run clears, in report order.
    public var targets: ReconcileTargets
    /// The run of each target's last attempt (`-` when none), in target order.
    var lastAttempts: [String]

    /// `reconcile:` + a hash of the targets and of what made each stale, so planning twice gives
    /// the same key, and the same targets stale again for new reasons get a new one. Computed
    /// on each use: `writeTargets` gives it with the JSON, for a plan printed in full.
    public var runKey: String {
        var scratch: [UInt8] = []
        return writeTargets(to: &scratch)
    }

    /// Appends the targets' canonical JSON objects, comma-separated, and returns the run key: a
    /// hash of those bytes, then of each target's last attempt, one per line. A failed attempt
    /// is news, so a run that failed is planned again under a new key rather than found again.
    public func writeTargets(to out: inout [UInt8]) -> String {
        let start = out.count
        // A row's object is about 200 bytes: growing a run's buffer step by step moves it often.
        out.reserveCapacity(start + targets.count * 256)
        targets.writeJSON(to: &out)
        var hasher = SHA256()
        out.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[start...])) }
        var attempts: [UInt8] = []
        attempts.reserveCapacity(lastAttempts.count * 32)
        for attempt in lastAttempts {
            attempts.append(UInt8(ascii: "\n"))
            attempts += attempt.utf8
        }
        attempts.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        return "reconcile:" + String(SHA256Hex.hex(hasher.finalize()).prefix(24))
    }

    /// The partition as `arco run --partition` takes it: a key, `first...last` for a range, or
    /// nil for unpartitioned assets.
    public var partition: String? {
        guard let first = partitions.first, let last = partitions.last else { return nil }
        return partitions.count == 1 ? first : first + "..." + last
    }

    /// The run as a progress line names it: its assets, then the partition in brackets
    /// (`clean, report [2024-01-01...2024-01-03]`).
    public var label: String {
        assets.map(\.rawValue).joined(separator: ", ") + (partition.map { " [\($0)]" } ?? "")
    }

    /// The request's partitions.
    public var partitionRequest: PartitionRequest {
        guard let first = partitions.first, let last = partitions.last else { return .none }
        return partitions.count == 1 ? .key(first) : .range(from: first, to: last)
    }
}

/// A run's targets: a view into the rows the plan was made from, which all runs share, so a plan
/// over 365,000 partitions neither copies its rows nor keeps their JSON.
public struct ReconcileTargets: RandomAccessCollection, Sendable, Hashable {
    /// The rows of one plan, shared by its runs.
    final class Storage: Sendable {
        let rows: [StalenessRow]
        init(_ rows: [StalenessRow]) { self.rows = rows }
    }

    let storage: Storage
    let rowIndices: [Int]

    public var startIndex: Int { 0 }
    public var endIndex: Int { rowIndices.count }
    public subscript(position: Int) -> StalenessRow { storage.rows[rowIndices[position]] }

    /// Appends the targets' canonical JSON objects, comma-separated (no brackets).
    public func writeJSON(to out: inout [UInt8]) {
        storage.rows.withUnsafeBufferPointer { rows in
            guard let base = rows.baseAddress else { return }
            for (offset, index) in rowIndices.enumerated() {
                if offset > 0 { out.append(UInt8(ascii: ",")) }
                (base + index).pointee.writeJSON(to: &out)
            }
        }
    }

    public static func == (lhs: ReconcileTargets, rhs: ReconcileTargets) -> Bool { lhs.elementsEqual(rhs) }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for row in self { hasher.combine(row) }
    }
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

    /// The plan from rows whose causes name what they wait for: rows evaluated with
    /// `collectWaits`, whose `upstreamCauses` list every missing or stale upstream partition.
    ///
    /// - Parameters:
    ///   - rows: every row that is not fresh, of the selection and of what it reads, in report order.
    ///   - selected: the selected assets.
    ///   - attempts: the last attempts of partitions, by asset and display key (`""` unpartitioned).
    ///   - positions: each asset's partition positions by display key, for ordering runs.
    public func plan(
        rows: [StalenessRow], selected: Set<AssetKey>, attempts: [AssetKey: [String: PartitionAttempt]],
        positions: [AssetKey: [String: Int]]
    ) -> [ReconcileRun] {
        var positioned = rows
        for index in positioned.indices {
            positioned[index].position = positions[rows[index].asset]?[rows[index].partition ?? ""] ?? 0
        }
        return plan(
            rows: positioned, waits: ReconcileWaitGraph(causesOf: positioned), selected: selected,
            attempts: rows.map { attempts[$0.asset]?[$0.partition ?? ""] })
    }

    /// The plan.
    ///
    /// - Parameters:
    ///   - rows: every row that is not fresh, of the selection and of what it reads, in report
    ///     order, each with its partition's position.
    ///   - waits: for each row, the rows it waits for (`ReconcileWaits`).
    ///   - selected: the selected assets.
    ///   - attempts: for each row, its partition's last attempt, if it was ever attempted.
    public func plan(
        rows: [StalenessRow], waits: ReconcileWaitGraph, selected: Set<AssetKey>, attempts: [PartitionAttempt?]
    ) -> [ReconcileRun] {
        precondition(waits.rowCount == rows.count && attempts.count == rows.count, "one entry of waits and attempts per row")
        let storage = ReconcileTargets.Storage(rows)
        // Rows are referred to by index, and read in place: a plan over hundreds of thousands of
        // rows spends its time copying them otherwise.
        let drafts = storage.rows.withUnsafeBufferPointer { rows in
            merged(groups(rows, waits: waits, selected: selected, attempts: attempts), rows: rows)
        }
        return drafts.map { draft in
            ReconcileRun(
                assets: draft.assets, partitions: draft.partitions,
                targets: ReconcileTargets(storage: storage, rowIndices: draft.indices),
                lastAttempts: draft.indices.map { attempts[$0]?.lastAttemptRunID?.rawValue ?? "-" })
        }
    }

    /// Runs hold the targets of one stratum, partitions definition (by rank of its name, so runs
    /// sort as the names do; unpartitioned first) and partition position.
    private struct GroupKey: Hashable {
        var stratum: Int
        var definition: Int
        var position: Int
    }

    /// The targets by group: the selected rows and the upstream rows they wait for,
    /// transitively, less those left to runs in flight.
    private func groups(
        _ rows: UnsafeBufferPointer<StalenessRow>, waits: ReconcileWaitGraph, selected: Set<AssetKey>,
        attempts: [PartitionAttempt?]
    ) -> [GroupKey: [Int]] {
        // Rows come asset by asset: what depends on the asset is looked up once per run of them.
        var runs: [(asset: AssetKey, rows: Range<Int>)] = []
        var start = 0
        for index in rows.indices where index + 1 == rows.count || rows[index + 1].asset != rows[index].asset {
            runs.append((rows[index].asset, start..<index + 1))
            start = index + 1
        }
        var chosen = [Bool](repeating: false, count: rows.count)
        var pending: [Int] = []
        for run in runs where selected.contains(run.asset) { pending += run.rows }
        while let next = pending.popLast() {
            guard !chosen[next] else { continue }
            chosen[next] = true
            pending += waits.waits(next)
        }
        // A partition with a run in flight is left to that run, and so is everything that waits
        // for it: rows come upstream first, so one pass carries the exclusion down.
        var blocked = [Bool](repeating: false, count: rows.count)
        for index in rows.indices {
            blocked[index] = attempts[index]?.inProgressRunID != nil || waits.waits(index).contains { blocked[$0] }
        }
        let strata = strata()
        let ranks = definitionRanks()
        var groups: [GroupKey: [Int]] = [:]
        for run in runs {
            let stratum = strata[run.asset] ?? 0
            let definition = ranks[definitions.asset(run.asset)?.partitions?.rawValue ?? ""] ?? 0
            for index in run.rows where chosen[index] && !blocked[index] {
                groups[GroupKey(stratum: stratum, definition: definition, position: rows[index].position), default: []]
                    .append(index)
            }
        }
        return groups
    }

    /// Each partitions definition's rank among their names, `""` (unpartitioned) first.
    private func definitionRanks() -> [String: Int] {
        let names = Set(definitions.assetOrder.map { definitions.asset($0)?.partitions?.rawValue ?? "" }).union([""])
        return Dictionary(uniqueKeysWithValues: names.sorted().enumerated().map { ($0.element, $0.offset) })
    }

    /// A run being assembled: its row indices, in report order once complete.
    private struct Draft {
        var key: GroupKey
        var assets: [AssetKey]
        var partitions: [String]
        var indices: [Int]
        /// How many keys the run may hold.
        var capacity: Int
    }

    /// The groups in order (stratum, then definition, then partition), consecutive keys of one
    /// definition merged into one run while the same assets are stale at each and every one's
    /// `backfill_policy` allows it (`single_run`: any number of keys; `max_partitions_per_run: N`:
    /// N), as a backfill would run them.
    private func merged(_ groups: [GroupKey: [Int]], rows: UnsafeBufferPointer<StalenessRow>) -> [Draft] {
        var drafts: [Draft] = []
        let order = groups.keys.sorted { ($0.stratum, $0.definition, $0.position) < ($1.stratum, $1.definition, $1.position) }
        for key in order {
            let indices = groups[key] ?? []
            // A group holds one row per asset, in report order; a repeated row repeats its asset.
            var assets: [AssetKey] = []
            for index in indices where assets.last != rows[index].asset { assets.append(rows[index].asset) }
            let partition = rows[indices[0]].partition
            if var last = drafts.last, let partition, key.definition != 0, last.key.stratum == key.stratum,
                last.key.definition == key.definition, last.key.position + 1 == key.position, last.assets == assets,
                last.partitions.count < last.capacity
            {
                last.key = key
                last.partitions.append(partition)
                last.indices += indices
                drafts[drafts.count - 1] = last
                continue
            }
            drafts.append(
                Draft(
                    key: key, assets: assets, partitions: partition.map { [$0] } ?? [], indices: indices,
                    capacity: capacity(assets)))
        }
        // A merged run's targets in report order, as a single key's are.
        return drafts.map { draft in
            var draft = draft
            if draft.partitions.count > 1 { draft.indices.sort() }
            return draft
        }
    }

    /// How many keys of its definition one run of `assets` may hold.
    private func capacity(_ assets: [AssetKey]) -> Int {
        assets.reduce(Int.max) { capacity, asset in
            switch definitions.asset(asset)?.backfillPolicy ?? .default {
            case .singleRun: capacity
            case .multiRun(let size): min(capacity, max(1, size))
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
}
