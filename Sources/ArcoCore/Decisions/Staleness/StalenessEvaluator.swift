/// Decides, asset by asset, which partitions are stale and why (ADR 0011). Pure: the caller
/// reads each asset's facts from the projections and feeds the assets in `order`.
///
/// Upstream verdicts are needed downstream (`UPSTREAM_STALE`), so the evaluator keeps, for each
/// evaluated asset that something later reads, its partitions' data versions and non-fresh
/// verdicts, and drops them once every asset reading it has been evaluated: a chain of a thousand
/// assets holds two at a time.
public struct StalenessEvaluator {
    /// The assets to evaluate, every one after its upstream assets: the selection and
    /// everything upstream of it.
    public let order: [AssetKey]
    private let selected: Set<AssetKey>
    private let definitions: WorkspaceDefinitions
    private let sets: [AssetKey: PartitionSet]
    private let now: Timestamp
    private let collectWaits: Bool
    private let applyFreshness: Bool
    /// How many assets still to evaluate read each asset.
    private var readers: [AssetKey: Int]
    private var kept: [AssetKey: KeptAsset] = [:]
    private var keyLists: [PartitionsDefinitionName: KeyList] = [:]
    private var freshnessChecks: [AssetKey: FreshnessCheck] = [:]

    /// What downstream assets need of an evaluated one, by partition position. A class: the
    /// per-partition loops pass it around, and a struct of three arrays costs a retain each.
    private final class KeptAsset {
        let keys: KeyList
        let versions: [KeptVersion?]
        let verdicts: [Verdict?]

        init(keys: KeyList, versions: [KeptVersion?], verdicts: [Verdict?]) {
            self.keys = keys
            self.versions = versions
            self.verdicts = verdicts
        }
    }

    /// A materialized upstream partition's data version and when it appeared: all a downstream
    /// comparison reads, kept apart from the rest of the facts so reading it copies one string.
    private struct KeptVersion {
        var dataVersion: String
        var changedAt: Timestamp
    }

    /// A partition that is not fresh: enough for a downstream `UPSTREAM_STALE`.
    private struct Verdict {
        var reason: StaleReason
        var since: Timestamp?
    }

    /// A scratch buffer for consumed-entry lookups, reused across partitions.
    private var scratch: [UInt8] = []

    /// An asset's keys in order, with their positions; shared by assets of one definition.
    public struct KeyList: Sendable {
        /// Display keys in partition order; `[nil]` for an unpartitioned asset.
        public let keys: [String?]
        let positions: [String: Int]
        /// The keys freshness applies to (the latest time window's, or all).
        let freshnessKeys: Set<String>?

        /// The keys of the latest time window (every key of it for a multi definition with a
        /// time dimension); nil when the definition has no time dimension (all keys count).
        public var latestWindow: Set<String>? { freshnessKeys }

        /// The position of a display key (`nil` for the unpartitioned key).
        public func position(of key: String?) -> Int? { positions[key ?? ""] }

        init(keys: [String?], freshnessKeys: Set<String>?) {
            self.keys = keys
            var positions: [String: Int] = [:]
            positions.reserveCapacity(keys.count)
            for (index, key) in keys.enumerated() { positions[key ?? ""] = index }
            self.positions = positions
            self.freshnessKeys = freshnessKeys
        }
    }

    /// Prepares an evaluation of `selection` and everything upstream of it.
    ///
    /// - Parameters:
    ///   - sets: the partition set of every partitioned asset that may be evaluated.
    ///   - collectWaits: keep, in each row's `upstreamCauses`, every missing or stale upstream
    ///     partition it reads, whatever its reason: what reconciliation, automation and `explain`
    ///     wait for or walk.
    ///   - applyFreshness: whether rows are `FRESHNESS_VIOLATED` past their deadline; without it
    ///     they are fresh, and `freshnessRow` applies it afterwards (the verdict cache keeps
    ///     verdicts that do not depend on the evaluation time).
    public init(
        definitions: WorkspaceDefinitions, selection: [AssetKey], sets: [AssetKey: PartitionSet], now: Timestamp,
        collectWaits: Bool = false, applyFreshness: Bool = true
    ) {
        self.definitions = definitions
        self.sets = sets
        self.now = now
        self.collectWaits = collectWaits
        self.applyFreshness = applyFreshness
        selected = Set(selection)
        var needed = Set<AssetKey>()
        var pending = selection
        while let next = pending.popLast() {
            guard needed.insert(next).inserted, let asset = definitions.asset(next) else { continue }
            pending += asset.dependencies.map(\.asset).filter { definitions.asset($0) != nil }
        }
        order = definitions.assetOrder.filter(needed.contains)
        var readers: [AssetKey: Int] = [:]
        for key in order {
            for upstream in Set(definitions.asset(key)?.dependencies.map(\.asset) ?? []) where upstream != key {
                readers[upstream, default: 0] += 1
            }
        }
        self.readers = readers
    }

