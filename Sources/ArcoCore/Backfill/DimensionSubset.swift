/// The keys of one partition dimension that satisfy a filter's clauses on it: a window of time
/// (or of key positions) narrowed by `=` and `!=` lists.
struct DimensionSubset {
    private enum Base {
        /// Windows starting at or after `lower` and before `upper` (instants).
        case time(TimeWindowPartitionSet, lower: Timestamp?, upper: Timestamp?)
        /// Keys at positions `lower..<upper`.
        case keys([String], lower: Int, upper: Int)
    }

    private let base: Base
    private var include: Set<String>?
    private var exclude = Set<String>()
    private let now: Timestamp

    /// Time windows from `lower` to `upper` (window starts), for `--from/--to` ranges.
    init(set: TimeWindowPartitionSet, name: String, lower: Timestamp, upper: Timestamp, upperInclusive: Bool, now: Timestamp) {
        base = .time(set, lower: lower, upper: upperInclusive ? upper.advanced(byMicroseconds: 1) : upper)
        self.now = now
    }

    /// The subset of `set` (one dimension: time windows or keys) that `clauses` allow.
    init(_ set: PartitionSet, name: String, clauses: [PartitionFilterClause], asset: String, now: Timestamp)
        throws(BackfillError)
    {
        self.now = now
        func notAKey(_ key: String) -> BackfillError {
            .notAKey(key, asset: asset, nearest: NearestKeys.around(key, in: set.keys(now: now, limit: Limits.nearestKeysScannedMax)))
        }
        switch set {
        case .timeWindow(let windows):
            var lower: Timestamp?
            var upper: Timestamp?
            for clause in clauses where clause.comparison.isOrdering {
                guard Self.names(set, clause.values[0], ordering: true, now: now),
                    let start = try? windows.window(forKey: clause.values[0]).start.instant
                else {
                    throw .invalidFilter(clause.description, reason: "'\(clause.values[0])' is not a partition key of dimension '\(name)'")
                }
                switch clause.comparison {
                case .greaterOrEqual: lower = max(lower ?? start, start)
                case .greater: lower = max(lower ?? start, start.advanced(byMicroseconds: 1))
                case .less: upper = min(upper ?? start, start)
                case .lessOrEqual: upper = min(upper ?? start, start.advanced(byMicroseconds: 1))
                case .equal, .notEqual: break
                }
            }
            base = .time(windows, lower: lower, upper: upper)
        case .keys(let keys):
            let positions = SelectorResolution.positions(keys)
            var lower = 0
            var upper = keys.count
            for clause in clauses where clause.comparison.isOrdering {
                guard let position = positions[clause.values[0]] else { throw notAKey(clause.values[0]) }
                switch clause.comparison {
                case .greaterOrEqual: lower = max(lower, position)
                case .greater: lower = max(lower, position + 1)
                case .less: upper = min(upper, position)
                case .lessOrEqual: upper = min(upper, position + 1)
                case .equal, .notEqual: break
                }
            }
            base = .keys(keys, lower: lower, upper: max(lower, upper))
        case .multi:
            throw .invalidFilter(name, reason: "a dimension cannot itself have dimensions")
        }
        for clause in clauses where !clause.comparison.isOrdering {
            for value in clause.values where !set.hasKey(value, now: now) {
                throw .invalidFilter(clause.description, reason: "'\(value)' is not a partition key of dimension '\(name)'")
            }
            if clause.comparison == .equal {
                include = include.map { $0.intersection(clause.values) } ?? Set(clause.values)
            } else {
                exclude.formUnion(clause.values)
            }
        }
    }

    /// Whether `value` can stand in a clause on this dimension: a partition key, or, as the bound
    /// of a time comparison, any window start spelled as the dimension spells keys (so
    /// `date<2024-02-01` may bound January even when February does not exist yet).
    static func names(_ set: PartitionSet, _ value: String, ordering: Bool, now: Timestamp) -> Bool {
        if set.hasKey(value, now: now) { return true }
        guard ordering, case .timeWindow(let windows) = set, let window = try? windows.window(forKey: value) else {
            return false
        }
        return window.key == value
    }

    /// The keys, in partition order.
    func keys() throws(BackfillError) -> [String] {
        var result = [String]()
        switch base {
        case .time(let windows, let lower, let upper):
            windows.forEachWindow(now: now, from: lower) { start, _ in
                if let upper, start >= upper { return false }
                let key = windows.key(forStart: start)
                if admits(key) { result.append(key) }
                return true
            }
        case .keys(let keys, let lower, let upper):
            result = keys[lower..<upper].filter(admits)
        }
        return result
    }

    /// The number of keys; time windows are only counted, not formatted, unless a list of
    /// keys narrows them.
    func count() throws(BackfillError) -> Int {
        guard include == nil, exclude.isEmpty, case .time(let windows, let lower, let upper) = base else {
            return try keys().count
        }
        var count = 0
        windows.forEachWindow(now: now, from: lower) { start, _ in
            if let upper, start >= upper { return false }
            count += 1
            return true
        }
        return count
    }

    private func admits(_ key: String) -> Bool {
        (include?.contains(key) ?? true) && !exclude.contains(key)
    }
}
