import Foundation
import Synchronization

/// UTC offsets of one IANA time zone, and how a local wall-clock time maps to instants.
///
/// Wall times are "naive seconds": the local date and time counted as if it were UTC
/// (`CivilDate.daysSinceEpoch * 86_400 + seconds of day`), which lets cron fields be matched
/// with integer arithmetic and the zone be consulted only for offsets.
public struct ZoneOffsets: Sendable, Hashable {
    /// The zone's offsets come from here.
    public let timeZone: TimeZone
    private let table: OffsetTable

    /// Tables already read, by zone identifier: reading one costs up to a millisecond, and
    /// schedules and partition sets are created per evaluation. The tz data does not change
    /// while a process runs, so this memo cannot change any result.
    private static let tables = Mutex<[String: OffsetTable]>([:])

    /// Creates the offsets of a zone, reading its transitions from 1900 to 2200 once per process.
    public init(_ timeZone: TimeZone) {
        self.timeZone = timeZone
        let identifier = timeZone.identifier
        if let known = Self.tables.withLock({ $0[identifier] }) {
            table = known
            return
        }
        let table = OffsetTable(timeZone)
        Self.tables.withLock { $0[identifier] = table }
        self.table = table
    }

    /// Two values are equal when they describe the same zone; the table follows from it.
    public static func == (lhs: ZoneOffsets, rhs: ZoneOffsets) -> Bool {
        lhs.timeZone == rhs.timeZone
    }

    /// Hashes the zone only, consistently with `==`.
    public func hash(into hasher: inout Hasher) { hasher.combine(timeZone) }

    /// The offsets of a zone named by its IANA identifier; nil when the name is unknown.
    public init?(identifier: String) {
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        self.init(zone)
    }

    /// Whether the offset ever changes between 1900 and 2200: without changes, wall times have
    /// no gaps or repeats.
    public var changesOffset: Bool { table.changesOffset }

    /// The offset from UTC, in seconds, in force at an instant given in whole seconds.
    public func offset(atSecond second: Int64) -> Int {
        table.offset(atSecond: second)
            ?? timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(second)))
    }

    /// How a wall time maps to instants: once, twice (a repeated hour) or never (a skipped hour).
    public enum Resolution: Sendable, Hashable {
        /// The wall time exists once, at this instant (seconds since the epoch).
        case unique(instant: Int64, offset: Int)
        /// The wall time occurs twice; `earlier` uses the offset before the transition.
        case repeated(earlier: Int64, earlierOffset: Int, later: Int64, laterOffset: Int)
        /// The wall time was skipped; `transition` is the first instant after the gap.
        case skipped(transition: Int64, offsetBefore: Int, offsetAfter: Int)
    }

    /// Resolves a wall time (naive seconds) to the instants that show it.
    public func resolve(wall: Int64) -> Resolution {
        // An offset is at most ±26 h, so the offsets a day either side bracket every instant that
        // could show this wall time (zones do not change offset twice within two days).
        let before = offset(atSecond: wall - 86_400)
        let after = offset(atSecond: wall + 86_400)
        if before == after {
            let only = offset(atSecond: wall - Int64(before))
            return .unique(instant: wall - Int64(only), offset: only)
        }
        let early = wall - Int64(before)
        let late = wall - Int64(after)
        let earlyValid = offset(atSecond: early) == before
        let lateValid = offset(atSecond: late) == after
        switch (earlyValid, lateValid) {
        case (true, true):
            return early <= late
                ? .repeated(earlier: early, earlierOffset: before, later: late, laterOffset: after)
                : .repeated(earlier: late, earlierOffset: after, later: early, laterOffset: before)
        case (true, false): return .unique(instant: early, offset: before)
        case (false, true): return .unique(instant: late, offset: after)
        case (false, false):
            return .skipped(transition: transition(between: late, and: early, to: after),
                offsetBefore: before, offsetAfter: after)
        }
    }

    /// The instant a wall time means when read as Python reads a naive time (`fold=0`): the
    /// earlier of a repeated hour, and the offset before the transition inside a gap.
    public func instantReadingFoldZero(wall: Int64) -> Int64 {
        switch resolve(wall: wall) {
        case .unique(let instant, _): instant
        case .repeated(let earlier, _, _, _): earlier
        case .skipped(_, let offsetBefore, _): wall - Int64(offsetBefore)
        }
    }

    /// The first instant in `low...high` whose offset is `target`, found by bisection; the
    /// offset at `low` differs from `target` and the one at `high` equals it.
    private func transition(between low: Int64, and high: Int64, to target: Int) -> Int64 {
        var (low, high) = (min(low, high), max(low, high))
        guard offset(atSecond: high) == target else { return high }
        while high - low > 1 {
            let middle = low + (high - low) / 2
            if offset(atSecond: middle) == target { high = middle } else { low = middle }
        }
        return high
    }
}

/// A zone's offsets between its transitions, so that an offset costs a binary search rather
/// than a call into the tz database (which dominated the cost of listing hourly keys).
private struct OffsetTable: Sendable {
    /// 1900-01-01 and 2200-01-01 UTC: the span partitions and schedules live in.
    static let span: Range<Int64> = -2_208_988_800..<7_258_118_400
    /// The first second of each run of one offset, ascending; `starts[0]` is the span's start.
    private let starts: [Int64]
    private let offsets: [Int]

    init(_ zone: TimeZone) {
        var cursor = Date(timeIntervalSince1970: TimeInterval(Self.span.lowerBound))
        var starts = [Self.span.lowerBound]
        var offsets = [zone.secondsFromGMT(for: cursor)]
        while let next = zone.nextDaylightSavingTimeTransition(after: cursor), next > cursor {
            let second = Int64(next.timeIntervalSince1970.rounded(.down))
            guard second < Self.span.upperBound else { break }
            let offset = zone.secondsFromGMT(for: next)
            if offset != offsets[offsets.count - 1] {
                starts.append(second)
                offsets.append(offset)
            }
            cursor = next
        }
        self.starts = starts
        self.offsets = offsets
    }

    var changesOffset: Bool { offsets.count > 1 }

    /// The offset at a second inside the span; nil outside it.
    func offset(atSecond second: Int64) -> Int? {
        guard Self.span.contains(second) else { return nil }
        var low = 0
        var high = starts.count
        while high - low > 1 {
            let middle = (low + high) / 2
            if starts[middle] <= second { low = middle } else { high = middle }
        }
        return offsets[low]
    }
}