    /// Whether rows of `asset` are reported (it was selected, not only read).
    public func isSelected(_ asset: AssetKey) -> Bool { selected.contains(asset) }

    /// The keys of `asset` at the evaluation time, in partition order.
    public mutating func keys(of asset: AssetKey) -> KeyList {
        guard let name = definitions.asset(asset)?.partitions, let set = sets[asset] else {
            return KeyList(keys: [nil], freshnessKeys: nil)
        }
        if let known = keyLists[name] { return known }
        let keys = set.keys(now: now)
        let list = KeyList(keys: keys, freshnessKeys: Self.latestWindowKeys(set, keys, now: now))
        keyLists[name] = list
        return list
    }

    /// Evaluates every partition of `asset`, calling `emit` with each row in partition order.
    ///
    /// - Parameter facts: the asset's materialized partitions by display key (`""` when
    ///   unpartitioned); a key absent here was never materialized.
    public mutating func evaluate(
        _ asset: AssetKey, facts: [String: PartitionFacts], emit: (StalenessRow) throws -> Void
    ) rethrows {
        guard let definition = definitions.asset(asset) else { return }
        let list = keys(of: asset)
        let keepsVerdicts = (readers[asset] ?? 0) > 0
        let positional = positionalFacts(facts, list)
        var verdicts = [Verdict?](repeating: nil, count: keepsVerdicts ? list.keys.count : 0)
        let edges = edges(of: asset, definition)
        for (position, key) in list.keys.enumerated() {
            var row = evaluate(
                asset, key: key, position: position, definition: definition, facts: positional[position], edges: edges)
            row.position = position
            if keepsVerdicts, let reason = row.reason { verdicts[position] = Verdict(reason: reason, since: row.since) }
            try emit(row)
        }
        finish(asset, definition: definition, list: list, facts: positional, verdicts: keepsVerdicts ? verdicts : nil)
    }

    /// Evaluates only the partitions at `positions` of `asset` (in increasing order), the
    /// others keeping their verdicts from `previous`: what a cached asset needs when only those
    /// partitions, or partitions they read, were materialized since it was cached
    /// (`StalenessRefresh`). The upstream assets must have been evaluated, refreshed or restored
    /// with facts and verdicts at every partition these positions read.
    ///
    /// - Parameters:
    ///   - facts: the asset's materialized partitions by display key, at least at `positions`
    ///     and at every position an asset evaluated later reads.
    ///   - previous: the asset's non-fresh verdicts as they were cached.
    /// - Returns: the non-fresh rows at `positions`, in partition order.
    public mutating func refresh(
        _ asset: AssetKey, facts: [String: PartitionFacts], positions: [Int], previous: [StalenessRowCoding.Record]
    ) -> [StalenessRow] {
        guard let definition = definitions.asset(asset) else { return [] }
        let list = keys(of: asset)
        let positional = positionalFacts(facts, list)
        let edges = edges(of: asset, definition)
        var evaluated: [StalenessRow] = []
        for position in positions where position < list.keys.count {
            var row = evaluate(
                asset, key: list.keys[position], position: position, definition: definition,
                facts: positional[position], edges: edges)
            row.position = position
            if row.status != .fresh { evaluated.append(row) }
        }
        var verdicts = [Verdict?](repeating: nil, count: list.keys.count)
        for record in previous where record.position < verdicts.count {
            verdicts[record.position] = Verdict(reason: record.reason, since: record.since)
        }
        for position in positions where position < verdicts.count { verdicts[position] = nil }
        for row in evaluated {
            if let reason = row.reason { verdicts[row.position] = Verdict(reason: reason, since: row.since) }
        }
        finish(asset, definition: definition, list: list, facts: positional, verdicts: verdicts)
        return evaluated
    }

