/// Resolves a `PartitionSelector` against one asset's partition set: the matching keys in
/// partition order, or only their number. Counting walks time windows without formatting keys,
/// so `backfill create` knows `counts.total` of 100,000 partitions without listing them.
struct SelectorResolution {
    let set: PartitionSet
    /// The asset, for messages.
    let asset: String
    /// The partitions definition's name: a single-dimension set's dimension answers to it too.
    let definitionName: String
    let now: Timestamp

    /// Whether the selector names this set's partitions, rather than leaving the asset to be
    /// derived from its upstream assets through mappings.
    enum Applicability {
        case applies
        case doesNotApply
        /// Names some of them (one end of a range, some of the keys or dimensions): derive the
        /// asset through its mappings if it can be, else this is the error to report.
        case partly(BackfillError)
    }

    func applicability(_ selector: PartitionSelector) -> Applicability {
        switch selector {
        case .all:
            return .applies
        case .explicit(let keys):
            let invalid = keys.filter { !set.hasKey($0, now: now) }
            if invalid.count == keys.count { return .doesNotApply }
            return invalid.first.map { .partly(notAKey($0)) } ?? .applies
        case .range(let from, let to):
            let (hasFrom, hasTo) = (set.hasKey(from, now: now), set.hasKey(to, now: now))
            if !hasFrom && !hasTo { return .doesNotApply }
            if case .multi = set { return .partly(.rangeOnMultiDimensions(asset: asset)) }
            if !hasFrom { return .partly(notAKey(from)) }
            if !hasTo { return .partly(notAKey(to)) }
            return .applies
        case .filter(let clauses):
            let unknown = clauses.filter { dimension(named: $0.dimension) == nil }
            if unknown.count == clauses.count { return .doesNotApply }
            if let first = unknown.first {
                return .partly(.unknownDimension(first.dimension, asset: asset, available: dimensionNames))
            }
            // `key>=2024-01-03` names days; a weekly asset's `key` dimension has no such key, so
            // the weekly asset is reached through its mapping instead.
            for clause in clauses {
                guard let index = dimension(named: clause.dimension) else { continue }
                let values = dimensions[index].set
                if let value = clause.values.first(where: { !DimensionSubset.names(values, $0, ordering: clause.comparison.isOrdering, now: now) }) {
                    return .partly(.invalidFilter(
                        clause.description, reason: "'\(value)' is not a partition key of dimension '\(dimensions[index].name)'"))
                }
            }
            return .applies
        case .subset(let assets):
            return assets[asset] != nil ? .applies : .doesNotApply
        }
    }

    /// The matching keys, in partition order.
    func keys(_ selector: PartitionSelector) throws(BackfillError) -> [String] {
        switch selector {
        case .all:
            return set.keys(now: now)
        case .explicit(let keys):
            var seen = Set<String>()
            let unique = keys.filter { seen.insert($0).inserted }
            let order = Self.positions(set.keys(now: now))
            return unique.sorted { (order[$0] ?? 0) < (order[$1] ?? 0) }
        case .range(let from, let to):
            return try rangeKeys(from: from, to: to)
        case .filter(let clauses):
            return try product(clauses) { subset throws(BackfillError) in try subset.keys() }
        case .subset(let assets):
            guard let runs = assets[asset] else { return [] }
            var result = [String]()
            for run in runs { result += try rangeKeys(from: run.first, to: run.last) }
            return result
        }
    }

    /// The number of matching keys, walking rather than listing where it can.
    func count(_ selector: PartitionSelector) throws(BackfillError) -> Int {
        switch selector {
        case .all:
            return set.count(now: now)
        case .explicit(let keys):
            return Set(keys).count
        case .range(let from, let to):
            if case .timeWindow(let windows) = set {
                let (lower, upper) = (try bound(from, windows), try bound(to, windows))
                guard lower <= upper else { throw .reversedRange(from: from, to: to, asset: asset) }
                return try DimensionSubset(set: windows, name: "", lower: lower, upper: upper, upperInclusive: true, now: now).count()
            }
            return try rangeKeys(from: from, to: to).count
        case .filter(let clauses):
            var total = 1
            for subset in try subsets(clauses) { total *= try subset.count() }
            return total
        case .subset:
            return try keys(selector).count
        }
    }

