extension PartitionMapper {
    /// Upstream windows overlapping the downstream window, shifted by offsets counted in
    /// downstream windows (`startOffset: -1` makes day D depend on D-1 and D). Works from coarse
    /// to fine and back, and across daylight-saving days, because it compares instants.
    static func timeWindowKeys(
        _ key: String, _ down: TimeWindowPartitionSet, _ up: TimeWindowPartitionSet, startOffset: Int, endOffset: Int
    ) throws(PartitionMappingError) -> [String] {
        guard let window = try? down.window(forKey: key) else { throw .notAKey(key) }
        guard let start = shift(window.start.instant, by: startOffset, in: down),
            let end = shift(window.end.instant, by: endOffset, in: down), start < end
        else { return [] }
        // The upstream window containing `start` begins at the last tick at or before it.
        var tick = up.schedule.previous(before: start.advanced(byMicroseconds: 1)) ?? up.firstTick
        if tick < up.firstTick { tick = up.firstTick }
        var keys = [String]()
        while tick < end {
            guard let next = up.schedule.next(after: tick) else { break }
            if next > start, !up.isExcluded(tick) { keys.append(up.key(forStart: tick)) }
            tick = next
        }
        return keys
    }

    /// Moves an instant by whole windows of a set's schedule.
    private static func shift(_ instant: Timestamp, by windows: Int, in set: TimeWindowPartitionSet) -> Timestamp? {
        var result: Timestamp? = instant
        // `magnitude`, not `abs`, which traps on Int.min.
        for _ in 0..<windows.magnitude {
            guard let current = result else { return nil }
            result = windows > 0 ? set.schedule.next(after: current) : set.schedule.previous(before: current)
        }
        return result
    }

    /// A single-dimension set against one dimension of a multi set, in either direction.
    static func multiToSingle(
        _ key: String, _ downstream: PartitionSet, _ upstream: PartitionSet, dimension: String?, now: Timestamp
    ) throws(PartitionMappingError) -> [String] {
        switch (downstream, upstream) {
        case (.multi(let dimensions), let single) where !isMulti(single):
            let index = try dimensionIndex(dimensions, named: dimension)
            let parts = key.split(separator: "|", omittingEmptySubsequences: false)
            guard parts.count == dimensions.count else { throw .notAKey(key) }
            return [String(parts[index])]
        case (let single, .multi(let dimensions)) where !isMulti(single):
            let index = try dimensionIndex(dimensions, named: dimension)
            return PartitionSet.multi(dimensions).keys(now: now).filter { upstreamKey in
                let parts = upstreamKey.split(separator: "|", omittingEmptySubsequences: false)
                return parts.count == dimensions.count && parts[index] == key
            }
        default:
            throw .incompatible(mapping: "multi_to_single", reason: "exactly one side must be a multi definition")
        }
    }

    private static func isMulti(_ set: PartitionSet) -> Bool {
        if case .multi = set { return true }
        return false
    }

    private static func dimensionIndex(_ dimensions: [PartitionDimension], named name: String?)
        throws(PartitionMappingError) -> Int
    {
        guard let name else {
            throw .incompatible(mapping: "multi_to_single", reason: "name the dimension (`dimension:`); it could not be inferred")
        }
        guard let index = dimensions.firstIndex(where: { $0.name == name }) else {
            throw .incompatible(mapping: "multi_to_single", reason: "the multi definition has no dimension '\(name)'")
        }
        return index
    }
}