    /// `restore` from the cache's records, without decoding the rows' text.
    public mutating func restore(_ asset: AssetKey, facts: [String: PartitionFacts], records: [StalenessRowCoding.Record]) {
        guard let definition = definitions.asset(asset) else { return }
        let list = keys(of: asset)
        var verdicts = [Verdict?](repeating: nil, count: list.keys.count)
        for record in records where record.position < verdicts.count {
            verdicts[record.position] = Verdict(reason: record.reason, since: record.since)
        }
        finish(asset, definition: definition, list: list, facts: positionalFacts(facts, list), verdicts: verdicts)
    }

    /// Facts by position, so that lookups from downstream assets of the same definition cost an
    /// index, not a hash of the key; those of partitions that no longer exist are dropped.
    private func positionalFacts(_ facts: [String: PartitionFacts], _ list: KeyList) -> [PartitionFacts?] {
        var positional = [PartitionFacts?](repeating: nil, count: list.keys.count)
        for (key, fact) in facts {
            if let position = list.positions[key] { positional[position] = fact }
        }
        return positional
    }

    /// The asset's dependencies as the per-partition evaluation walks them.
    private func edges(of asset: AssetKey, _ definition: AssetDefinition) -> [Edge] {
        definition.dependencies.filter { $0.asset != asset && definitions.asset($0.asset) != nil }
            .map { dependency in
                Edge(
                    dependency: dependency, sameKeys: sameKeys(asset, dependency),
                    prefix: ConsumedVersions.entryPrefix(dependency.asset), kept: kept[dependency.asset])
            }
    }

    /// Takes an asset's verdicts from elsewhere (the verdict cache) instead of evaluating it, so
    /// that assets reading it can be evaluated.
    ///
    /// - Parameters:
    ///   - facts: the asset's materialized partitions, as for `evaluate`.
    ///   - rows: its rows that are not fresh, as `evaluate` gave them.
    public mutating func restore(_ asset: AssetKey, facts: [String: PartitionFacts], rows: [StalenessRow]) {
        guard let definition = definitions.asset(asset) else { return }
        let list = keys(of: asset)
        var verdicts = [Verdict?](repeating: nil, count: list.keys.count)
        for row in rows where row.position < verdicts.count {
            if let reason = row.reason { verdicts[row.position] = Verdict(reason: reason, since: row.since) }
        }
        finish(asset, definition: definition, list: list, facts: positionalFacts(facts, list), verdicts: verdicts)
    }

    /// Passes over an asset whose verdicts nothing evaluated later needs (they come from the
    /// verdict cache), releasing what its upstream assets kept for it.
    public mutating func skip(_ asset: AssetKey) {
        guard let definition = definitions.asset(asset) else { return }
        release(upstreamOf: asset, definition)
    }

    /// One reader of each of the asset's upstream assets is done; what no reader needs is dropped.
    private mutating func release(upstreamOf asset: AssetKey, _ definition: AssetDefinition) {
        for upstream in Set(definition.dependencies.map(\.asset)) where upstream != asset && kept[upstream] != nil {
            readers[upstream, default: 1] -= 1
            if readers[upstream] == 0 { kept[upstream] = nil }
        }
    }

    /// Releases what the asset's upstream assets no longer need to keep, and keeps what assets
    /// reading this one will need of it.
    private mutating func finish(
        _ asset: AssetKey, definition: AssetDefinition, list: KeyList, facts: [PartitionFacts?], verdicts: [Verdict?]?
    ) {
        release(upstreamOf: asset, definition)
        guard let verdicts, (readers[asset] ?? 0) > 0 else { return }
        let versions = facts.map { facts in
            facts.map { KeptVersion(dataVersion: $0.dataVersion, changedAt: $0.dataVersionSince ?? $0.materializedAt) }
        }
        kept[asset] = KeptAsset(keys: list, versions: versions, verdicts: verdicts)
    }

