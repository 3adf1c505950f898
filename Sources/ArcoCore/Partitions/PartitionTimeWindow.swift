/// An instant together with the UTC offset its time zone had then, for printing local times.
public struct ZonedTimestamp: Sendable, Hashable, CustomStringConvertible {
    /// The instant.
    public var instant: Timestamp
    /// The zone's offset from UTC at that instant, in seconds.
    public var utcOffsetSeconds: Int

    /// Pairs an instant with its offset.
    public init(instant: Timestamp, utcOffsetSeconds: Int) {
        self.instant = instant
        self.utcOffsetSeconds = utcOffsetSeconds
    }

    /// The local wall-clock time, carrying its offset.
    public var wallDateTime: WallDateTime {
        let local = instant.secondsSinceEpoch + Int64(utcOffsetSeconds)
        let (day, second) = CronWallMatcher.split(local)
        return WallDateTime(date: CivilDate(daysSinceEpoch: day), hour: second / 3600,
            minute: second % 3600 / 60, second: second % 60, utcOffsetSeconds: utcOffsetSeconds)
    }

    /// ISO 8601 local time with offset, e.g. `2024-03-10T03:00:00-04:00` (UTC as `+00:00`).
    public var iso8601: String {
        let wall = wallDateTime
        var text = StrftimeFormat("%Y-%m-%dT%H:%M:%S").format(wall)
        let offset = StrftimeFormat.utcOffsetText(utcOffsetSeconds)
        text += offset.prefix(3) + ":" + offset.suffix(2)
        return text
    }

    /// The ISO 8601 local time with offset.
    public var description: String { iso8601 }
}

/// One time-window partition: its key and the window `[start, end)` it covers.
public struct PartitionTimeWindow: Sendable, Hashable {
    /// The partition key, the window start formatted with the definition's format.
    public var key: String
    /// The first instant of the window.
    public var start: ZonedTimestamp
    /// The first instant after the window (exclusive), the next tick of the cadence.
    public var end: ZonedTimestamp

    /// Creates a window.
    public init(key: String, start: ZonedTimestamp, end: ZonedTimestamp) {
        self.key = key
        self.start = start
        self.end = end
    }
}
