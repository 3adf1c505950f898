import ArcoCore
import ArcoStore

/// What `arco staleness report` asks for.
public struct StalenessReportOptions: Sendable {
    /// An asset selection (`arco run`'s syntax); every asset when nil.
    public var selection: String?
    /// Only rows with one of these reasons; all when empty.
    public var reasons: Set<StaleReason>
    /// The evaluation time; the clock when nil.
    public var now: Timestamp?
    /// The most rows to print; all when nil.
    public var limit: Int?
    /// A cursor a previous page printed.
    public var after: String?
    /// Whether fresh rows are printed too.
    public var includeFresh: Bool
    /// Only rows of partitions in this window (`--from/--to`); all when empty.
    public var window = PartitionWindow()

    /// Creates options.
    public init(
        selection: String? = nil, reasons: Set<StaleReason> = [], now: Timestamp? = nil, limit: Int? = nil,
        after: String? = nil, includeFresh: Bool = false
    ) {
        self.selection = selection
        self.reasons = reasons
        self.now = now
        self.limit = limit
        self.after = after
        self.includeFresh = includeFresh
    }
}

/// The counts over every selected asset partition, whatever the filters and the page.
public struct StalenessSummary: Sendable, Hashable {
    public var stale = 0
    public var missing = 0
    public var fresh = 0
}

/// What a report printed, besides its rows.
public struct StalenessPage: Sendable {
    /// The selection's totals.
    public var summary: StalenessSummary
    /// The cursor of the next page, when rows were left off.
    public var nextCursor: String?
    /// Whether any row the filters keep (on this page or not) is stale or missing: `--check`.
    public var foundStale: Bool
}

extension Engine {
    /// Evaluates the selection's staleness and hands the page's rows to `emit` in report order,
    /// inside one read transaction, so rows, summary and cursor describe one ledger state.
    ///
    /// Verdicts are reused from the cache where an asset's fingerprint shows nothing they depend
    /// on changed, and the ones computed are saved for the next report (ADR 0012); freshness,
    /// which depends on the evaluation time, is applied afterwards to both.
    ///
    /// - Throws: exit 65 for a bad selection or a cursor that names no row of it.
    public func stalenessReport(
        _ options: StalenessReportOptions, emit: (StalenessRow) throws -> Void
    ) throws -> StalenessPage {
        let definitions = try loadDefinitions()
        let now = options.now ?? environment.clock.now()
        let selection = try stalenessSelection(options.selection, definitions)
        let cursor = try options.after.map { text in
            guard let cursor = StalenessCursor(text: text), selection.contains(cursor.asset) else {
                throw OperatorError(
                    .dataError, "'\(text)' is not a cursor of this report",
                    hint: "page from the start: `arco staleness report --limit 50`, then pass the next_cursor it prints")
            }
            return cursor
        }
        var evaluator = StalenessEvaluator(
            definitions: definitions, selection: selection, sets: try stalenessSets(definitions, selection, now: now),
            now: now, applyFreshness: false)
        var pending: (asset: AssetKey, position: Int)?
        if let cursor {
            guard let position = evaluator.keys(of: cursor.asset).position(of: cursor.partition) else {
                throw OperatorError(
                    .dataError,
                    "the cursor names partition '\(cursor.partition ?? "")' of '\(cursor.asset)', which no longer exists",
                    hint: "page from the start: `arco staleness report --limit 50`")
            }
            pending = (cursor.asset, position)
        }
        var pager = StalenessPager(options: options, pending: pending)
        let store = try store()
        var computed = ComputedVerdicts()
        let initial = evaluator
        try mapStoreErrors {
            try store.read { reader in
                // A busy store retries the read from the start, with the evaluator as it was.
                evaluator = initial
                computed = try walkStaleness(
                    reader, store: store, definitions: definitions, now: now, evaluator: &evaluator
                ) { verdicts in
                    guard verdicts.selected, pager.count(verdicts.asset, verdicts.counts) else { return }
                    try Self.forEachRow(
                        verdicts.asset, rows: try verdicts.nonFreshRows(), list: verdicts.list,
                        includeFresh: options.includeFresh
                    ) { try pager.offer($0, emit: emit) }
                    pager.finish(verdicts.asset)
                }
            }
        }
        computed.save(to: store)
        return pager.page
    }

