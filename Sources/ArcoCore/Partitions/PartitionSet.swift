/// The partitions of any definition, ready to enumerate and look up: a time-window set, a list of
/// keys (static, or dynamic keys read from the store), or the cartesian product of dimensions.
///
/// Pure: dynamic keys are passed in, and `now` decides which time windows exist.
public indirect enum PartitionSet: Sendable {
    /// Time windows.
    case timeWindow(TimeWindowPartitionSet)
    /// Static keys, or a dynamic definition's current keys, in order.
    case keys([String])
    /// Two or more dimensions, sorted by name.
    case multi([PartitionDimension])

    /// Builds a multi set, checking Dagster's rules for its dimensions.
    /// - Throws: one dimension only, a nested multi, or a key with `| , [ ]` in a dimension.
    public static func multi(dimensions: [PartitionDimension]) throws(PartitionSetError) -> PartitionSet {
        guard dimensions.count >= 2 else { throw .tooFewDimensions(dimensions.count) }
        let sorted = dimensions.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        for dimension in sorted {
            switch dimension.set {
            case .multi: throw .nestedMulti(dimension.name)
            case .keys(let keys):
                if let key = keys.first(where: { key in PartitionKeyRules.multiSeparators.contains { key.contains($0) } }) {
                    throw .separatorInKey(dimension: dimension.name, key: key)
                }
            case .timeWindow: break
            }
        }
        return .multi(sorted)
    }

    /// The keys in partition order; for a multi set the first dimension by name varies slowest.
    public func keys(now: Timestamp) -> [String] {
        switch self {
        case .timeWindow(let set): return set.keys(now: now)
        case .keys(let keys): return keys
        case .multi(let dimensions):
            var product = [""]
            for (index, dimension) in dimensions.enumerated() {
                let keys = dimension.set.keys(now: now)
                product = product.flatMap { prefix in keys.map { index == 0 ? $0 : prefix + "|" + $0 } }
            }
            return product
        }
    }

    /// At most `limit` keys in partition order, without building the rest: time windows are
    /// walked only as far as needed and a multi product stops at the limit.
    public func keys(now: Timestamp, limit: Int) -> [String] {
        guard limit > 0 else { return [] }
        switch self {
        case .timeWindow(let set): return (try? set.keys(now: now, from: nil, limit: limit)) ?? []
        case .keys(let keys): return Array(keys.prefix(limit))
        case .multi(let dimensions):
            let lists = dimensions.map { $0.set.keys(now: now) }
            var result = [String]()
            var indices = [Int](repeating: 0, count: lists.count)
            guard !lists.contains(where: \.isEmpty) else { return [] }
            while result.count < limit {
                result.append(zip(lists, indices).map { $0[$1] }.joined(separator: "|"))
                // Advance like an odometer: the last dimension varies fastest.
                var position = lists.count - 1
                while position >= 0 {
                    indices[position] += 1
                    if indices[position] < lists[position].count { break }
                    indices[position] = 0
                    position -= 1
                }
                if position < 0 { break }
            }
            return result
        }
    }

    /// The number of partitions.
    public func count(now: Timestamp) -> Int {
        switch self {
        case .timeWindow(let set): return set.count(now: now)
        case .keys(let keys): return keys.count
        case .multi(let dimensions): return dimensions.reduce(1) { $0 * $1.set.count(now: now) }
        }
    }

    /// Whether `key` (display form) is a partition at `now`.
    public func hasKey(_ key: String, now: Timestamp) -> Bool {
        switch self {
        case .timeWindow(let set): return set.hasKey(key, now: now)
        case .keys(let keys): return keys.contains(key)
        case .multi(let dimensions):
            let parts = key.split(separator: "|", omittingEmptySubsequences: false)
            guard parts.count == dimensions.count else { return false }
            return zip(dimensions, parts).allSatisfy { $0.set.hasKey(String($1), now: now) }
        }
    }

    /// The time window a key maps to (its time dimension's, for a multi key), if it has one.
    public func window(forKey key: String) -> PartitionTimeWindow? {
        switch self {
        case .timeWindow(let set): return try? set.window(forKey: key)
        case .keys: return nil
        case .multi(let dimensions):
            let parts = key.split(separator: "|", omittingEmptySubsequences: false)
            guard parts.count == dimensions.count else { return nil }
            return zip(dimensions, parts).lazy.compactMap { $0.set.window(forKey: String($1)) }.first
        }
    }

    /// The dimension names of a multi set, sorted; empty otherwise.
    public var dimensionNames: [String] {
        if case .multi(let dimensions) = self { return dimensions.map(\.name) }
        return []
    }

    /// Dagster's primary dimension: the time-window one if there is one, else the first by name.
    public var primaryDimension: String? {
        guard case .multi(let dimensions) = self else { return nil }
        return (dimensions.first { if case .timeWindow = $0.set { true } else { false } } ?? dimensions.first)?.name
    }
}

/// One named dimension of a multi set.
public struct PartitionDimension: Sendable {
    /// The dimension's name.
    public var name: String
    /// Its partitions (time windows or keys).
    public var set: PartitionSet

    /// Creates a dimension.
    public init(name: String, set: PartitionSet) {
        self.name = name
        self.set = set
    }
}

/// Why a multi definition cannot be built.
public enum PartitionSetError: Error, Sendable, Hashable, CustomStringConvertible {
    case tooFewDimensions(Int)
    case nestedMulti(String)
    case separatorInKey(dimension: String, key: String)

    public var description: String {
        switch self {
        case .tooFewDimensions(let count):
            return "a multi definition needs two or more dimensions, not \(count)"
        case .nestedMulti(let name): return "dimension '\(name)' is itself a multi definition"
        case .separatorInKey(let dimension, let key):
            return "key '\(key)' of dimension '\(dimension)' contains one of | , [ ], which multi keys use as separators"
        }
    }
}