    /// The `FRESHNESS_VIOLATED` row of a partition that is otherwise fresh, if its freshness
    /// policy applies to it (the latest time window) and its last materialization missed a
    /// deadline by the evaluation time.
    public mutating func freshnessRow(_ asset: AssetKey, position: Int, facts: PartitionFacts) -> StalenessRow? {
        guard let policy = definitions.asset(asset)?.freshness else { return nil }
        let list = keys(of: asset)
        guard position < list.keys.count else { return nil }
        let key = list.keys[position]
        guard list.freshnessKeys?.contains(key ?? "") ?? true, let check = freshnessCheck(asset, policy),
            let deadline = check.missedDeadline(materializedAt: facts.materializedAt, now: now)
        else { return nil }
        var row = StalenessRow(
            asset: asset, partition: key, status: .stale, reason: .freshnessViolated,
            cause: check.cause(materializedAt: facts.materializedAt, deadline: deadline), since: deadline)
        row.position = position
        return row
    }

    /// For each upstream asset `asset` reads, how a partition's position maps to the positions
    /// of the upstream partitions it reads (as the evaluation maps them): what a plan made from
    /// cached verdicts waits for.
    public mutating func upstreamReads(of asset: AssetKey) -> [UpstreamRead] {
        guard let definition = definitions.asset(asset) else { return [] }
        let list = keys(of: asset)
        var reads: [UpstreamRead] = []
        for dependency in definition.dependencies where dependency.asset != asset && definitions.asset(dependency.asset) != nil {
            let upstream = keys(of: dependency.asset)
            if upstream.keys.count == 1, upstream.keys[0] == nil {
                reads.append(UpstreamRead(upstream: dependency.asset, mapping: .whole))
            } else if sameKeys(asset, dependency) {
                reads.append(UpstreamRead(upstream: dependency.asset, mapping: .same(list.keys)))
            } else {
                let edge = Edge(dependency: dependency, sameKeys: false, prefix: [], kept: nil)
                let evaluator = self
                reads.append(
                    UpstreamRead(
                        upstream: dependency.asset,
                        mapping: .mapped { position in
                            evaluator.upstreamPositions(asset, key: list.keys[position], edge: edge, upstream: upstream).positions
                        }))
            }
        }
        return reads
    }

    /// A dependency, with whether each partition reads the upstream partition of the same key,
    /// the start of its entries in consumed versions, and what the evaluation kept of the
    /// upstream asset (looked up once per asset, not once per partition).
    private final class Edge {
        let dependency: AssetDependency
        let sameKeys: Bool
        let prefix: [UInt8]
        let kept: KeptAsset?

        init(dependency: AssetDependency, sameKeys: Bool, prefix: [UInt8], kept: KeptAsset?) {
            self.dependency = dependency
            self.sameKeys = sameKeys
            self.prefix = prefix
            self.kept = kept
        }
    }

    /// Identity-like mappings between assets of one definition map a key to itself; the report
    /// skips the mapper for them, which is most of the work on a large workspace.
    private func sameKeys(_ asset: AssetKey, _ dependency: AssetDependency) -> Bool {
        guard let name = definitions.asset(asset)?.partitions, name == definitions.asset(dependency.asset)?.partitions
        else { return false }
        switch definitions.effectiveMapping(of: dependency, downstream: asset) {
        case .identity?, .timeWindow(startOffset: 0, endOffset: 0)?: return true
        default: return false
        }
    }

    private mutating func evaluate(
        _ asset: AssetKey, key: String?, position: Int, definition: AssetDefinition, facts: PartitionFacts?,
        edges: [Edge]
    ) -> StalenessRow {
        var early: StalenessRow?
        if let facts {
            if definition.codeVersion != facts.codeVersion {
                early = StalenessRow(
                    asset: asset, partition: key, status: .stale, reason: .codeChanged,
                    cause: .codeChanged(
                        materialized: facts.codeVersion, current: definition.codeVersion,
                        materializedAt: facts.materializedAt),
                    since: nil)
            }
        } else {
            early = StalenessRow(
                asset: asset, partition: key, status: .missing, reason: .neverMaterialized, cause: .neverMaterialized,
                since: nil)
        }
        if var early {
            // Reconciliation must also clear what such a partition reads before running it.
            if collectWaits {
                early.upstreamCauses = upstreamScan(asset, key: key, position: position, consumer: facts, edges: edges).all
            }
            return early
        }
        guard let facts else { return .fresh(asset, key) }
        if let row = upstreamRow(asset, key: key, position: position, facts: facts, edges: edges) { return row }
        if applyFreshness, let row = freshnessRow(asset, position: position, facts: facts) { return row }
        return .fresh(asset, key)
    }