    /// One asset's verdicts in a walk: counts at once, rows when asked for.
    struct AssetVerdicts {
        var asset: AssetKey
        var list: StalenessEvaluator.KeyList
        /// Whether the asset was selected (the others were walked for what reads them).
        var selected: Bool
        /// Rows by reason precedence, then fresh partitions, freshness included.
        var counts: [Int]
        /// The `FRESHNESS_VIOLATED` rows (selected assets only).
        var overlay: [StalenessRow]
        /// The non-fresh rows without freshness, decoded or evaluated on first use.
        var rows: () throws -> [StalenessRow]

        /// Every row that is not fresh, freshness violations included, in partition order.
        func nonFreshRows() throws -> [StalenessRow] {
            let base = try rows()
            return overlay.isEmpty ? base : (base + overlay).sorted { $0.position < $1.position }
        }
    }

    /// Walks the evaluator's assets in order with their verdicts: reused from the cache where an
    /// asset's fingerprint shows nothing they depend on changed, refreshed at the partitions a
    /// materialization since could have changed where only materializations changed
    /// (`StalenessRefresh`), evaluated otherwise (ADR 0012), as `StalenessWalkPlan` decides.
    /// Freshness, which depends on the evaluation time, is applied to selected assets afterwards.
    ///
    /// The facts of the assets the plan reads in full are read ahead on a second connection
    /// (`StalenessFactsPrefetch`) while the evaluation runs on this one.
    ///
    /// - Parameter store: the store `reader` reads, whose second connection reads ahead.
    /// - Returns: the verdicts computed, for the caller to save once the read has ended.
    func walkStaleness(
        _ reader: StoreReader, store: any WorkspaceStore, definitions: WorkspaceDefinitions, now: Timestamp,
        evaluator: inout StalenessEvaluator, _ body: (AssetVerdicts) throws -> Void
    ) throws -> ComputedVerdicts {
        let epoch = try reader.stalenessCacheEpoch()
        let tip = try reader.tip()
        let walk = try StalenessWalk(reader, definitions: definitions, asOf: tip.seq, evaluator: &evaluator) { asset in
            try self.uncachedRows(asset, reader: reader, definitions: definitions, now: now)
        }
        walk.prefetch = store.prefetchStalenessFacts(
            walk.plan.prefetch, snapshot: StoreReader.snapshotID(tip: tip, epoch: epoch))
        defer { walk.prefetch?.cancel() }
        for step in walk.plan.steps {
            let asset = step.asset
            let list = evaluator.keys(of: asset)
            let ran = try walk.run(step, &evaluator)
            var (facts, counts) = (ran.facts, ran.counts)
            let rows = walk.rowLoader(asset, list, ran.rows)
            let selected = evaluator.isSelected(asset)
            var overlay: [StalenessRow] = []
            if selected, definitions.asset(asset)?.freshness != nil {
                // The latest window's keys only, unless there are too many to bind in one query.
                let window = list.latestWindow.flatMap { $0.count <= Limits.stalenessFactsKeysMax ? $0.sorted() : nil }
                if !step.readsAllFacts { facts = try reader.stalenessFacts(asset, only: window) }
                overlay = Self.freshnessOverlay(asset, rows: try rows(), list: list, facts: facts, &evaluator)
                counts[StaleReason.freshnessViolated.precedence] += overlay.count
                counts[StalenessCacheEntry.countSlots - 1] -= overlay.count
            }
            try body(AssetVerdicts(asset: asset, list: list, selected: selected, counts: counts, overlay: overlay, rows: rows))
        }
        return ComputedVerdicts(computed: walk.computed, epoch: epoch)
    }

