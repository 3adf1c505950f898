import ArcoCore
import ArcoStore

/// One staleness walk inside a read transaction (ADR 0012): it plans every asset's step
/// (`StalenessWalkPlan`, pure), then carries the steps out one by one, reading what each needs
/// and keeping the verdicts it computed for the cache.
///
/// A class: the rows of a step are loaded lazily by a closure that may replace a computed entry.
final class StalenessWalk {
    let reader: StoreReader
    let definitions: WorkspaceDefinitions
    /// The ledger position the walk reads at: the `as_of` of every entry it computes.
    let asOf: Int64
    let plan: StalenessWalkPlan
    /// The rows of an asset evaluated with everything upstream of it and no cache: what an entry
    /// that does not decode is replaced with (`Engine.uncachedRows`).
    let uncached: (AssetKey) throws -> [StalenessRow]
    /// Facts read ahead on a second connection, in the plan's `prefetch` order.
    var prefetch: StalenessFactsPrefetch?
    /// The entries computed, to be saved once the read has ended.
    private(set) var computed: [StalenessCacheEntry] = []
    private let fingerprints: [AssetKey: String]
    private let structures: [AssetKey: String]
    private let headers: [AssetKey: StalenessCacheHeader]
    /// The cached rows of the refreshed assets, read (and checked) while planning.
    private let previous: [AssetKey: StalenessCachedRows]
    /// Stamps of each definition's keys, shared by its assets.
    private var stamps: [PartitionsDefinitionName: KeysStamp] = [:]

    /// Reads what the plan is made from and plans the walk.
    init(
        _ reader: StoreReader, definitions: WorkspaceDefinitions, asOf: Int64, evaluator: inout StalenessEvaluator,
        uncached: @escaping (AssetKey) throws -> [StalenessRow]
    ) throws {
        self.reader = reader
        self.definitions = definitions
        self.asOf = asOf
        self.uncached = uncached
        let order = evaluator.order
        var keys: [AssetKey: [String?]] = [:]
        for asset in order { keys[asset] = evaluator.keys(of: asset).keys }
        fingerprints = StalenessFingerprints.compute(
            order: order, definitions: definitions, keys: keys, lastMaterialization: try reader.lastMaterializationSeqs(order))
        headers = try reader.stalenessCacheHeaders()
        let outOfDate = StalenessWalkPlan.outOfDate(order: order, fingerprints: fingerprints, cached: headers)
        // Only what is out of date is refreshed or saved: a page served from the cache skips
        // this (a damaged entry it replaces is then saved without one, and evaluated in full
        // the next time it is out of date).
        structures =
            outOfDate.isEmpty
            ? [:] : StalenessFingerprints.structures(order: order, definitions: definitions, keys: keys, evaluator: &evaluator)
        (plan, previous) = try Self.plan(
            reader, order: order, definitions: definitions, outOfDate: outOfDate, headers: headers, structures: structures,
            evaluator: &evaluator)
    }

    /// The plan, with the cached rows of the assets it refreshes. An entry whose rows do not
    /// decode is evaluated in full instead, which may change what others must read, so the plan
    /// is made again without it.
    private static func plan(
        _ reader: StoreReader, order: [AssetKey], definitions: WorkspaceDefinitions, outOfDate: Set<AssetKey>,
        headers: [AssetKey: StalenessCacheHeader], structures: [AssetKey: String], evaluator: inout StalenessEvaluator
    ) throws -> (StalenessWalkPlan, [AssetKey: StalenessCachedRows]) {
        var damaged = Set<AssetKey>()
        let changes = try StalenessWalkPlan.changesAfter(
            StalenessWalkPlan.refreshable(outOfDate, cached: headers, structures: structures)
        ).flatMap { try reader.materializations(after: $0, limit: Limits.stalenessRefreshChangesMax) }
        var previous: [AssetKey: StalenessCachedRows] = [:]
        while true {
            let plan = StalenessWalkPlan(
                order: order, definitions: definitions, outOfDate: outOfDate,
                entries: StalenessWalkPlan.refreshable(outOfDate, cached: headers, structures: structures, damaged: damaged),
                structures: structures, changes: changes, evaluator: &evaluator)
            let refreshed = plan.refreshed
            for asset in refreshed where previous[asset] == nil {
                if let bytes = try reader.stalenessCacheRows(asset),
                    let rows = StalenessCachedRows(bytes, keyCount: evaluator.keys(of: asset).keys.count)
                {
                    previous[asset] = rows
                } else {
                    damaged.insert(asset)
                }
            }
            if refreshed.allSatisfy({ !damaged.contains($0) }) {
                let kept = Set(refreshed)
                return (plan, previous.filter { kept.contains($0.key) })
            }
        }
    }

    /// Where a step's rows come from when they are asked for.
    enum RowSource {
        /// Rows at hand (evaluated, or decoded already).
        case rows([StalenessRow])
        /// A refresh's encoded rows, decoded only if they are printed.
        case refreshed([UInt8])
        /// The cache's entry.
        case cache
    }