    /// The most important upstream reason of a materialized partition, if any: never
    /// materialized, then changed, then stale; among causes of that reason the earliest `since`
    /// (unknown first), ties in dependency then partition order.
    private mutating func upstreamRow(
        _ asset: AssetKey, key: String?, position: Int, facts: PartitionFacts, edges: [Edge]
    ) -> StalenessRow? {
        let scan = upstreamScan(asset, key: key, position: position, consumer: facts, edges: edges)
        guard let best = scan.best else { return nil }
        return StalenessRow(
            asset: asset, partition: key, status: .stale, reason: best.reason, cause: best.cause, since: best.since,
            upstreamCauses: scan.all)
    }

    /// An upstream partition that makes a partition stale, before its cause is built: only the
    /// winner's is, unless every cause is collected.
    private struct Candidate {
        var reason: StaleReason
        var since: Timestamp?
        var edge: Edge
        var position: Int
    }

    /// The upstream causes of a partition to wait for (collected only when asked), and the one
    /// that wins.
    /// Without `consumer` (never materialized), versions are not compared.
    private mutating func upstreamScan(
        _ asset: AssetKey, key: String?, position: Int, consumer: PartitionFacts?, edges: [Edge]
    ) -> (best: (reason: StaleReason, cause: StalenessCause, since: Timestamp?)?, all: [StalenessCause]) {
        var best: Candidate?
        var all: [StalenessCause] = []
        scan: for edge in edges {
            guard let kept = edge.kept else { continue }
            // The upstream positions this partition reads: one for an unpartitioned upstream
            // and for same-key edges (most of a large workspace), else the mapping's.
            var mapped: [Int] = []
            var wide = false
            let single: Int?
            if kept.keys.keys.count == 1, kept.keys.keys[0] == nil {
                single = 0
            } else if edge.sameKeys {
                guard key != nil else { continue }
                single = position
            } else {
                single = nil
                (mapped, wide) = upstreamPositions(asset, key: key, edge: edge, upstream: kept.keys)
            }
            var next = 0
            while true {
                let upstreamPosition: Int
                if let single {
                    guard next == 0 else { break }
                    upstreamPosition = single
                } else {
                    guard next < mapped.count else { break }
                    upstreamPosition = mapped[next]
                }
                next += 1
                guard let found = verdict(edge, upstreamPosition, kept: kept, consumer: consumer, wide: wide) else {
                    continue
                }
                let candidate = Candidate(reason: found.reason, since: found.since, edge: edge, position: upstreamPosition)
                if collectWaits {
                    if found.reason != .upstreamChanged {
                        all.append(cause(candidate, consumer: consumer))
                    } else if upstreamPosition < kept.verdicts.count, let stale = kept.verdicts[upstreamPosition],
                        stale.reason.propagates
                    {
                        // Changed and stale too: reconciliation still waits for it.
                        all.append(
                            .upstreamStale(
                                asset: edge.dependency.asset, partition: kept.keys.keys[upstreamPosition],
                                reason: stale.reason))
                    }
                }
                if let current = best, !Self.precedes(candidate, current) { continue }
                best = candidate
                // Nothing outranks a never-materialized upstream with an unknown `since`.
                if !collectWaits, found.reason == .upstreamNeverMaterialized { break scan }
            }
        }
        guard let best else { return (nil, all) }
        return ((best.reason, cause(best, consumer: consumer), best.since), all)
    }

    private static func precedes(_ candidate: Candidate, _ current: Candidate) -> Bool {
        if candidate.reason != current.reason { return candidate.reason.precedence < current.reason.precedence }
        switch (candidate.since, current.since) {
        case (nil, nil), (_?, nil): return false
        case (nil, _?): return true
        case (let a?, let b?): return a < b
        }
    }

