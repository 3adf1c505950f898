extension TimeWindowPartitionSet {
    /// The typed identity of a window (ADR 0007): the local start date for daily, weekly and
    /// monthly windows, the UTC start instant for every other cadence, so that the two passes of
    /// a repeated fall-back hour stay distinct.
    public func canonicalValue(of window: PartitionTimeWindow) -> CanonicalPartitionKey.Value {
        switch definition.cadence {
        case .daily, .weekly, .monthly: return .date(window.start.wallDateTime.date)
        case .hourly, .cron: return .timestamp(window.start.instant)
        }
    }

    /// The existing keys on either side of where `key` would sort, for "did you mean" messages.
    ///
    /// Keys sort chronologically for the default formats, so a lexical neighbour is the nearest
    /// window: `2024-02-30` sits between `2024-02-29` and `2024-03-01`.
    public func nearestKeys(to key: String, now: Timestamp) -> [String] {
        let keys = self.keys(now: now)
        var low = 0
        var high = keys.count
        while low < high {
            let middle = (low + high) / 2
            if keys[middle].utf8.lexicographicallyPrecedes(key.utf8) { low = middle + 1 } else { high = middle }
        }
        return [low - 1, low].filter { keys.indices.contains($0) }.map { keys[$0] }
    }
}
