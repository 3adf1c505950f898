import Foundation

/// The ticks of one cron, or the union of several, in an IANA time zone, with Dagster's DST rules.
///
/// A tick whose wall time falls in a skipped hour moves to the end of the gap, unless the cron
/// fires every hour (`hour` is `*`), in which case it is skipped. A tick in a repeated hour fires
/// once, at the later instant, unless the cron fires every hour, in which case it fires at both
/// (dagster-semantics §1.2). Crons are matched on wall-clock fields with integer arithmetic; the
/// zone is asked only for UTC offsets, never for calendar arithmetic, which keeps a tick at a few
/// hundred nanoseconds. See docs/adr/0006-cron-dst-quirks.md for zones where Dagster differs.
public struct CronSchedule: Sendable, Hashable {
    /// The crons whose ticks are united.
    public var crons: [CronSyntax] { matchers.map(\.cron) }
    /// The zone ticks are computed in.
    public let zone: ZoneOffsets
    private let matchers: [CronWallMatcher]

    /// A schedule of one cron in a time zone.
    public init(_ cron: CronSyntax, timeZone: TimeZone) {
        self.init(crons: [cron], timeZone: timeZone)
    }

    /// A schedule firing at every tick of any of `crons` (a tick shared by two fires once).
    public init(crons: [CronSyntax], timeZone: TimeZone) {
        matchers = crons.map(CronWallMatcher.init)
        zone = ZoneOffsets(timeZone)
    }

    /// A schedule in the zone named by an IANA identifier; nil when the zone is unknown.
    public init?(crons: [CronSyntax], timeZoneIdentifier: String) {
        guard let timeZone = TimeZone(identifier: timeZoneIdentifier) else { return nil }
        self.init(crons: crons, timeZone: timeZone)
    }

    /// The first tick strictly after `instant`, or nil when there is none within nine years.
    public func next(after instant: Timestamp) -> Timestamp? {
        let seconds = instant.secondsSinceEpoch
        // Plain loops, not compactMap/min: partition walks call this once per window, and the
        // temporary arrays were a third of its cost.
        var found: Int64?
        for index in matchers.indices {
            if let tick = nextSecond(after: seconds, matchers[index]) { found = Swift.min(found ?? tick, tick) }
        }
        return found.map { Timestamp(secondsSinceEpoch: $0) }
    }

    /// The last tick strictly before `instant`, or nil when there is none within nine years.
    public func previous(before instant: Timestamp) -> Timestamp? {
        // Ticks are whole seconds, so "before" a fractional instant includes its whole second.
        let micros = instant.microsecondsSinceEpoch
        let ceiling = instant.secondsSinceEpoch + (micros % 1_000_000 == 0 ? 0 : 1)
        var found: Int64?
        for index in matchers.indices {
            if let tick = previousSecond(before: ceiling, matchers[index]) { found = Swift.max(found ?? tick, tick) }
        }
        return found.map { Timestamp(secondsSinceEpoch: $0) }
    }

    /// Whether a tick falls in `(start, end]`. A short span is first checked day by day (a
    /// schedule evaluated every minute asks about the last minute), so a cron whose next tick
    /// is months away answers without searching for it.
    public func hasTick(after start: Timestamp, notAfter end: Timestamp) -> Bool {
        guard end > start else { return false }
        let (first, last) = (start.secondsSinceEpoch, end.secondsSinceEpoch)
        if last - first <= 3 * 86_400 {
            // Wall days within two days either side cover every UTC offset there is.
            let days = (CronWallMatcher.split(first).0 - 2)...(CronWallMatcher.split(last).0 + 2)
            guard matchers.contains(where: { matcher in days.contains { matcher.matches(day: $0) } }) else { return false }
        }
        return next(after: start).map { $0 <= end } ?? false
    }

    /// The ticks in `[start, end)`, oldest first, at most `limit` of them.
    public func ticks(from start: Timestamp, until end: Timestamp, limit: Int) -> [Timestamp] {
        var result: [Timestamp] = []
        var cursor = Timestamp(microsecondsSinceEpoch: start.microsecondsSinceEpoch - 1)
        while result.count < limit, let tick = next(after: cursor), tick < end {
            result.append(tick)
            cursor = tick
        }
        return result
    }

    /// The instants a matched wall time fires at under Dagster's DST rules, earliest first
    /// (a pair rather than an array: this runs for every candidate tick).
    func instants(of resolution: ZoneOffsets.Resolution, everyHour: Bool) -> (Int64?, Int64?) {
        switch resolution {
        case .unique(let instant, _): (instant, nil)
        case .repeated(let earlier, _, let later, _): everyHour ? (earlier, later) : (later, nil)
        case .skipped(let transition, _, _): everyHour ? (nil, nil) : (transition, nil)
        }
    }

    private func nextSecond(after seconds: Int64, _ matcher: CronWallMatcher) -> Int64? {
        let nearby = offsetRange(around: seconds)
        // Any instant after `seconds` shows a wall time after `seconds + lowest offset`; a wall
        // time inside a gap moves forward, never back, so it cannot be earlier either.
        var wall = seconds + Int64(nearby.lowerBound) + 1
        var best: Int64?
        while let candidate = matcher.first(atOrAfter: wall) {
            let resolution = zone.resolve(wall: candidate)
            let highest = Int64(offsetRange(of: resolution).upperBound)
            if let best, candidate - highest > best { break }
            let (one, two) = instants(of: resolution, everyHour: matcher.firesEveryHour)
            if let tick = one, tick > seconds { best = Swift.min(best ?? tick, tick) }
            if let tick = two, tick > seconds { best = Swift.min(best ?? tick, tick) }
            // Wall times that exist once map to instants in order, and one before a repeated
            // interval or a gap maps before it, so no later candidate can fire earlier.
            if best != nil, case .unique = resolution { break }
            wall = candidate + 60
        }
        return best
    }

    private func previousSecond(before ceiling: Int64, _ matcher: CronWallMatcher) -> Int64? {
        let nearby = offsetRange(around: ceiling)
        var wall = ceiling + Int64(nearby.upperBound)
        var best: Int64?
        while let candidate = matcher.last(atOrBefore: wall) {
            let resolution = zone.resolve(wall: candidate)
            let lowest = Int64(offsetRange(of: resolution).lowerBound)
            if let best, candidate - lowest < best { break }
            let (one, two) = instants(of: resolution, everyHour: matcher.firesEveryHour)
            if let tick = one, tick < ceiling { best = Swift.max(best ?? tick, tick) }
            if let tick = two, tick < ceiling { best = Swift.max(best ?? tick, tick) }
            wall = candidate - 60
        }
        return best
    }

    /// The offsets in force within a day of an instant.
    private func offsetRange(around seconds: Int64) -> ClosedRange<Int> {
        let before = zone.offset(atSecond: seconds - 86_400)
        let at = zone.offset(atSecond: seconds)
        let after = zone.offset(atSecond: seconds + 86_400)
        return Swift.min(before, at, after)...Swift.max(before, at, after)
    }

    private func offsetRange(of resolution: ZoneOffsets.Resolution) -> ClosedRange<Int> {
        switch resolution {
        case .unique(_, let offset): offset...offset
        case .repeated(_, let earlier, _, let later),
            .skipped(_, let earlier, let later):
            Swift.min(earlier, later)...Swift.max(earlier, later)
        }
    }
}
