/// Where a schedule's evaluation stands, as the projections record it.
public struct ScheduleProgress: Sendable, Hashable {
    /// Ticks at or before this instant never run; nil: not evaluated since started.
    public var baselineSince: Timestamp?
    /// The cadence the baseline was set for.
    public var baselineCadence: String?
    /// The newest recorded tick.
    public var lastScheduledFor: Timestamp?
    /// The version of the last baseline, so the next one is `baselineVersion + 1`.
    public var baselineVersion: Int64

    /// Creates progress; the defaults describe a schedule never evaluated.
    public init(
        baselineSince: Timestamp? = nil, baselineCadence: String? = nil, lastScheduledFor: Timestamp? = nil,
        baselineVersion: Int64 = 0
    ) {
        self.baselineSince = baselineSince
        self.baselineCadence = baselineCadence
        self.lastScheduledFor = lastScheduledFor
        self.baselineVersion = baselineVersion
    }

    /// The last instant already evaluated: ticks after it, up to now, are candidates.
    public var cursor: Timestamp? {
        guard let baselineSince else { return nil }
        guard let lastScheduledFor else { return baselineSince }
        return max(baselineSince, lastScheduledFor)
    }
}
