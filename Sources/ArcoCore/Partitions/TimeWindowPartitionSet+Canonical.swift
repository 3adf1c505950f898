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
    public func nearestKeys(to key: String, now: Timestamp) -> [String] {
        NearestKeys.around(key, in: keys(now: now))
    }
}
