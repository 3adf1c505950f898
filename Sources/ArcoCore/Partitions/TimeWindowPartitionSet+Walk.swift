extension TimeWindowPartitionSet {
    /// A chain of excluded ticks longer than this means the exclusions cover the whole cadence.
    /// The longest run of excluded ticks skipped while looking for the next window: a year of
    /// minutely ticks, so that excluding whole months of a minutely cron still finds windows.
    static let longestExcludedRun = 527_040

    /// Calls `body` with each window `[start, end)` from `from` (or the first) to the last one,
    /// in order, until it returns false. Each step costs one tick of the cron.
    func forEachWindow(
        now: Timestamp, from: Timestamp?, _ body: (Timestamp, Timestamp) -> Bool
    ) {
        guard let first = firstIncluded, let last = lastStart(now: now) else { return }
        var cursor = first
        if let from, from > first {
            guard let aligned = nextIncluded(after: from.advanced(byMicroseconds: -1)) else {
                return
            }
            cursor = aligned
        }
        while cursor <= last {
            guard let end = schedule.next(after: cursor), body(cursor, end) else { return }
            guard let next = isExcluded(end) ? nextIncluded(after: end) : end else { return }
            cursor = next
        }
    }

    /// The start of the first window that is not excluded.
    var firstIncluded: Timestamp? {
        isExcluded(firstTick) ? nextIncluded(after: firstTick) : firstTick
    }

    /// The start of the last window at `now`, or nil when there is none.
    ///
    /// With `end_offset > 0` this follows Dagster exactly, including near `start`: the offset is
    /// counted from the last window complete at `now` even when that window precedes `start`,
    /// and the first window exists only once it ends by the start of the `end_offset`-th window
    /// starting at or after `now`.
    func lastStart(now: Timestamp) -> Timestamp? {
        guard let first = firstIncluded else { return nil }
        var last: Timestamp?
        let offset = definition.endOffset
        if offset > 0 {
            guard firstExistsWithPositiveOffset(first, now: now) else { return nil }
            var cursor = lastCompleteStart(by: now) ?? first.advanced(byMicroseconds: -1)
            for _ in 0..<offset {
                guard let next = nextIncluded(after: cursor) else { break }
                cursor = next
            }
            last = cursor
        } else {
            last = lastCompleteStart(by: now)
            if last.map({ $0 < first }) ?? false { last = nil }
            for _ in 0..<(-offset) { last = last.flatMap(previousIncluded(before:)) }
        }
        guard var found = last else { return nil }
        if let endLimit {
            guard let capped = lastCompleteStart(by: endLimit) else { return nil }
            if capped <= found { found = capped; return found >= first ? found : nil }
        }
        // Dagster: an offset window still before the first one means the first window alone.
        if offset > 0, found < first { return first }
        return found >= first ? found : nil
    }

    /// Dagster's existence test for the first window under a positive end offset.
    private func firstExistsWithPositiveOffset(_ first: Timestamp, now: Timestamp) -> Bool {
        guard var window = nextIncluded(after: now.advanced(byMicroseconds: -1)),
            let firstEnd = schedule.next(after: first)
        else { return false }
        for _ in 0..<definition.endOffset {
            guard let next = nextIncluded(after: window) else { return false }
            window = next
        }
        return firstEnd <= window
    }

    /// The start of the last non-excluded window that ends at or before `instant`.
    private func lastCompleteStart(by instant: Timestamp) -> Timestamp? {
        guard let end = schedule.previous(before: instant.advanced(byMicroseconds: 1)),
            let start = schedule.previous(before: end)
        else { return nil }
        return isExcluded(start) ? previousIncluded(before: start) : start
    }

    /// Whether the window starting at `instant` is excluded.
    func isExcluded(_ instant: Timestamp) -> Bool {
        if excludedInstants.contains(instant) { return true }
        guard let exclusionSchedule else { return false }
        return exclusionSchedule.next(after: instant.advanced(byMicroseconds: -1)) == instant
    }

    /// The first tick after `instant` whose window is not excluded.
    func nextIncluded(after instant: Timestamp) -> Timestamp? {
        var cursor = instant
        for _ in 0..<Self.longestExcludedRun {
            guard let next = schedule.next(after: cursor) else { return nil }
            if !isExcluded(next) { return next }
            cursor = next
        }
        return nil
    }

    /// The last tick before `instant` whose window is not excluded.
    func previousIncluded(before instant: Timestamp) -> Timestamp? {
        var cursor = instant
        for _ in 0..<Self.longestExcludedRun {
            guard let previous = schedule.previous(before: cursor) else { return nil }
            if !isExcluded(previous) { return previous }
            cursor = previous
        }
        return nil
    }

    /// The instant a wall time from the definition means: its own offset if it has one,
    /// otherwise read in the zone as Python reads a naive time.
    static func instant(of wall: WallDateTime, in zone: ZoneOffsets) -> Timestamp {
        let seconds = wall.date.daysSinceEpoch * 86_400
            + Int64(wall.hour * 3600 + wall.minute * 60 + wall.second)
        if let offset = wall.utcOffsetSeconds {
            return Timestamp(secondsSinceEpoch: seconds - Int64(offset))
        }
        return Timestamp(secondsSinceEpoch: zone.instantReadingFoldZero(wall: seconds))
    }

    /// The instant with the zone's offset at that moment.
    func zoned(_ instant: Timestamp) -> ZonedTimestamp {
        ZonedTimestamp(instant: instant,
            utcOffsetSeconds: zone.offset(atSecond: instant.secondsSinceEpoch))
    }

    /// The key of the window starting at `start`, with the fall-back suffix when needed.
    public func key(forStart start: Timestamp) -> String {
        let zonedStart = zoned(start)
        var wall = zonedStart.wallDateTime
        guard !format.includesUTCOffset else { return format.format(wall) }
        wall.utcOffsetSeconds = nil
        let text = format.format(wall)
        let wallSeconds = start.secondsSinceEpoch + Int64(zonedStart.utcOffsetSeconds)
        guard case .repeated(let earlier, _, let later, _) = zone.resolve(wall: wallSeconds),
            later == start.secondsSinceEpoch
        else { return text }
        // Only the second of two windows showing the same wall time needs telling apart.
        let earlierTick = Timestamp(secondsSinceEpoch: earlier)
        guard schedule.next(after: earlierTick.advanced(byMicroseconds: -1)) == earlierTick else {
            return text
        }
        return text + StrftimeFormat.utcOffsetText(zonedStart.utcOffsetSeconds)
    }
}