    // MARK: - Ranges

    private func rangeKeys(from: String, to: String) throws(BackfillError) -> [String] {
        switch set {
        case .timeWindow(let windows):
            guard let lower = try? windows.window(forKey: from).start.instant else { throw notAKey(from) }
            guard let upper = try? windows.window(forKey: to).start.instant else { throw notAKey(to) }
            guard lower <= upper else { throw .reversedRange(from: from, to: to, asset: asset) }
            return try DimensionSubset(set: windows, name: "", lower: lower, upper: upper, upperInclusive: true, now: now).keys()
        case .keys(let keys):
            guard let lower = keys.firstIndex(of: from) else { throw notAKey(from) }
            guard let upper = keys.firstIndex(of: to) else { throw notAKey(to) }
            guard lower <= upper else { throw .reversedRange(from: from, to: to, asset: asset) }
            return Array(keys[lower...upper])
        case .multi:
            // Runs of a multi set (from --only or retry-failed) are consecutive in odometer order.
            let keys = set.keys(now: now)
            guard let lower = keys.firstIndex(of: from) else { throw notAKey(from) }
            guard let upper = keys.firstIndex(of: to) else { throw notAKey(to) }
            guard lower <= upper else { throw .reversedRange(from: from, to: to, asset: asset) }
            return Array(keys[lower...upper])
        }
    }

    private func bound(_ key: String, _ windows: TimeWindowPartitionSet) throws(BackfillError) -> Timestamp {
        guard let start = try? windows.window(forKey: key).start.instant else { throw notAKey(key) }
        return start
    }

    // MARK: - Filters

    /// The dimensions of the set with their names, in the order keys join them.
    private var dimensions: [(name: String, set: PartitionSet)] {
        if case .multi(let dimensions) = set { return dimensions.map { ($0.name, $0.set) } }
        return [(CanonicalPartitionKey.singleDimension, set)]
    }

    private var dimensionNames: [String] {
        if case .multi = set { return dimensions.map(\.name) }
        return [CanonicalPartitionKey.singleDimension, definitionName]
    }

    private func dimension(named name: String) -> Int? {
        if case .multi = set { return dimensions.firstIndex { $0.name == name } }
        return name == CanonicalPartitionKey.singleDimension || name == definitionName ? 0 : nil
    }

    /// One subset per dimension, with every clause on it applied.
    private func subsets(_ clauses: [PartitionFilterClause]) throws(BackfillError) -> [DimensionSubset] {
        var result = [DimensionSubset]()
        for (index, dimension) in dimensions.enumerated() {
            let mine = clauses.filter { self.dimension(named: $0.dimension) == index }
            result.append(try DimensionSubset(dimension.set, name: dimension.name, clauses: mine, asset: asset, now: now))
        }
        return result
    }

    /// The keys of the product of the dimensions' subsets, the first dimension varying slowest.
    private func product(
        _ clauses: [PartitionFilterClause], _ list: (DimensionSubset) throws(BackfillError) -> [String]
    ) throws(BackfillError) -> [String] {
        var keys = [""]
        for (index, subset) in try subsets(clauses).enumerated() {
            let values = try list(subset)
            keys = keys.flatMap { prefix in values.map { index == 0 ? $0 : prefix + "|" + $0 } }
        }
        return keys
    }

    private func notAKey(_ key: String) -> BackfillError {
        .notAKey(key, asset: asset, nearest: NearestKeys.around(key, in: set.keys(now: now, limit: Limits.nearestKeysScannedMax)))
    }

    static func positions(_ keys: [String]) -> [String: Int] {
        var positions = [String: Int](minimumCapacity: keys.count)
        for (index, key) in keys.enumerated() { positions[key] = index }
        return positions
    }
}
