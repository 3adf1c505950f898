/// `--from/--to` on `staleness report` and `reconcile plan|run`: the partitions between two
/// keys, inclusive, compared as text. Time-window keys of every cadence sort in time order as
/// text, and `--to 2024-01-31` also takes the hours of that day (`2024-01-31-05:00`): a key
/// that starts with the bound is at the bound. Unpartitioned assets are always inside.
public struct PartitionWindow: Sendable, Hashable {
    public var from: String?
    public var to: String?

    public init(from: String? = nil, to: String? = nil) {
        self.from = from
        self.to = to
    }

    /// Whether no bound is set.
    public var isEmpty: Bool { from == nil && to == nil }

    /// Whether `key` (nil: unpartitioned) lies inside.
    public func contains(_ key: String?) -> Bool {
        guard let key else { return true }
        if let from, key < from, !key.hasPrefix(from) { return false }
        if let to, key > to, !key.hasPrefix(to) { return false }
        return true
    }
}

/// Narrows a reconciliation plan to the runs an operator asked about, plus the planned runs
/// those read (directly or not), so what is kept still runs upstream first and reads fresh data.
public enum ReconcilePlanFilter {
    /// Which rows make a run wanted.
    public enum Only: String, Sendable, CaseIterable {
        case stale, missing
    }

    /// The indices of `plan` to keep, ascending: runs with a target inside `window` (and of the
    /// `only` kind), and the runs they read through `upstream` (`ReconcileRunGraph`).
    public static func kept(_ plan: [ReconcileRun], upstream: [[Int]], window: PartitionWindow, only: Only?) -> [Int] {
        var keep = Set<Int>()
        for (index, run) in plan.enumerated() {
            let wanted = run.targets.contains { row in
                window.contains(row.partition) && (only.map { row.status.rawValue == $0.rawValue.uppercased() } ?? true)
            }
            if wanted { keep.insert(index) }
        }
        var frontier = Array(keep)
        while let index = frontier.popLast() {
            for read in upstream[index] where keep.insert(read).inserted { frontier.append(read) }
        }
        return keep.sorted()
    }
}
