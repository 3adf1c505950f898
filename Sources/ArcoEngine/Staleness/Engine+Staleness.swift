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
            definitions: definitions, selection: selection, sets: try stalenessSets(definitions, selection),
            now: now)
        var page = StalenessPage(summary: StalenessSummary(), nextCursor: nil, foundStale: false)
        var printed = 0
        var lastPrinted: StalenessRow?
        // Rows up to and including the cursor's are skipped; until the cursor's asset is reached,
        // `pending` holds it.
        var pending = cursor
        if let cursor, !evaluator.keys(of: cursor.asset).keys.contains(cursor.partition) {
            throw OperatorError(
                .dataError,
                "the cursor names partition '\(cursor.partition ?? "")' of '\(cursor.asset)', which no longer exists",
                hint: "page from the start: `arco staleness report --limit 50`")
        }
        let store = try store()
        try mapStoreErrors {
            try store.read { reader in
                for asset in evaluator.order {
                    let selected = evaluator.isSelected(asset)
                    try evaluator.evaluate(asset, facts: try reader.stalenessFacts(asset)) { row in
                        guard selected else { return }
                        switch row.status {
                        case .stale: page.summary.stale += 1
                        case .missing: page.summary.missing += 1
                        case .fresh: page.summary.fresh += 1
                        }
                        let kept = (row.status != .fresh || options.includeFresh)
                            && (options.reasons.isEmpty || row.reason.map(options.reasons.contains) == true)
                        // `--check` looks at every row the filters keep, on this page or not.
                        if kept && row.status != .fresh { page.foundStale = true }
                        if let waiting = pending {
                            if waiting.asset == row.asset && waiting.partition == row.partition { pending = nil }
                            return
                        }
                        guard kept else { return }
                        if let limit = options.limit, printed >= limit {
                            if page.nextCursor == nil, let last = lastPrinted {
                                page.nextCursor = StalenessCursor(asset: last.asset, partition: last.partition).text
                            }
                            return
                        }
                        printed += 1
                        lastPrinted = row
                        try emit(row)
                    }
                }
            }
        }
        return page
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
    func stalenessSets(_ definitions: WorkspaceDefinitions, _ selection: [AssetKey]) throws -> [AssetKey: PartitionSet] {
        var byName: [PartitionsDefinitionName: PartitionSet] = [:]
        var sets: [AssetKey: PartitionSet] = [:]
        var pending = selection
        var seen = Set<AssetKey>()
        while let asset = pending.popLast() {
            guard seen.insert(asset).inserted, let definition = definitions.asset(asset) else { continue }
            pending += definition.dependencies.map(\.asset)
            guard let name = definition.partitions else { continue }
            if byName[name] == nil { byName[name] = try partitionSet(name.rawValue, in: definitions) }
            sets[asset] = byName[name]
        }
        return sets
    }
}
