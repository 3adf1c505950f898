/// Which ticks of one schedule an evaluation at `now` handles, under its catch-up policy.
///
/// Candidates are the ticks in `(cursor, now]`, where the cursor is the later of the baseline
/// and the newest recorded tick. A schedule with no baseline (first evaluation, or first since
/// `schedule start`) or whose cron or zone changed gets a baseline at `now` instead, and so
/// never runs a tick from before it. Then:
/// - `latest`: the newest candidate alone (one run after downtime);
/// - `all`: candidates inside the catch-up window, oldest first, at most the tick cap; the next
///   evaluation continues after the last one handled;
/// - `none`: the newest candidate, run only when at most `Limits.scheduleOnTimeSeconds` late,
///   otherwise recorded as SKIPPED (which also moves the cursor past it).
public enum ScheduleDueTicks {
    /// One tick to record.
    public struct Due: Sendable, Hashable {
        public var scheduledFor: Timestamp
        /// Set when the tick is recorded as SKIPPED without being evaluated.
        public var skipReason: String?

        public init(scheduledFor: Timestamp, skipReason: String? = nil) {
            self.scheduledFor = scheduledFor
            self.skipReason = skipReason
        }
    }

    /// What the evaluation does for the schedule.
    public enum Decision: Sendable, Hashable {
        /// Nothing: stopped, or no tick is due.
        case idle
        /// Record a baseline at `now` with this reason; no tick runs in this evaluation.
        case setBaseline(reason: String)
        /// The schedule is stopped but keeps a baseline from when the file said running: clear
        /// it, so that running again starts over.
        case clearBaseline
        /// Record these ticks, oldest first; `deferred` more wait for later evaluations.
        case ticks([Due], deferred: Int)
    }

    /// Decides for one schedule.
    public static func decide(
        _ schedule: ScheduleDefinition, ticks: CronSchedule, status: AutomationStatus, progress: ScheduleProgress,
        now: Timestamp
    ) -> Decision {
        guard status == .running else { return progress.baselineSince == nil ? .idle : .clearBaseline }
        guard let cursor = progress.cursor else { return .setBaseline(reason: "first evaluation") }
        guard progress.baselineCadence == ScheduleCadence.key(schedule) else {
            return .setBaseline(reason: "cron or timezone changed")
        }
        // The common answer, every minute: nothing since the cursor.
        guard ticks.hasTick(after: cursor, notAfter: now) else { return .idle }
        switch schedule.catchup {
        case .latest:
            guard let tick = latest(ticks, after: cursor, now: now) else { return .idle }
            return .ticks([Due(scheduledFor: tick)], deferred: 0)
        case .none:
            guard let tick = latest(ticks, after: cursor, now: now) else { return .idle }
            let late = (now.microsecondsSinceEpoch - tick.microsecondsSinceEpoch) / 1_000_000
            guard late > Limits.scheduleOnTimeSeconds else { return .ticks([Due(scheduledFor: tick)], deferred: 0) }
            let reason = "missed by \(late)s; catchup: none runs a tick only within \(Limits.scheduleOnTimeSeconds)s"
            return .ticks([Due(scheduledFor: tick, skipReason: reason)], deferred: 0)
        case .all:
            return catchUpAll(schedule, ticks, cursor: cursor, now: now)
        }
    }

    /// The newest tick in `(cursor, now]`.
    static func latest(_ ticks: CronSchedule, after cursor: Timestamp, now: Timestamp) -> Timestamp? {
        guard let tick = ticks.previous(before: now.advanced(byMicroseconds: 1)), tick > cursor else { return nil }
        return tick
    }

    /// Ticks in `(max(cursor, now - window), now]`, oldest first, capped.
    private static func catchUpAll(_ schedule: ScheduleDefinition, _ ticks: CronSchedule, cursor: Timestamp, now: Timestamp)
        -> Decision
    {
        let windowMicros = schedule.catchupWindow.map(DurationSyntax.milliseconds).map { $0 * 1_000 }
            ?? Limits.scheduleCatchupWindowSeconds * 1_000_000
        let cap = schedule.maxCatchupTicks ?? Limits.scheduleMaxCatchupTicks
        var from = max(cursor, now.advanced(byMicroseconds: -windowMicros))
        var due: [Due] = []
        var deferred = 0
        while let tick = ticks.next(after: from), tick <= now {
            if due.count < cap { due.append(Due(scheduledFor: tick)) } else { deferred += 1 }
            from = tick
        }
        return due.isEmpty ? .idle : .ticks(due, deferred: deferred)
    }
}
