/// How a set is held to `Limits.partitionsPerDefinitionMax`.
///
/// A time-window set grows with time, so a definition valid today can pass the limit later;
/// commands therefore check the set they are about to use, not only `arco validate`.
extension PartitionSet {
    /// Whether the set has more than `limit` partitions at `now`.
    ///
    /// - Complexity: a static or dynamic list is counted; a time-window set is walked only when
    ///   its span could hold more than `limit` windows, and then at most `limit + 1` steps.
    public func hasMore(than limit: Int, now: Timestamp) -> Bool {
        switch self {
        case .timeWindow(let set): return set.hasMore(than: limit, now: now)
        case .keys(let keys): return keys.count > limit
        case .multi(let dimensions):
            var counts: [Int] = []
            for dimension in dimensions {
                // A dimension past the limit makes the product pass it too, unless another
                // dimension is empty; a product of nothing is nothing.
                if dimension.set.hasMore(than: limit, now: now) {
                    counts.append(limit + 1)
                } else {
                    counts.append(dimension.set.count(now: now))
                }
            }
            if counts.contains(0) { return false }
            var product = 1
            for count in counts {
                let (next, overflow) = product.multipliedReportingOverflow(by: count)
                if overflow || next > limit { return true }
                product = next
            }
            return false
        }
    }
}

extension TimeWindowPartitionSet {
    /// Whether the set has more than `limit` windows at `now`.
    public func hasMore(than limit: Int, now: Timestamp) -> Bool {
        guard let first = firstIncluded, let last = lastStart(now: now), last >= first else {
            return false
        }
        let span = last.secondsSinceEpoch - first.secondsSinceEpoch
        // Half the limit: a DST transition can bring two windows closer than the spacing (a
        // daily 02:30 moved to a gap's end), so the span bounds the count only to within a
        // factor; the walk decides whenever the span alone could be close.
        if span / Self.shortestTickSpacingSeconds(schedule.crons) < Int64(limit / 2) { return false }
        var count = 0
        forEachWindow(now: now, from: nil) { _, _ in
            count += 1
            return count <= limit
        }
        return count > limit
    }

    /// Seconds that, dividing a set's span, bound half its window count from above, so that a
    /// span far below the limit proves a set small without walking it. Ticks fall on whole wall
    /// minutes. A cron with one minute value ticks about hourly, one with a single hour and
    /// minute about daily; the spacings used (thirty minutes, twelve hours) are well below those,
    /// so the windows a DST change brings closer (a tick moved to the end of a gap, a repeated
    /// hour firing twice) cannot double the count. Any other cron, or a union, may tick every
    /// minute, and offsets with seconds (before 1900) can bring two ticks closer still, hence
    /// thirty seconds. `PartitionLimitTests` checks the bound in zones with odd transitions.
    static func shortestTickSpacingSeconds(_ crons: [CronSyntax]) -> Int64 {
        guard crons.count == 1, let cron = crons.first else { return 30 }
        func single(_ values: CronSyntax.Values) -> Bool {
            if case .only(let list) = values { return list.count == 1 }
            return false
        }
        guard single(cron.minutes) else { return 30 }
        return single(cron.hours) ? 12 * 3_600 : 30 * 60
    }
}
