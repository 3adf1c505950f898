/// What a staleness walk does with each asset (ADR 0012), decided before it reads any facts:
/// reuse the cached verdicts, refresh them at a few positions, or evaluate in full; and which
/// facts each asset needs, for itself or for the assets evaluated after it.
///
/// The plan is computed from what the walk reads first (fingerprints, the cache's headers, the
/// materializations since the oldest refreshable entry), so the engine only carries it out, and
/// the assets it reads ahead are the plan's own (`prefetch`), not a second rule to keep in step.
public struct StalenessWalkPlan: Sendable, Hashable {
    /// One step per asset, in walk order (each asset after those it reads).
    public var steps: [StalenessAssetStep]

    /// The assets whose facts are read in full, in walk order: what is read ahead.
    public var prefetch: [AssetKey] { steps.filter(\.readsAllFacts).map(\.asset) }

    /// The assets refreshed: their cached rows must decode, or the plan is made again without
    /// their entries (`refreshable` then leaves them out).
    public var refreshed: [AssetKey] {
        steps.compactMap { if case .refresh = $0.verdicts { $0.asset } else { nil } }
    }

    /// The assets whose verdicts cannot be reused: not cached, or their fingerprint changed.
    public static func outOfDate(
        order: [AssetKey], fingerprints: [AssetKey: String], cached: [AssetKey: StalenessCacheHeader]
    ) -> Set<AssetKey> {
        Set(order.filter { cached[$0]?.fingerprint != fingerprints[$0] })
    }

    /// The entries of out-of-date assets that a refresh may start from: their structure is
    /// today's. Entries in `damaged` (rows that do not decode) are left out.
    public static func refreshable(
        _ outOfDate: Set<AssetKey>, cached: [AssetKey: StalenessCacheHeader], structures: [AssetKey: String],
        damaged: Set<AssetKey> = []
    ) -> [AssetKey: StalenessRefresh.Entry] {
        var entries: [AssetKey: StalenessRefresh.Entry] = [:]
        for asset in outOfDate where !damaged.contains(asset) {
            guard let header = cached[asset], !header.refresh.structure.isEmpty, header.refresh.structure == structures[asset]
            else { continue }
            entries[asset] = header.refresh
        }
        return entries
    }

    /// The ledger position after which a walk reads materializations: the oldest refreshable
    /// entry's; nil when nothing can be refreshed (nothing need be read).
    public static func changesAfter(_ entries: [AssetKey: StalenessRefresh.Entry]) -> Int64? {
        entries.values.map(\.asOf).min()
    }

    /// Plans a walk.
    ///
    /// - Parameters:
    ///   - order: the walk's assets, each after those it reads.
    ///   - outOfDate: `outOfDate(order:fingerprints:cached:)`.
    ///   - entries: `refreshable(_:cached:structures:damaged:)`.
    ///   - structures: every asset's `StalenessFingerprints.structures` (unused when nothing is
    ///     out of date).
    ///   - changes: the materializations after `changesAfter(entries)`; nil when there were more
    ///     than `Limits.stalenessRefreshChangesMax`, or none were read.
    public init(
        order: [AssetKey], definitions: WorkspaceDefinitions, outOfDate: Set<AssetKey>,
        entries: [AssetKey: StalenessRefresh.Entry], structures: [AssetKey: String], changes: [StalenessRefresh.Change]?,
        evaluator: inout StalenessEvaluator
    ) {
        // Nothing out of date: nothing is evaluated, so nothing needs what it reads restored
        // (and the mappings need not be walked).
        guard !outOfDate.isEmpty else {
            steps = order.map { StalenessAssetStep($0, .reuse, facts: .none) }
            return
        }
        let refresh = StalenessRefresh.plan(
            order: order, definitions: definitions, outOfDate: outOfDate, entries: entries, structures: structures,
            changes: changes, evaluator: &evaluator)
        steps = order.map { Self.step($0, outOfDate: outOfDate, refresh: refresh) }
    }

    /// One asset's step, from the refresh plan.
    static func step(_ asset: AssetKey, outOfDate: Set<AssetKey>, refresh: StalenessRefresh) -> StalenessAssetStep {
        let inFull = refresh.readInFull.contains(asset)
        if let positions = refresh.refresh[asset] {
            let read = Set(positions).union(refresh.readAt[asset] ?? []).sorted()
            return StalenessAssetStep(asset, .refresh(positions: positions), facts: inFull ? .all : facts(at: read))
        }
        if outOfDate.contains(asset) { return StalenessAssetStep(asset, .evaluate, facts: .all) }
        if inFull { return StalenessAssetStep(asset, .reuse, facts: .all) }
        return StalenessAssetStep(asset, .reuse, facts: refresh.readAt[asset].map(facts(at:)) ?? .none)
    }

    /// The facts at `positions`, or all of them past `Limits.stalenessFactsKeysMax` keys (the
    /// same verdicts, read in one scan rather than one large query).
    public static func facts(at positions: [Int]) -> StalenessAssetStep.Facts {
        positions.count <= Limits.stalenessFactsKeysMax ? .at(positions) : .all
    }
}
