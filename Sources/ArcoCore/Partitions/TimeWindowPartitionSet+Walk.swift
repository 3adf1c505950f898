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
    func lastStart(now: Timestamp) -> Timestamp? {
        guard let first = firstIncluded else { return nil }
        var last = lastCompleteStart(by: now)
        if last.map({ $0 < first }) ?? false { last = nil }
        let offset = definition.endOffset
        if offset > 0 {
            // Windows after the last complete one, counted from before the first when none is.
            var cursor = last ?? first.advanced(byMicroseconds: -1)
            for _ in 0..<offset {
                guard let next = nextIncluded(after: cursor) else { break }
                cursor = next
            }
            last = cursor
        } else if offset < 0 {
            for _ in 0..<(-offset) { last = last.flatMap(previousIncluded(before:)) }
        }
        if let endLimit, let capped = lastCompleteStart(by: endLimit) {
            last = last.map { Swift.min($0, capped) }
        } else if endLimit != nil {
            last = nil
        }
        guard let last, last >= first else { return nil }
        return last
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