    /// Verdicts a walk computed, with the cache epoch of the read they come from.
    struct ComputedVerdicts: Sendable {
        var computed: [StalenessCacheEntry] = []
        var epoch: Int64 = 0

        /// Saves them, if the store is free and no rebuild came in between.
        func save(to store: any WorkspaceStore) {
            store.saveStalenessCache(computed, epoch: epoch)
        }
    }

    /// The non-fresh rows of one asset (freshness aside), evaluated with everything upstream of
    /// it and no cache: what a cache entry that cannot be read is replaced with.
    func uncachedRows(_ asset: AssetKey, reader: StoreReader, definitions: WorkspaceDefinitions, now: Timestamp) throws
        -> [StalenessRow]
    {
        var evaluator = StalenessEvaluator(
            definitions: definitions, selection: [asset], sets: try stalenessSets(definitions, [asset], now: now), now: now,
            applyFreshness: false)
        var rows: [StalenessRow] = []
        for next in evaluator.order {
            evaluator.evaluate(next, facts: try reader.stalenessFacts(next)) { row in
                if row.asset == asset, row.status != .fresh { rows.append(row) }
            }
        }
        return rows
    }

    /// The `FRESHNESS_VIOLATED` rows of an asset's otherwise fresh, materialized partitions.
    static func freshnessOverlay(
        _ asset: AssetKey, rows: [StalenessRow], list: StalenessEvaluator.KeyList, facts: [String: PartitionFacts],
        _ evaluator: inout StalenessEvaluator
    ) -> [StalenessRow] {
        let taken = Set(rows.map(\.position))
        var overlay: [StalenessRow] = []
        for (key, fact) in facts {
            guard let position = list.position(of: key), !taken.contains(position), let row = evaluator.freshnessRow(asset, position: position, facts: fact)
            else { continue }
            overlay.append(row)
        }
        return overlay.sorted { $0.position < $1.position }
    }

    /// An asset's rows in partition order: its non-fresh rows (`rows`, in partition order) and,
    /// with `includeFresh`, a fresh row for every other partition.
    static func forEachRow(
        _ asset: AssetKey, rows merged: [StalenessRow], list: StalenessEvaluator.KeyList,
        includeFresh: Bool, _ body: (StalenessRow) throws -> Void
    ) rethrows {
        guard includeFresh else {
            for row in merged { try body(row) }
            return
        }
        var next = 0
        for (position, key) in list.keys.enumerated() {
            if next < merged.count, merged[next].position == position {
                try body(merged[next])
                next += 1
            } else {
                var row = StalenessRow.fresh(asset, key)
                row.position = position
                try body(row)
            }
        }
    }

    /// The selected assets; every asset when no selection is given.
    func stalenessSelection(_ text: String?, _ definitions: WorkspaceDefinitions) throws -> [AssetKey] {
        guard let text else { return definitions.assetOrder }
        do {
            let selected = Set(try AssetSelection.parse(text).resolve(in: definitions))
            return definitions.assetOrder.filter(selected.contains)
        } catch {
            throw Self.selectionError(error)
        }
    }

    /// The partition sets of the selection and everything upstream of it, one per definition.
    func stalenessSets(_ definitions: WorkspaceDefinitions, _ selection: [AssetKey], now: Timestamp) throws -> [AssetKey: PartitionSet] {
        var byName: [PartitionsDefinitionName: PartitionSet] = [:]
        var sets: [AssetKey: PartitionSet] = [:]
        var pending = selection
        var seen = Set<AssetKey>()
        while let asset = pending.popLast() {
            guard seen.insert(asset).inserted, let definition = definitions.asset(asset) else { continue }
            pending += definition.dependencies.map(\.asset)
            guard let name = definition.partitions else { continue }
            if byName[name] == nil { byName[name] = try partitionSet(name.rawValue, in: definitions, now: now) }
            sets[asset] = byName[name]
        }
        return sets
    }
}
