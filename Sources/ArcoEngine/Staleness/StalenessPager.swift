import ArcoCore

/// Turns assets' rows into one report page: the summary, `--check`'s finding, the rows after the
/// cursor that the filters keep, up to the limit, and the next cursor.
///
/// Assets come with their counts first, so that an asset whose rows cannot reach the page (before
/// the cursor, or after a full page) is counted without its rows being decoded or built: that is
/// what makes a page of a cached report cheap.
struct StalenessPager {
    let options: StalenessReportOptions
    /// The cursor's asset and partition position, until that asset has been passed.
    var pending: (asset: AssetKey, position: Int)?
    private(set) var page = StalenessPage(summary: StalenessSummary(), nextCursor: nil, foundStale: false)
    private var printed = 0
    private var lastPrinted: StalenessCursor?

    init(options: StalenessReportOptions, pending: (asset: AssetKey, position: Int)?) {
        self.options = options
        self.pending = pending
    }

    /// Whether rows of this reason (nil: fresh) pass the filters: fresh rows only with
    /// `--include-fresh` and no `--reason`.
    func keeps(_ reason: StaleReason?) -> Bool {
        guard let reason else { return options.includeFresh && options.reasons.isEmpty }
        return options.reasons.isEmpty || options.reasons.contains(reason)
    }

    /// Counts a selected asset's rows (`counts`: by reason precedence, then fresh) and says
    /// whether its rows are needed for the page.
    mutating func count(_ asset: AssetKey, _ counts: [Int]) -> Bool {
        var kept = 0
        for (slot, count) in counts.enumerated() where count > 0 {
            let reason = slot < StaleReason.allCases.count ? StaleReason.allCases[slot] : nil
            switch reason?.status ?? .fresh {
            case .stale: page.summary.stale += count
            case .missing: page.summary.missing += count
            case .fresh: page.summary.fresh += count
            }
            guard keeps(reason) else { continue }
            kept += count
            // `--check` looks at every row the filters keep, on this page or not; with a window
            // only the rows themselves tell, in `offer`.
            if reason != nil && options.window.isEmpty { page.foundStale = true }
        }
        if let pending { return pending.asset == asset }
        // A window is a filter on partitions, which counts cannot answer: read the rows.
        if !options.window.isEmpty { return kept > 0 }
        guard kept > 0 else { return false }
        if let limit = options.limit, printed >= limit {
            if page.nextCursor == nil, let lastPrinted { page.nextCursor = lastPrinted.text }
            return false
        }
        return true
    }

    /// Offers one row of an asset whose rows are needed, in report order.
    mutating func offer(_ row: StalenessRow, emit: (StalenessRow) throws -> Void) rethrows {
        if let waiting = pending {
            guard waiting.asset == row.asset else { return }
            if row.position <= waiting.position { return }
            pending = nil
        }
        guard keeps(row.reason), options.window.contains(row.partition) else { return }
        if row.reason != nil { page.foundStale = true }
        if let limit = options.limit, printed >= limit {
            if page.nextCursor == nil, let lastPrinted { page.nextCursor = lastPrinted.text }
            return
        }
        printed += 1
        lastPrinted = StalenessCursor(asset: row.asset, partition: row.partition)
        try emit(row)
    }

    /// Ends an asset whose rows were offered: the cursor, if it was in it, has been passed.
    mutating func finish(_ asset: AssetKey) {
        if pending?.asset == asset { pending = nil }
    }
}
