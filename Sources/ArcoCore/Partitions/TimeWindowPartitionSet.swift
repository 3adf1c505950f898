/// The partitions of a time-window definition at a given time: ordered keys, their windows and
/// Dagster's key lookup.
///
/// Windows are cut at the ticks of the cadence's cron in the definition's zone, with Dagster's
/// DST rules (`CronSchedule`). The first window starts at the first tick at or after `start`; the
/// last is the last one that has ended by `now`, moved by `endOffset` windows, and never one
/// that ends after `end`. Excluded windows are left out, but a window still ends at the next
/// tick. A key is the window start formatted with the key format; on a fall-back day, when an
/// earlier window showed the same wall time, the key gets the UTC offset appended
/// (`2024-11-03-01:00-0500`), so every key names one window.
public struct TimeWindowPartitionSet: Sendable {
    /// The definition the partitions come from.
    public let definition: TimeWindowPartitions
    /// The ticks that start windows.
    public let schedule: CronSchedule
    /// The key format.
    public let format: StrftimeFormat
    let zone: ZoneOffsets
    let firstTick: Timestamp
    let endLimit: Timestamp?
    let exclusionSchedule: CronSchedule?
    let excludedInstants: Set<Timestamp>
    /// Dagster reads the key itself as the window start for its two basic cadences.
    let isBasicCadence: Bool

    /// Prepares a definition: resolves its zone, cron, `start`, `end` and exclusions.
    ///
    /// - Throws: `TimeWindowPartitionError` for an unknown zone, an invalid cron, a cadence
    ///   without windows or a format that gives two consecutive windows the same key.
    public init(_ definition: TimeWindowPartitions) throws(TimeWindowPartitionError) {
        // Walking the offset costs a tick per window. `magnitude` rather than `abs`, which traps
        // on Int.min (`end_offset: -9223372036854775808` once crashed every command).
        guard definition.endOffset.magnitude <= UInt(Limits.windowOffsetMagnitudeMax) else {
            throw .endOffsetOutOfRange(definition.endOffset)
        }
        guard let zone = ZoneOffsets(identifier: definition.timezone) else {
            throw .unknownTimeZone(definition.timezone)
        }
        let cron = try Self.cron(of: definition.cadence)
        var exclusionCrons: [CronSyntax] = []
        var excluded: Set<Timestamp> = []
        for exclusion in definition.exclusions {
            switch exclusion {
            case .cron(let syntax): exclusionCrons.append(syntax)
            case .dateTime(let wall): excluded.insert(Self.instant(of: wall, in: zone))
            }
        }
        self.definition = definition
        self.zone = zone
        schedule = CronSchedule(crons: [cron], timeZone: zone.timeZone)
        format = StrftimeFormat(definition.format)
        exclusionSchedule = exclusionCrons.isEmpty
            ? nil : CronSchedule(crons: exclusionCrons, timeZone: zone.timeZone)
        excludedInstants = excluded
        endLimit = definition.end.map { Self.instant(of: $0, in: zone) }
        // Dagster's basic-cadence shortcut requires a definition without exclusions.
        isBasicCadence = ["0 * * * *", "0 0 * * *"].contains(definition.cronExpression) && definition.exclusions.isEmpty
        let start = Self.instant(of: definition.start, in: zone)
        guard let first = schedule.next(after: start.advanced(byMicroseconds: -1)) else {
            throw .noWindows
        }
        firstTick = first
        try checkFormatSeparatesWindows()
    }

    /// The keys, oldest first.
    public func keys(now: Timestamp) -> [String] {
        var keys: [String] = []
        forEachWindow(now: now, from: nil) { start, _ in
            keys.append(key(forStart: start))
            return true
        }
        return keys
    }

    /// The number of partitions, without formatting any key.
    public func count(now: Timestamp) -> Int {
        var count = 0
        forEachWindow(now: now, from: nil) { _, _ in
            count += 1
            return true
        }
        return count
    }

    /// At most `limit` keys, oldest first, starting at the window `from` maps to (see
    /// `window(forKey:)`), or at the first window when `from` is nil; the walk starts there
    /// rather than at the first window, so a page costs its own length.
    ///
    /// - Throws: `TimeWindowPartitionError.malformedKey` when `from` does not parse.
    public func keys(
        now: Timestamp, from: String?, limit: Int
    ) throws(TimeWindowPartitionError) -> [String] {
        let startingAt = try from.map { key throws(TimeWindowPartitionError) in
            try window(forKey: key).start.instant
        }
        var keys: [String] = []
        guard limit > 0 else { return keys }
        forEachWindow(now: now, from: startingAt) { start, _ in
            keys.append(key(forStart: start))
            return keys.count < limit
        }
        return keys
    }

    /// Every partition with its window, oldest first.
    public func windows(now: Timestamp) -> [PartitionTimeWindow] {
        var windows: [PartitionTimeWindow] = []
        forEachWindow(now: now, from: nil) { start, end in
            windows.append(PartitionTimeWindow(key: key(forStart: start), start: zoned(start),
                end: zoned(end)))
            return true
        }
        return windows
    }

    private static func cron(
        of cadence: TimeWindowCadence
    ) throws(TimeWindowPartitionError) -> CronSyntax {
        if case .cron(let syntax) = cadence { return syntax }
        do {
            return try CronSyntax.parse(cadence.cronExpression)
        } catch {
            throw .invalidCron(cadence.cronExpression, error)
        }
    }

    /// Dagster refuses a format that cannot tell windows apart (`%Y-%m` for daily windows).
    /// The first 1,000 windows are compared, which covers a whole cycle of every cadence whose
    /// keys could collide within a day or a week (two ticks a day, 12-hour clocks).
    private func checkFormatSeparatesWindows() throws(TimeWindowPartitionError) {
        // Every process that reads a partition builds this set, each backfill worker included;
        // the walk is most of that cost and cannot fail for the usual formats.
        if Self.formatShowsEveryTick(format, schedule.crons, changingOffsets: zone.changesOffset) { return }
        var seen = Set<String>()
        var tick: Timestamp? = firstTick
        for _ in 0..<1_000 {
            guard let start = tick else { return }
            let key = key(forStart: start)
            guard seen.insert(key).inserted else { throw .formatTooCoarse(format: format.pattern, key: key) }
            tick = schedule.next(after: start)
        }
    }

    /// Whether keys in `format` differ for any two ticks of `crons`. Ticks at the same wall time
    /// (a fall-back repeat) already get distinct keys from `key(forStart:)`, so a format showing
    /// the date, the hour and the minute always does. Without the hour or the minute it still does
    /// when every tick has the same one, but only in a zone whose offset never changes: a DST gap
    /// moves a tick to the gap's end, which can put two ticks on one date (Apia, 2011-12-31).
    static func formatShowsEveryTick(
        _ format: StrftimeFormat, _ crons: [CronSyntax], changingOffsets: Bool
    ) -> Bool {
        func shows(_ directive: Character) -> Bool { format.shows(directive) }
        func single(_ values: CronSyntax.Values) -> Bool {
            if case .only(let list) = values { return list.count == 1 }
            return false
        }
        guard shows("Y"), shows("j") || (shows("m") && shows("d")) else { return false }
        if shows("H"), shows("M") { return true }
        guard !changingOffsets else { return false }
        return crons.allSatisfy { cron in
            (single(cron.hours) || shows("H")) && (single(cron.minutes) || shows("M"))
        }
    }
}
