extension PartitionStatusSummary {
    /// Summarises every partition of `set` at `now` against the stored states.
    ///
    /// A time-window set is matched by window start (see `identityOrdinal`): stored keys are
    /// parsed and binary-searched among the starts, and only range boundaries are formatted.
    /// Other sets are small enough to list and match by display key. Rows naming no current
    /// partition (removed keys, windows past `end`) are left out.
    public static func summarize(
        _ set: PartitionSet, now: Timestamp, states: [StoredPartitionState]
    ) -> PartitionStatusSummary {
        guard case .timeWindow(let windows) = set else {
            var byKey = [String: PartitionState](minimumCapacity: states.count)
            for row in states { byKey[row.display ?? row.key] = row.state }
            return summarize(keys: set.keys(now: now), stateByKey: byKey)
        }
        let starts = windows.windowStarts(now: now)
        let ordinals = starts.map(windows.identityOrdinal(ofStart:))
        var found = [PartitionState](repeating: .missing, count: starts.count)
        for row in states {
            guard let ordinal = ordinal(of: row, in: windows), let index = position(of: ordinal, in: ordinals) else {
                continue
            }
            found[index] = row.state
        }
        return walk(count: starts.count, state: { found[$0] }, key: { windows.key(forStart: starts[$0]) })
    }

    /// The ordinal of a stored row: from its canonical key, or, for rows recorded with only a
    /// display key, from the window that key names in the spelling this set prints.
    private static func ordinal(of row: StoredPartitionState, in windows: TimeWindowPartitionSet) -> Int64? {
        if let value = CanonicalPartitionKey.singleTimeValue(row.key) { return windows.identityOrdinal(of: value) }
        if let canonical = try? CanonicalPartitionKey(parsing: row.key), canonical.segments.count == 1,
            canonical.segments[0].dimension == CanonicalPartitionKey.singleDimension
        {
            return windows.identityOrdinal(of: canonical.segments[0].value)
        }
        let display = row.display ?? row.key
        guard let window = try? windows.window(forKey: display), window.key == display else { return nil }
        return windows.identityOrdinal(ofStart: window.start.instant)
    }

    /// The index of `ordinal` in the ascending `ordinals`, by binary search.
    private static func position(of ordinal: Int64, in ordinals: [Int64]) -> Int? {
        var low = 0
        var high = ordinals.count
        while low < high {
            let middle = (low + high) / 2
            if ordinals[middle] < ordinal { low = middle + 1 } else { high = middle }
        }
        return low < ordinals.count && ordinals[low] == ordinal ? low : nil
    }
}