    /// Carries out one step: reads its facts (and cached rows), runs it on the evaluator, and
    /// keeps what it computed.
    ///
    /// - Returns: the facts read, the counts, and where the rows come from.
    func run(_ step: StalenessAssetStep, _ evaluator: inout StalenessEvaluator) throws
        -> (facts: [String: PartitionFacts], counts: [Int], rows: RowSource)
    {
        let asset = step.asset
        let list = evaluator.keys(of: asset)
        let facts = try readFacts(step, list)
        var cached = previous[asset]
        if cached == nil, step.needsCachedRows, let bytes = try reader.stalenessCacheRows(asset) {
            cached = StalenessCachedRows(bytes, keyCount: list.keys.count)
        }
        if case .reuse = step.verdicts, step.needsCachedRows, cached == nil {
            // Records that do not decode: restore from the rows, decoded or computed afresh.
            let decoded = try cachedRows(asset, list)
            evaluator.restore(asset, facts: facts, rows: decoded)
            return (facts, headerCounts(asset), .rows(decoded))
        }
        switch step.run(&evaluator, facts: facts, cached: cached) {
        case .reused:
            return (facts, headerCounts(asset), .cache)
        case .refreshed(let bytes, let counts):
            computed.append(entry(asset, list, counts: counts, bytes: bytes))
            return (facts, counts, .refreshed(bytes))
        case .evaluated(let rows):
            // Encoded at once: the compact form is a fifth of the rows' memory.
            let evaluated = entry(asset, list, rows: rows)
            computed.append(evaluated)
            return (facts, evaluated.counts, .rows(rows))
        }
    }

    /// The facts the step reads: ahead of time if read in full, on this connection otherwise.
    private func readFacts(_ step: StalenessAssetStep, _ list: StalenessEvaluator.KeyList) throws
        -> [String: PartitionFacts]
    {
        switch step.facts {
        case .none: [:]
        case .all: try prefetch?.take(step.asset) ?? reader.stalenessFacts(step.asset)
        case .at(let positions): try reader.stalenessFacts(step.asset, only: positions.map { list.keys[$0] ?? "" })
        }
    }

    /// The counts of a reused entry, from its header.
    private func headerCounts(_ asset: AssetKey) -> [Int] {
        // The plan reuses only entries whose header matched.
        guard let header = headers[asset] else { preconditionFailure("reusing \(asset) without a cached entry") }
        return header.counts
    }

    /// A function loading a step's rows once, on first use.
    func rowLoader(_ asset: AssetKey, _ list: StalenessEvaluator.KeyList, _ source: RowSource) -> () throws -> [StalenessRow] {
        var loaded: [StalenessRow]?
        return { [self] in
            if let loaded { return loaded }
            let rows: [StalenessRow]
            switch source {
            case .rows(let known): rows = known
            case .cache: rows = try cachedRows(asset, list)
            case .refreshed(let bytes):
                if let decoded = StalenessRowCoding.decode(bytes, asset: asset, keys: list.keys) {
                    rows = decoded
                } else {
                    // Text damaged in the cached rows survives a splice: evaluate the asset
                    // again and save that instead.
                    rows = try uncached(asset)
                    computed.removeAll { $0.asset == asset }
                    computed.append(entry(asset, list, rows: rows))
                }
            }
            loaded = rows
            return rows
        }
    }

    /// Rows of a cached asset; an entry that does not decode is computed afresh.
    private func cachedRows(_ asset: AssetKey, _ list: StalenessEvaluator.KeyList) throws -> [StalenessRow] {
        if let bytes = try reader.stalenessCacheRows(asset),
            let rows = StalenessRowCoding.decode(bytes, asset: asset, keys: list.keys)
        {
            return rows
        }
        let rows = try uncached(asset)
        computed.append(entry(asset, list, rows: rows))
        return rows
    }

    private func entry(_ asset: AssetKey, _ list: StalenessEvaluator.KeyList, rows: [StalenessRow]) -> StalenessCacheEntry {
        let counts = StalenessCacheEntry.counts(of: rows, total: list.keys.count)
        return entry(asset, list, counts: counts, bytes: StalenessRowCoding.encode(rows))
    }

    private func entry(_ asset: AssetKey, _ list: StalenessEvaluator.KeyList, counts: [Int], bytes: [UInt8])
        -> StalenessCacheEntry
    {
        StalenessCacheEntry(
            asset: asset, fingerprint: fingerprints[asset] ?? "", counts: counts, rows: bytes,
            structure: structures[asset] ?? "", asOf: asOf, keys: keysStamp(asset, list))
    }

    private func keysStamp(_ asset: AssetKey, _ list: StalenessEvaluator.KeyList) -> KeysStamp {
        guard let name = definitions.asset(asset)?.partitions else { return KeysStamp(keys: list.keys) }
        if let known = stamps[name] { return known }
        let stamp = KeysStamp(keys: list.keys)
        stamps[name] = stamp
        return stamp
    }
}