    /// The upstream partition's effect on a partition that consumed `consumer`, if any: its
    /// reason and `since`.
    ///
    /// Across a `wide` edge (as many upstream partitions as `Limits.consumedVersionsMax` or more)
    /// the materializer records no consumed versions, as Dagster skips them, so versions are not
    /// compared there: missing and stale upstream partitions still count.
    private mutating func verdict(
        _ edge: Edge, _ position: Int, kept: KeptAsset, consumer: PartitionFacts?, wide: Bool
    ) -> (reason: StaleReason, since: Timestamp?)? {
        guard let current = kept.versions[position] else { return (.upstreamNeverMaterialized, nil) }
        if let consumer, !wide,
            !consumer.consumed.contains(
                edge.prefix, partition: kept.keys.keys[position], dataVersion: current.dataVersion, scratch: &scratch)
        {
            return (.upstreamChanged, Self.later(current.changedAt, consumer.materializedAt))
        }
        guard position < kept.verdicts.count, let stale = kept.verdicts[position], stale.reason.propagates else {
            return nil
        }
        return (.upstreamStale, stale.since.map { since in consumer.map { Self.later(since, $0.materializedAt) } ?? since })
    }

    /// The cause object of a candidate, with the consumed version read from the consumer's
    /// record (a parse, which is why only causes that are shown get built).
    private func cause(_ candidate: Candidate, consumer: PartitionFacts?) -> StalenessCause {
        let upstream = candidate.edge.dependency.asset
        guard let kept = candidate.edge.kept else { return .upstreamNeverMaterialized(asset: upstream, partition: nil) }
        let key = kept.keys.keys[candidate.position]
        switch candidate.reason {
        case .upstreamChanged:
            let current = kept.versions[candidate.position]
            return .upstreamChanged(
                asset: upstream, partition: key, consumed: consumer?.consumed.version(asset: upstream, partition: key),
                current: current?.dataVersion ?? "", changedAt: current?.changedAt)
        case .upstreamStale:
            return .upstreamStale(
                asset: upstream, partition: key, reason: kept.verdicts[candidate.position]?.reason ?? .neverMaterialized)
        default:
            return .upstreamNeverMaterialized(asset: upstream, partition: key)
        }
    }

    private static func later(_ a: Timestamp, _ b: Timestamp) -> Timestamp { a < b ? b : a }

    /// The positions of the upstream partitions `key` reads through a mapped `edge` that exist,
    /// and whether the edge is wide.
    private func upstreamPositions(_ asset: AssetKey, key: String?, edge: Edge, upstream: KeyList)
        -> (positions: [Int], wide: Bool)
    {
        // Validation rejects mappings that cannot apply, so an error here leaves nothing to read.
        let mapped = (try? definitions.upstreamKeys(
            of: key, asset: asset, dependency: edge.dependency, sets: sets, now: now)) ?? []
        // A mapping may name partitions before the first or after the last: those never exist.
        return (mapped.compactMap { upstream.positions[$0] }, mapped.count >= Limits.consumedVersionsMax)
    }

    private mutating func freshnessCheck(_ asset: AssetKey, _ policy: FreshnessPolicy) -> FreshnessCheck? {
        if let known = freshnessChecks[asset] { return known }
        let check = FreshnessCheck(policy)
        freshnessChecks[asset] = check
        return check
    }

    /// The keys of the latest time window: the last key of a time-window set, or every key of a
    /// multi set whose time dimension is its last window; nil (all keys) without a time dimension.
    static func latestWindowKeys(_ set: PartitionSet, _ keys: [String], now: Timestamp) -> Set<String>? {
        switch set {
        case .timeWindow: return keys.last.map { [$0] } ?? []
        case .keys: return nil
        case .multi(let dimensions):
            guard let index = dimensions.firstIndex(where: { if case .timeWindow = $0.set { true } else { false } })
            else { return nil }
            guard let last = dimensions[index].set.keys(now: now).last else { return [] }
            return Set(keys.filter { key in
                let parts = key.split(separator: "|", omittingEmptySubsequences: false)
                return parts.count > index && parts[index] == last
            })
        }
    }
}
