extension TimeWindowPartitionSet {
    /// The window a well-formed key maps to, as Dagster's `time_window_for_partition_key` finds
    /// it: the first non-excluded window starting at or after the instant the key names, even
    /// when that window is outside the set.
    ///
    /// A key parses with the format, or else with the format followed by `%z`; without an
    /// offset it is read in the zone as Python reads a naive time (the earlier instant of a
    /// repeated hour, the offset before a gap).
    /// - Throws: `TimeWindowPartitionError.malformedKey` when neither parse succeeds.
    public func window(forKey key: String) throws(TimeWindowPartitionError) -> PartitionTimeWindow {
        guard let parsed = parseKey(key) else {
            throw .malformedKey(key: key, format: format.withUTCOffset.pattern)
        }
        guard let start = nextIncluded(after: parsed.instant.advanced(byMicroseconds: -1)),
            let end = schedule.next(after: start)
        else { throw .noWindows }
        return PartitionTimeWindow(key: self.key(forStart: start), start: zoned(start),
            end: zoned(end))
    }

    /// Whether `key` is one of the keys at `now`, by Dagster's strict `has_partition_key`: the
    /// key parses, its window is not excluded and lies between the first and last windows, and
    /// the window start formats back to exactly `key`.
    ///
    /// As in Dagster, for the basic hourly and daily cadences the key's own instant is taken as
    /// the window start, so `2024-03-10-02:30` is accepted on a spring-forward day in an hourly
    /// set. Unlike Dagster, a fall-back key with its offset suffix (`2024-11-03-01:00-0500`) is
    /// accepted, since `keys(now:)` lists it.
    public func hasKey(_ key: String, now: Timestamp) -> Bool {
        guard let parsed = parseKey(key) else { return false }
        let start: Timestamp
        let formatted: String
        if isBasicCadence {
            start = parsed.instant
            formatted = parsed.wall.utcOffsetSeconds == nil
                ? format.format(parsed.wall) : self.key(forStart: start)
        } else {
            guard let windowStart = nextIncluded(after: parsed.instant.advanced(byMicroseconds: -1))
            else { return false }
            start = windowStart
            formatted = self.key(forStart: start)
        }
        guard !isExcluded(start), let first = firstIncluded, let last = lastStart(now: now) else {
            return false
        }
        return start >= first && start <= last && formatted == key
    }

    /// A key's wall time and the instant it names.
    private func parseKey(_ key: String) -> (wall: WallDateTime, instant: Timestamp)? {
        guard let wall = format.parse(key) ?? format.withUTCOffset.parse(key) else { return nil }
        return (wall, Self.instant(of: wall, in: zone))
    }
}
