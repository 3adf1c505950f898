/// Wall-clock time, injected so that everything time-dependent can be tested and replayed.
///
/// Named `WallClock` because the standard library's `Clock` is for monotonic instants, and cron,
/// ledgers and `--now` need wall time. The engine reads it once per command and passes `now` down.
public protocol WallClock: Sendable {
    /// The current instant.
    func now() -> Timestamp
}

/// A clock that always answers the same instant: what `--now` installs.
public struct FixedWallClock: WallClock {
    /// The instant.
    public let instant: Timestamp

    /// Creates a clock frozen at `instant`.
    public init(_ instant: Timestamp) { self.instant = instant }

    public func now() -> Timestamp { instant }
}
