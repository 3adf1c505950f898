extension TimeWindowPartitionSet {
    /// Every window's start, oldest first, without formatting a key.
    public func windowStarts(now: Timestamp) -> [Timestamp] {
        var starts: [Timestamp] = []
        forEachWindow(now: now, from: nil) { start, _ in
            starts.append(start)
            return true
        }
        return starts
    }

    /// A window's identity as an integer that grows with its start, matching `canonicalValue(of:)`:
    /// the local start date's day number for daily, weekly and monthly windows, the UTC start in
    /// microseconds otherwise. Integers let stored keys be matched to windows by binary search
    /// instead of formatting and hashing every key.
    public func identityOrdinal(ofStart start: Timestamp) -> Int64 {
        switch definition.cadence {
        case .daily, .weekly, .monthly:
            let local = start.secondsSinceEpoch + Int64(zone.offset(atSecond: start.secondsSinceEpoch))
            return local >= 0 ? local / 86_400 : -((-local + 86_399) / 86_400)
        case .hourly, .cron:
            return start.microsecondsSinceEpoch
        }
    }

    /// The ordinal a canonical value names, or nil when the value has the wrong type for this
    /// cadence (a `t:` key of a daily set names no window of it).
    public func identityOrdinal(of value: CanonicalPartitionKey.Value) -> Int64? {
        switch (definition.cadence, value) {
        case (.daily, .date(let date)), (.weekly, .date(let date)), (.monthly, .date(let date)):
            return date.daysSinceEpoch
        case (.hourly, .timestamp(let instant)), (.cron, .timestamp(let instant)):
            return instant.microsecondsSinceEpoch
        default:
            return nil
        }
    }
}
